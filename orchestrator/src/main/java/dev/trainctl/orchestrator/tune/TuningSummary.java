package dev.trainctl.orchestrator.tune;

import dev.trainctl.orchestrator.cli.TerminalText;
import dev.trainctl.training.text.ShellWords;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a tuning job comes to: its status, every trial, the best one and where its model is, and the commands to
 * look at that model. The same for SageMaker and the emulation.
 *
 * @param bestModel {@code s3://.../TRIAL/output/model.tar.gz} of the best trial, null until there is one
 */
public record TuningSummary(String tuningJobName, String status, String strategy, String objectiveMetric,
        String objectiveType, List<Trial> trials, Trial bestTrial, String bestModel, String failureReason) {

    public TuningSummary {
        trials = List.copyOf(trials);
    }

    /** Short lines for people: the best trial and what to do with it. */
    public List<String> lines(String endpointOption) {
        List<String> lines = new ArrayList<>();
        long done = trials.stream().filter(t -> "Completed".equals(t.status())).count();
        lines.add("tuning job " + tuningJobName + ": " + status + " (" + done + " of " + trials.size()
                + " trials completed, " + strategy + " search, " + objectiveType.toLowerCase(Locale.ROOT) + " "
                + objectiveMetric + ")");
        if (failureReason != null) {
            lines.add("reason: " + TerminalText.escape(failureReason));
        }
        if (bestTrial != null) {
            lines.add(String.format(Locale.ROOT, "best trial %s: %s=%.4f with %s", bestTrial.name(), objectiveMetric,
                    bestTrial.objective(), TuningJobRequests.shortly(bestTrial.hyperparameters())));
            lines.add("its model: " + bestModel);
            lines.add("evaluate it: trainctl " + endpointOption + "evaluate --model " + ShellWords.quote(bestModel));
            lines.add("report:      trainctl " + endpointOption + "report --model " + ShellWords.quote(bestModel));
        }
        return lines;
    }
}
