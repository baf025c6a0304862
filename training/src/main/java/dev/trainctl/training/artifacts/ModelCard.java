package dev.trainctl.training.artifacts;

import dev.trainctl.training.engine.EngineInfo;
import dev.trainctl.training.train.Hyperparameters;
import java.util.Map;

/**
 * The contents of {@code model.json}: what was trained, on what, with what, so a model can be reproduced and
 * loaded without guessing.
 */
public record ModelCard(
        String format,
        String architecture,
        int inputs,
        int hiddenSize,
        int classes,
        String normalization,
        String parametersFile,
        Hyperparameters hyperparameters,
        String dataset,
        Map<String, String> dataSha256,
        String device,
        EngineInfo engine,
        String javaVersion,
        String trainctlVersion,
        String createdAt) {

    public static final String FORMAT = "trainctl-mnist-mlp/1";
    public static final String NORMALIZATION = "(x / 255 - 0.5) / 0.5";
}
