package dev.trainctl.orchestrator.evaluate;

import ai.djl.Device;
import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.Invocation;
import dev.trainctl.orchestrator.cli.TrainctlException;
import dev.trainctl.training.artifacts.ModelArtifacts;
import dev.trainctl.training.artifacts.TrainedModel;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code --model DIR}, shared by evaluate and predict. */
public final class ModelOptions {

    private ModelOptions() {}

    public static Options addTo(Options options) {
        return options.addOption(Option.builder().longOpt("model").hasArg().argName("DIR|S3_URI")
                .desc("a model directory written by 'trainctl train', or s3://.../model.tar.gz (required)").get());
    }

    public static Path modelDir(Invocation invocation) {
        // A local directory, or s3://.../model.tar.gz (SageMaker and --on emulated write those).
        return dev.trainctl.orchestrator.emulate.ModelLocation.resolve(invocation, invocation.value("model")
                .orElseThrow(() -> TrainctlException.usage("--model DIR is required")));
    }

    public static TrainedModel load(Path directory, Device device) {
        try {
            return ModelArtifacts.load(directory, device);
        } catch (IOException e) {
            throw notAModel(directory, e);
        }
    }

    /** Exit code 3 for a directory whose model files cannot be read, with how to make one. */
    public static TrainctlException notAModel(Path directory, IOException e) {
        return new TrainctlException(ExitCode.DATA, e.getMessage()
                + " (train one with 'trainctl train --on local --model-dir " + directory + "')", e);
    }
}
