package dev.trainctl.orchestrator.tune;

import dev.trainctl.orchestrator.cli.TerminalText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterTrainingJobSummary;

/**
 * One training job of a tuning job, as the trial table shows it and {@code --output json} prints it.
 *
 * @param name the trial's training job name, {@code TUNINGJOB-NNN-xxxxxxxx}
 * @param hyperparameters the tuned values it ran with
 * @param status InProgress, Completed, Failed, Stopped
 * @param objective the objective metric's final value, null while unknown
 * @param seconds training time, null while unknown
 * @param failureReason why it failed, if it did
 */
public record Trial(String name, Map<String, String> hyperparameters, String status, Double objective, Long seconds,
        String failureReason) {

    public Trial {
        hyperparameters = Map.copyOf(new TreeMap<>(hyperparameters));
    }

    static Trial of(HyperParameterTrainingJobSummary summary) {
        Double objective = summary.finalHyperParameterTuningJobObjectiveMetric() == null ? null
                : summary.finalHyperParameterTuningJobObjectiveMetric().value() == null ? null
                : summary.finalHyperParameterTuningJobObjectiveMetric().value().doubleValue();
        Long seconds = summary.trainingStartTime() == null || summary.trainingEndTime() == null ? null
                : Duration.between(summary.trainingStartTime(), summary.trainingEndTime()).toSeconds();
        return new Trial(summary.trainingJobName(), summary.tunedHyperParameters(), summary.trainingJobStatusAsString(),
                objective, seconds, summary.failureReason());
    }

    public boolean finished() {
        return !"InProgress".equals(status) && !"Stopping".equals(status);
    }

    /** The table's header, for the objective's metric name. */
    static String header(String metric) {
        return String.format(Locale.ROOT, "%-42s %-46s %-10s %13s %8s", "TRIAL", "HYPERPARAMETERS", "STATUS", metric,
                "SECONDS");
    }

    String row() {
        // The name, values and status come from AWS (DescribeTrainingJob of a trial).
        return String.format(Locale.ROOT, "%-42s %-46s %-10s %13s %8s", TerminalText.escape(name),
                TerminalText.escape(TuningJobRequests.shortly(hyperparameters)), TerminalText.escape(status),
                objective == null ? "-" : String.format(Locale.ROOT, "%.4f", objective),
                seconds == null ? "-" : String.valueOf(seconds));
    }

    /** The lines for a list of trials, header first. */
    static List<String> table(String metric, List<Trial> trials) {
        List<String> lines = new ArrayList<>();
        lines.add(header(metric));
        trials.forEach(t -> lines.add(t.row()));
        return lines;
    }
}
