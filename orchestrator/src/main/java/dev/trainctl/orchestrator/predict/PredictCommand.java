package dev.trainctl.orchestrator.predict;

import ai.djl.Device;
import dev.trainctl.orchestrator.cli.Command;
import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.Invocation;
import dev.trainctl.orchestrator.cli.OptionRules;
import dev.trainctl.orchestrator.cli.TrainctlException;
import dev.trainctl.orchestrator.aws.AwsClients;
import dev.trainctl.orchestrator.data.DataOptions;
import dev.trainctl.orchestrator.endpoints.EndpointInvoker;
import dev.trainctl.orchestrator.endpoints.EndpointOptions;
import dev.trainctl.orchestrator.evaluate.ModelOptions;
import dev.trainctl.orchestrator.train.EngineOptions;
import dev.trainctl.training.artifacts.TrainedModel;
import dev.trainctl.training.data.Dataset;
import dev.trainctl.training.data.DatasetStore;
import dev.trainctl.training.data.DigitImages;
import dev.trainctl.training.data.ImageSet;
import dev.trainctl.training.serving.ImageBatch;
import dev.trainctl.training.serving.Prediction;
import java.nio.file.Path;
import java.util.Optional;
import java.util.List;
import java.util.Locale;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code trainctl predict}: the digit (or class) a saved model sees in an image file or a test-set image. */
public final class PredictCommand implements Command {

    /** Where {@code --on emulated} finds the user's running endpoints ({@code XDG_RUNTIME_DIR}). */
    private final java.util.Map<String, String> environment;

    public PredictCommand() {
        this(System.getenv());
    }

    public PredictCommand(java.util.Map<String, String> environment) {
        this.environment = environment;
    }

    /**
     * The JSON result: {@code digit} is the predicted class's number (a digit for MNIST), {@code className} how it
     * reads ("7", "9 Ankle boot"); {@code label} is the true class for {@code --index}, null for an image file.
     */
    record Result(String input, int digit, String className, float[] probabilities, Integer label) {}

    @Override
    public List<String> path() {
        return List.of("predict");
    }

    @Override
    public String summary() {
        return "predict the digit in --image FILE.png or test image --index N";
    }

    @Override
    public OptionRules rules() {
        return EndpointOptions.rules(OptionRules.none().unused("does nothing here: predict sends no AWS requests that"
                + " change anything", "dry-run")
                .conflicts("index", "image").conflicts("dataset", "image").conflicts("data-dir", "image"));
    }

    @Override
    public Options options() {
        Options options = ModelOptions.addToWithEndpoint(new Options())
                .addOption(Option.builder().longOpt("image").hasArg().argName("FILE")
                        .desc("a picture of one digit (PNG, JPEG, ...), scaled to 28x28").get())
                .addOption(Option.builder().longOpt("index").hasArg().argName("N")
                        .desc("the N-th image of the test set (0-9999)").get());
        return EndpointOptions.addTo(EngineOptions.addTo(DataOptions.addTo(options)));
    }

    @Override
    public ExitCode run(Invocation invocation) {
        if (invocation.has("image") == invocation.has("index")) {
            throw TrainctlException.usage("give exactly one of --image FILE or --index N");
        }
        Optional<String> endpoint = EndpointOptions.endpoint(invocation);
        if (endpoint.isPresent()) {
            return onEndpoint(invocation, endpoint.get());
        }
        Path modelDir = ModelOptions.modelDirWithoutEndpoint(invocation);
        EngineOptions.configureThreads(invocation);
        Device device = EngineOptions.device(invocation, EngineOptions.engine());
        try (TrainedModel model = ModelOptions.load(invocation, modelDir, device)) {
            Question question = question(invocation, () -> ModelOptions.dataset(invocation, model.card(),
                    invocation.value("model", ""), "the test image --index picks"));
            Dataset vocabulary = invocation.has("dataset") ? DataOptions.dataset(invocation)
                    : Dataset.vocabularyOf(model.card().dataset());
            warnIfBlank(invocation, question, vocabulary);
            float[] probabilities = model.probabilities(question.images(), question.index());
            show(invocation, question.input(), vocabulary, Prediction.of(probabilities), question.label(invocation));
        }
        return ExitCode.OK;
    }

    /** The same question asked of a deployed endpoint, through InvokeEndpoint. */
    private ExitCode onEndpoint(Invocation invocation, String endpoint) {
        Question question = question(invocation, () -> DataOptions.dataset(invocation));
        Dataset vocabulary = DataOptions.dataset(invocation);
        warnIfBlank(invocation, question, vocabulary);
        try (AwsClients aws = EndpointOptions.clients(invocation, endpoint, environment)) {
            Prediction prediction = new EndpointInvoker(aws.sageMakerRuntime()).predict(endpoint,
                    ImageBatch.of(question.images(), question.index(), question.index() + 1)).get(0);
            show(invocation, question.input() + " via endpoint " + endpoint, vocabulary, prediction, question.label(invocation));
        }
        return ExitCode.OK;
    }

    /** The image asked about: a picture file, or the N-th test image of a data set. */
    private record Question(ImageSet images, int index, String input) {
        Integer label(Invocation invocation) {
            return invocation.has("index") ? images.label(index) : null;
        }
    }

    /** {@code --image}, or {@code --index} in {@code --dataset} (else {@code defaultDataset}). */
    private static Question question(Invocation invocation, java.util.function.Supplier<Dataset> defaultDataset) {
        if (invocation.has("image")) {
            Path file = Path.of(invocation.value("image", ""));
            return new Question(DataOptions.orDataError(() -> DigitImages.read(file)), 0, file.toString());
        }
        Dataset dataset = defaultDataset.get();
        DatasetStore store = DataOptions.store(invocation, dataset);
        DataOptions.orDataError(() -> store.ensure(false));
        ImageSet images = DataOptions.orDataError(store::loadTest);
        int index = invocation.intValue("index", 0, 0, 9999);
        if (index >= images.count()) {
            throw TrainctlException.usage("--index must be between 0 and " + (images.count() - 1));
        }
        return new Question(images, index, dataset.id() + " test image " + index);
    }

    /** A blank picture still gets a confident answer from any model: say so first. */
    private static void warnIfBlank(Invocation invocation, Question question, Dataset vocabulary) {
        if (invocation.has("image") && DigitImages.looksBlank(question.images(), question.index())) {
            invocation.console().warn("trainctl: warning: " + question.input() + " looks blank: "
                    + DigitImages.inkedPixels(question.images(), question.index()) + " of "
                    + question.images().pixelsPerImage() + " pixels carry ink once scaled to 28x28, so the model's"
                    + " answer below means little (a model always names a class; give a picture of one "
                    + vocabulary.classNoun() + ", dark on light or light on dark)");
        }
    }

    private static void show(Invocation invocation, String input, Dataset vocabulary, Prediction prediction,
            Integer label) {
        float[] probabilities = prediction.probabilities();
        int digit = prediction.digit();
        invocation.console().say(input + ": " + vocabulary.classNoun() + " " + vocabulary.describe(digit)
                + (label == null ? "" : " (true label " + vocabulary.describe(label) + ")"));
        for (int i = 0; i < probabilities.length; i++) {
            String name = vocabulary.namesClasses() ? String.format(Locale.ROOT, "%-14s",
                    vocabulary.describe(i).substring(Integer.toString(i).length() + 1)) : "";
            invocation.console().say(String.format(Locale.ROOT, "  %d  %6.4f  %s%s", i, probabilities[i], name,
                    "#".repeat(Math.round(probabilities[i] * 40))));
        }
        invocation.console().result(new Result(input, digit, vocabulary.describe(digit), probabilities, label));
    }
}
