package dev.trainctl.training.sagemaker;

import java.nio.file.Path;
import java.util.Map;

/**
 * The directories of SageMaker's training container contract under one root, {@code /opt/ml} in a real job. The
 * root comes from {@code SM_ROOT} when set, so the same contract runs in a temporary directory (emulated mode,
 * tests) with no container.
 */
public record ContainerPaths(Path root) {

    /** The environment variable that moves the root; unset (or blank) means {@code /opt/ml}. */
    public static final String ROOT_VARIABLE = "SM_ROOT";
    public static final Path DEFAULT_ROOT = Path.of("/opt/ml");
    /** The only channel the trainer reads. */
    public static final String TRAIN_CHANNEL = "train";

    public static ContainerPaths fromEnvironment(Map<String, String> environment) {
        String root = environment.get(ROOT_VARIABLE);
        return new ContainerPaths(root == null || root.isBlank() ? DEFAULT_ROOT : Path.of(root));
    }

    public Path config() {
        return root.resolve("input").resolve("config");
    }

    public Path hyperparameters() {
        return config().resolve("hyperparameters.json");
    }

    public Path resourceConfig() {
        return config().resolve("resourceconfig.json");
    }

    public Path inputDataConfig() {
        return config().resolve("inputdataconfig.json");
    }

    public Path channel(String name) {
        return root.resolve("input").resolve("data").resolve(name);
    }

    public Path model() {
        return root.resolve("model");
    }

    /** Synced to the job's CheckpointConfig S3 URI by SageMaker (managed spot training). */
    public Path checkpoints() {
        return root.resolve("checkpoints");
    }

    public Path output() {
        return root.resolve("output");
    }

    /** SageMaker reads this file's text into the job's FailureReason. */
    public Path failure() {
        return output().resolve("failure");
    }
}
