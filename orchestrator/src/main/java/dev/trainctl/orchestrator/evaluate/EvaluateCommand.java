package dev.trainctl.orchestrator.evaluate;

import ai.djl.Device;
import dev.trainctl.orchestrator.cli.Command;
import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.Invocation;
import dev.trainctl.orchestrator.cli.OptionRules;
import dev.trainctl.orchestrator.data.DataOptions;
import dev.trainctl.orchestrator.train.EngineOptions;
import dev.trainctl.training.artifacts.MetricsReport;
import dev.trainctl.training.artifacts.ModelArtifacts;
import dev.trainctl.training.artifacts.TrainedModel;
import dev.trainctl.training.data.Dataset;
import dev.trainctl.training.data.DatasetStore;
import dev.trainctl.training.data.ImageSet;
import dev.trainctl.training.train.Evaluation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.commons.cli.Options;

/** {@code trainctl evaluate}: recomputes a saved model's test accuracy and compares it with what training recorded. */
public final class EvaluateCommand implements Command {

    /** The JSON result; {@code recordedTestAccuracy} is null when the model has no metrics.json. */
    record Result(String model, String dataset, double testAccuracy, double testLoss, int testCorrect, int testCount,
            Double recordedTestAccuracy, long[][] confusionMatrix) {}

    @Override
    public List<String> path() {
        return List.of("evaluate");
    }

    @Override
    public String summary() {
        return "recompute a saved model's test accuracy, loss and confusion matrix";
    }

    @Override
    public OptionRules rules() {
        return OptionRules.none().unused("does nothing here: evaluate sends no AWS requests that change anything", "dry-run");
    }

    @Override
    public Options options() {
        return EngineOptions.addTo(DataOptions.addTo(ModelOptions.addTo(new Options())));
    }

    @Override
    public ExitCode run(Invocation invocation) throws IOException {
        Path modelDir = ModelOptions.modelDir(invocation);
        EngineOptions.configureThreads(invocation);
        Device device = EngineOptions.device(invocation, EngineOptions.engine());
        try (TrainedModel model = ModelOptions.load(invocation, modelDir, device)) {
            Dataset dataset = invocation.has("dataset") ? DataOptions.dataset(invocation)
                    : Dataset.fromId(model.card().dataset());
            DatasetStore store = DataOptions.store(invocation, dataset);
            DataOptions.orDataError(() -> store.ensure(false));
            ImageSet test = DataOptions.orDataError(store::loadTest);
            Evaluation evaluation = model.evaluate(test);
            Double recorded = recordedAccuracy(modelDir);
            String location = invocation.value("model", modelDir.toString());
            invocation.console().say(String.format(Locale.ROOT, "%s on %s test set: accuracy %.4f (%d/%d), loss %.4f%s",
                    location, dataset.id(), evaluation.accuracy(), evaluation.correct(), evaluation.count(),
                    evaluation.loss(), recorded == null ? ""
                            : String.format(Locale.ROOT, " (training recorded %.4f)", recorded)));
            invocation.console().say(ConfusionMatrixText.render(evaluation.confusion(), dataset));
            invocation.console().result(new Result(location, dataset.id(), evaluation.accuracy(),
                    evaluation.loss(), evaluation.correct(), evaluation.count(), recorded, evaluation.confusion()));
        }
        return ExitCode.OK;
    }

    private static Double recordedAccuracy(Path modelDir) {
        try {
            MetricsReport metrics = ModelArtifacts.readMetrics(modelDir);
            return metrics.finalMetrics().testAccuracy();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
