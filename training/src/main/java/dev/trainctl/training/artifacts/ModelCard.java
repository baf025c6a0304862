package dev.trainctl.training.artifacts;

import dev.trainctl.training.data.DataFile;
import dev.trainctl.training.data.Dataset;
import dev.trainctl.training.engine.EngineInfo;
import dev.trainctl.training.model.MnistMlp;
import dev.trainctl.training.train.Hyperparameters;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The contents of {@code model.json}: what was trained, on what, with what, so a model can be reproduced and
 * loaded without guessing.
 *
 * @param parametersSha256 hex SHA-256 of the parameters file, which every loader checks; null in models written
 *     before it was recorded (they load with a warning)
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
        String createdAt,
        String parametersSha256) {

    public static final String FORMAT = "trainctl-mnist-mlp/1";
    public static final String NORMALIZATION = "(x / 255 - 0.5) / 0.5";

    /** The card for a model trained now with these settings; {@code epochs} names the parameters file. */
    public static ModelCard of(Hyperparameters hyperparameters, Dataset dataset, String device, EngineInfo engine,
            int epochs, String trainctlVersion) {
        Map<String, String> hashes = new LinkedHashMap<>();
        for (DataFile file : dataset.files().all()) {
            hashes.put(file.name(), file.sha256());
        }
        return new ModelCard(FORMAT, MnistMlp.describe(hyperparameters.hiddenSize()), MnistMlp.INPUTS,
                hyperparameters.hiddenSize(), MnistMlp.CLASSES, NORMALIZATION,
                String.format("%s-%04d.params", MnistMlp.NAME, epochs), hyperparameters, dataset.id(), hashes,
                device, engine, System.getProperty("java.version"), trainctlVersion, Instant.now().toString(), null);
    }

    /** This card, recording the SHA-256 of the parameters file as written. */
    public ModelCard withParametersSha256(String sha256) {
        return new ModelCard(format, architecture, inputs, hiddenSize, classes, normalization, parametersFile,
                hyperparameters, dataset, dataSha256, device, engine, javaVersion, trainctlVersion, createdAt, sha256);
    }
}
