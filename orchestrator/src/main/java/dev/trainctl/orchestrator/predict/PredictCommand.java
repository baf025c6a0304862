package dev.trainctl.orchestrator.predict;

import ai.djl.Device;
import dev.trainctl.orchestrator.cli.Command;
import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.Invocation;
import dev.trainctl.orchestrator.cli.OptionRules;
import dev.trainctl.orchestrator.cli.TrainctlException;
import dev.trainctl.orchestrator.data.DataOptions;
import dev.trainctl.orchestrator.evaluate.ModelOptions;
import dev.trainctl.orchestrator.train.EngineOptions;
import dev.trainctl.training.artifacts.TrainedModel;
import dev.trainctl.training.data.Dataset;
import dev.trainctl.training.data.DatasetStore;
import dev.trainctl.training.data.DigitImages;
import dev.trainctl.training.data.ImageSet;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code trainctl predict}: the digit (or class) a saved model sees in an image file or a test-set image. */
public final class PredictCommand implements Command {

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
        return OptionRules.none().unused("does nothing here: predict sends no AWS requests that change anything", "dry-run")
                .conflicts("index", "image").conflicts("dataset", "image").conflicts("data-dir", "image");
    }

    @Override
    public Options options() {
        Options options = ModelOptions.addTo(new Options())
                .addOption(Option.builder().longOpt("image").hasArg().argName("FILE")
                        .desc("a picture of one digit (PNG, JPEG, ...), scaled to 28x28").get())
                .addOption(Option.builder().longOpt("index").hasArg().argName("N")
                        .desc("the N-th image of the test set (0-9999)").get());
        return EngineOptions.addTo(DataOptions.addTo(options));
    }

    @Override
    public ExitCode run(Invocation invocation) {
        Path modelDir = ModelOptions.modelDir(invocation);
        if (invocation.has("image") == invocation.has("index")) {
            throw TrainctlException.usage("give exactly one of --image FILE or --index N");
        }
        EngineOptions.configureThreads(invocation);
        Device device = EngineOptions.device(invocation, EngineOptions.engine());
        try (TrainedModel model = ModelOptions.load(invocation, modelDir, device)) {
            Dataset vocabulary = invocation.has("dataset") ? DataOptions.dataset(invocation)
                    : Dataset.vocabularyOf(model.card().dataset());
            ImageSet images;
            int index;
            String input;
            if (invocation.has("image")) {
                Path file = Path.of(invocation.value("image", ""));
                images = DataOptions.orDataError(() -> DigitImages.read(file));
                index = 0;
                input = file.toString();
            } else {
                Dataset dataset = invocation.has("dataset") ? DataOptions.dataset(invocation)
                        : Dataset.fromId(model.card().dataset());
                DatasetStore store = DataOptions.store(invocation, dataset);
                DataOptions.orDataError(() -> store.ensure(false));
                images = DataOptions.orDataError(store::loadTest);
                index = invocation.intValue("index", 0, 0, 9999);
                if (index < 0 || index >= images.count()) {
                    throw TrainctlException.usage("--index must be between 0 and " + (images.count() - 1));
                }
                input = dataset.id() + " test image " + index;
            }
            if (invocation.has("image") && DigitImages.looksBlank(images, index)) {
                invocation.console().warn("trainctl: warning: " + input + " looks blank: "
                        + DigitImages.inkedPixels(images, index) + " of " + images.pixelsPerImage() + " pixels carry"
                        + " ink once scaled to 28x28, so the model's answer below means little (a model always names"
                        + " a class; give a picture of one " + vocabulary.classNoun() + ", dark on light or light on"
                        + " dark)");
            }
            float[] probabilities = model.probabilities(images, index);
            int digit = TrainedModel.mostLikely(probabilities);
            Integer label = invocation.has("index") ? images.label(index) : null;
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
        return ExitCode.OK;
    }
}
