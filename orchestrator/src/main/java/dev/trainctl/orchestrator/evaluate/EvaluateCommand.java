package dev.trainctl.orchestrator.evaluate;

import ai.djl.Device;
import dev.trainctl.orchestrator.cli.Command;
import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.Invocation;
import dev.trainctl.orchestrator.cli.OptionRules;
import dev.trainctl.orchestrator.aws.AwsClients;
import dev.trainctl.orchestrator.data.DataOptions;
import dev.trainctl.orchestrator.endpoints.EndpointInvoker;
import dev.trainctl.orchestrator.endpoints.EndpointOptions;
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
import java.util.Optional;
import org.apache.commons.cli.Options;

/** {@code trainctl evaluate}: recomputes a saved model's test accuracy and compares it with what training recorded. */
public final class EvaluateCommand implements Command {

    /** Where {@code --on emulated} finds the user's running endpoints ({@code XDG_RUNTIME_DIR}). */
    private final java.util.Map<String, String> environment;

    public EvaluateCommand() {
        this(System.getenv());
    }

    public EvaluateCommand(java.util.Map<String, String> environment) {
        this.environment = environment;
    }

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
        return EndpointOptions.rules(OptionRules.none().unused("does nothing here: evaluate sends no AWS requests that"
                + " change anything", "dry-run"));
    }

    @Override
    public Options options() {
        return EndpointOptions.addTo(EngineOptions.addTo(DataOptions.addTo(ModelOptions.addToWithEndpoint(new Options()))));
    }

    @Override
    public ExitCode run(Invocation invocation) throws IOException {
        Optional<String> endpoint = EndpointOptions.endpoint(invocation);
        if (endpoint.isPresent()) {
            return onEndpoint(invocation, endpoint.get());
        }
        Path modelDir = ModelOptions.modelDirWithoutEndpoint(invocation);
        EngineOptions.configureThreads(invocation);
        Device device = EngineOptions.device(invocation, EngineOptions.engine());
        try (TrainedModel model = ModelOptions.load(invocation, modelDir, device)) {
            Dataset dataset = ModelOptions.dataset(invocation, model.card(), invocation.value("model", ""),
                    "the test images it is evaluated on");
            DatasetStore store = DataOptions.store(invocation, dataset);
            DataOptions.orDataError(() -> store.ensure(false));
            ImageSet test = DataOptions.orDataError(store::loadTest);
            Evaluation evaluation = model.evaluate(test);
            Double recorded = recordedAccuracy(modelDir);
            report(invocation, invocation.value("model", modelDir.toString()), dataset, evaluation, recorded);
        }
        return ExitCode.OK;
    }

    /**
     * The test set through a deployed endpoint, {@value EndpointInvoker#BATCH} images per InvokeEndpoint: the same
     * accuracy and confusion matrix as {@code evaluate --model} on the model it serves.
     */
    private ExitCode onEndpoint(Invocation invocation, String endpoint) {
        Dataset dataset = DataOptions.dataset(invocation);
        DatasetStore store = DataOptions.store(invocation, dataset);
        DataOptions.orDataError(() -> store.ensure(false));
        ImageSet test = DataOptions.orDataError(store::loadTest);
        Evaluation evaluation;
        try (AwsClients aws = EndpointOptions.clients(invocation, endpoint, environment)) {
            evaluation = new EndpointInvoker(aws.sageMakerRuntime()).evaluate(endpoint, test,
                    done -> invocation.console().verbose("  " + done + "/" + test.count() + " images"));
        }
        report(invocation, "endpoint " + endpoint, dataset, evaluation, null);
        return ExitCode.OK;
    }

    private static void report(Invocation invocation, String what, Dataset dataset, Evaluation evaluation,
            Double recorded) {
        invocation.console().say(String.format(Locale.ROOT, "%s on %s test set: accuracy %.4f (%d/%d), loss %.4f%s",
                what, dataset.id(), evaluation.accuracy(), evaluation.correct(), evaluation.count(),
                evaluation.loss(), recorded == null ? ""
                        : String.format(Locale.ROOT, " (training recorded %.4f)", recorded)));
        invocation.console().say(ConfusionMatrixText.render(evaluation.confusion(), dataset));
        invocation.console().result(new Result(what, dataset.id(), evaluation.accuracy(),
                evaluation.loss(), evaluation.correct(), evaluation.count(), recorded, evaluation.confusion()));
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
