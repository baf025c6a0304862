package dev.trainctl.orchestrator.evaluate;

import ai.djl.Device;
import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.Invocation;
import dev.trainctl.orchestrator.cli.TrainctlException;
import dev.trainctl.orchestrator.data.DataOptions;
import dev.trainctl.orchestrator.emulate.ModelLocation;
import dev.trainctl.training.artifacts.ModelArtifacts;
import dev.trainctl.training.artifacts.ModelCard;
import dev.trainctl.training.artifacts.TrainedModel;
import dev.trainctl.training.data.Dataset;
import dev.trainctl.training.text.ShellWords;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code --model DIR}, shared by evaluate and predict. */
public final class ModelOptions {

    private ModelOptions() {}

    public static Options addTo(Options options) {
        return addTo(options, "required");
    }

    /** For a command that can ask an endpoint instead ({@code predict}, {@code evaluate}). */
    public static Options addToWithEndpoint(Options options) {
        return addTo(options, "required unless --endpoint");
    }

    private static Options addTo(Options options, String requirement) {
        return options.addOption(Option.builder().longOpt("model").hasArg().argName("DIR|S3_URI")
                .desc("a model directory written by 'trainctl train', or s3://.../model.tar.gz (" + requirement + ")")
                .get());
    }

    public static Path modelDir(Invocation invocation) {
        return modelDir(invocation, "--model DIR is required");
    }

    /** {@link #modelDir} for a command that was not given {@code --endpoint} either. */
    public static Path modelDirWithoutEndpoint(Invocation invocation) {
        return modelDir(invocation, "give --model DIR|S3_URI, or --endpoint NAME to ask a deployed model");
    }

    private static Path modelDir(Invocation invocation, String missing) {
        // A local directory, or s3://.../model.tar.gz (SageMaker and --on emulated write those).
        return ModelLocation.resolve(invocation, invocation.value("model")
                .orElseThrow(() -> TrainctlException.usage(missing)));
    }

    /**
     * Loads the model {@code --model} named, unpacked into {@code directory}: a damaged or missing file is exit code
     * 3; a model whose {@code model.json} records no hash of its parameters (written by an older trainctl) loads with
     * a warning that its parameters cannot be checked.
     */
    public static TrainedModel load(Invocation invocation, Path directory, Device device) {
        String location = invocation.value("model", directory.toString());
        TrainedModel model;
        try {
            model = ModelArtifacts.load(directory, device);
        } catch (IOException e) {
            throw notAModel(directory, location, e);
        }
        warnIfUnverified(invocation, model.card(), location);
        return model;
    }

    /** The warning for a model that records no SHA-256 of its parameters file. */
    public static void warnIfUnverified(Invocation invocation, ModelCard card, String location) {
        if (card.parametersSha256() == null) {
            invocation.console().warn("trainctl: warning: " + location + ": model.json records no SHA-256 of "
                    + card.parametersFile() + " (the model was written by an older trainctl), so a damaged"
                    + " parameters file cannot be detected; train it again to record one");
        }
    }

    /**
     * Exit code 3 for a model whose files cannot be read, naming the model as given ({@code location}, not the
     * temporary directory an archive was unpacked into), with how to make one for a local directory.
     */
    /**
     * The data set of {@code --dataset}, else the one the model was trained on; a model of a data set trainctl cannot
     * fetch needs {@code --dataset} (exit code 2, saying so).
     *
     * @param purpose what the images are for ("the test images it is evaluated on")
     */
    public static Dataset dataset(Invocation invocation, ModelCard card, String location, String purpose) {
        if (invocation.has("dataset")) {
            Dataset given = DataOptions.dataset(invocation);
            if (card.dataset() != null && !given.id().equals(card.dataset())) {
                invocation.console().warn("warning: " + location + " was trained on " + card.dataset() + "; --dataset "
                        + given.id() + " takes " + purpose + " from another data set, so the results say little about"
                        + " the model");
            }
            return given;
        }
        try {
            return Dataset.fromId(card.dataset());
        } catch (IllegalArgumentException e) {
            throw TrainctlException.usage(location + " was trained on the data set '" + card.dataset() + "', which"
                    + " trainctl cannot fetch: pass --dataset mnist or --dataset fashion-mnist (with --data-dir) for "
                    + purpose);
        }
    }

    public static TrainctlException notAModel(Path directory, String location, IOException e) {
        boolean unpacked = !directory.toString().equals(location);
        return new TrainctlException(ExitCode.DATA, ModelLocation.inWords(e.getMessage(), directory, location)
                + (unpacked ? "" : " (train one with 'trainctl train --on local --model-dir "
                        + ShellWords.quote(directory.toString()) + "')"), e);
    }
}
