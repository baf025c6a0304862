package dev.trainctl.training.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trainctl.training.data.ImageSet;
import dev.trainctl.training.engine.EngineInfo;
import dev.trainctl.training.train.Evaluation;
import dev.trainctl.training.train.Hyperparameters;
import dev.trainctl.training.train.MnistTrainer;
import dev.trainctl.training.train.SyntheticDigits;
import dev.trainctl.training.train.TrainingListener;
import dev.trainctl.training.train.TrainingResult;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelArtifactsTest {

    private static final Hyperparameters ONE_EPOCH = new Hyperparameters(1, 32, 1e-3, 5, 24);

    @TempDir
    static Path directory;

    private static ImageSet test;
    private static TrainingResult result;

    @BeforeAll
    static void trainAndWrite() throws Exception {
        ImageSet train = SyntheticDigits.generate(800, 1);
        test = SyntheticDigits.generate(200, 2);
        try (MnistTrainer trainer = new MnistTrainer(ONE_EPOCH, Device.cpu())) {
            result = trainer.fit(train, test, TrainingListener.NONE, MnistTrainer.EpochHook.NONE);
            ModelCard card = new ModelCard(ModelCard.FORMAT, "mlp", 784, 24, 10, ModelCard.NORMALIZATION,
                    "mnist-mlp-0001.params", ONE_EPOCH, "synthetic", Map.of("train", "abc"), "cpu()",
                    EngineInfo.current(), "17", "test", "2026-11-25T00:00:00Z", null);
            ModelArtifacts.write(directory, trainer, result, card);
        }
    }

    @Test
    void aCardDescribingANetworkTrainctlDoesNotBuildIsDamagedNotAUsageError(@TempDir Path edited) throws Exception {
        String card = Files.readString(directory.resolve(ModelArtifacts.MODEL_JSON));
        Files.writeString(edited.resolve(ModelArtifacts.MODEL_JSON), card.replaceFirst("\"hidden_size\": \\d+",
                "\"hidden_size\": -5"));

        assertThatThrownBy(() -> ModelArtifacts.readCard(edited)).isInstanceOf(java.io.IOException.class)
                .hasMessageStartingWith(edited.resolve(ModelArtifacts.MODEL_JSON) + " describes a network trainctl"
                        + " does not build (inputs 784, hidden_size -5, classes 10;");
    }

    @Test
    void writesTheWholeLayout() {
        assertThat(directory.resolve("mnist-mlp-0001.params")).isRegularFile();
        assertThat(directory.resolve(ModelArtifacts.WEIGHTS_NPZ)).isRegularFile();
        assertThat(directory.resolve(ModelArtifacts.MODEL_JSON)).isRegularFile();
        assertThat(directory.resolve(ModelArtifacts.METRICS_JSON)).isRegularFile();
    }

    @Test
    void loadedModelReproducesTheReportedTestAccuracy() throws Exception {
        try (TrainedModel model = ModelArtifacts.load(directory, Device.cpu())) {
            Evaluation evaluation = model.evaluate(test);
            assertThat(evaluation.correct()).isEqualTo(result.finalEvaluation().correct());
        }
    }

    @Test
    void probabilitiesSumToOneAndFavourThePredictedClass() throws Exception {
        try (TrainedModel model = ModelArtifacts.load(directory, Device.cpu())) {
            float[] probabilities = model.probabilities(test, 0);
            assertThat(probabilities).hasSize(10);
            double sum = 0;
            for (float p : probabilities) {
                sum += p;
            }
            assertThat(sum).isBetween(0.999, 1.001);
        }
    }

    @Test
    void weightsNpzHoldsNumpyArraysNamedLikePyTorch() throws Exception {
        List<String> entries = new ArrayList<>();
        try (InputStream file = Files.newInputStream(directory.resolve(ModelArtifacts.WEIGHTS_NPZ));
                ZipInputStream zip = new ZipInputStream(file)) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                entries.add(entry.getName());
                byte[] head = zip.readNBytes(6);
                assertThat(head).startsWith((byte) 0x93, (byte) 'N', (byte) 'U', (byte) 'M', (byte) 'P', (byte) 'Y');
            }
        }
        assertThat(entries).containsExactly("fc1.weight.npy", "fc1.bias.npy", "fc2.weight.npy", "fc2.bias.npy");
    }

    @Test
    void metricsJsonHasEpochsFinalAccuracyAndConfusionMatrix() throws Exception {
        JsonObject metrics = JsonParser.parseString(Files.readString(directory.resolve(ModelArtifacts.METRICS_JSON)))
                .getAsJsonObject();
        assertThat(metrics.getAsJsonArray("epochs")).hasSize(1);
        JsonObject last = metrics.getAsJsonObject("final_metrics");
        assertThat(last.get("test_accuracy").getAsDouble()).isEqualTo(result.finalEvaluation().accuracy());
        assertThat(last.getAsJsonArray("confusion_matrix")).hasSize(10);
        long total = 0;
        for (var row : last.getAsJsonArray("confusion_matrix")) {
            for (var cell : row.getAsJsonArray()) {
                total += cell.getAsLong();
            }
        }
        assertThat(total).isEqualTo(200);
    }

    @Test
    void metricsJsonSaysWhereTheNumbersWereMeasured() throws Exception {
        JsonObject metrics = JsonParser.parseString(Files.readString(directory.resolve(ModelArtifacts.METRICS_JSON)))
                .getAsJsonObject();
        EngineInfo engine = EngineInfo.current();
        assertThat(metrics.get("device").getAsString()).isEqualTo("cpu()");
        assertThat(metrics.get("engine_version").getAsString()).isEqualTo(engine.engineVersion()).isNotBlank();
        assertThat(metrics.get("flavor").getAsString()).isEqualTo(engine.flavor()).isNotEqualTo("unknown");
    }

    @Test
    void modelJsonRoundTripsAndRecordsTheEngine() throws Exception {
        ModelCard card = ModelArtifacts.readCard(directory);
        assertThat(card.hiddenSize()).isEqualTo(24);
        assertThat(card.hyperparameters()).isEqualTo(ONE_EPOCH);
        assertThat(card.engine().engine()).isEqualTo("PyTorch");
        assertThat(card.engine().flavor()).isEqualTo("cpu");
    }

    @Test
    void aSecondModelWrittenIntoTheSameDirectoryReplacesTheFirstWhole(@TempDir Path reused) throws Exception {
        ImageSet train = SyntheticDigits.generate(800, 1);
        Hyperparameters threeEpochs = ONE_EPOCH.withEpochs(3);
        TrainingResult three = trainAndWrite(reused, threeEpochs, train);
        TrainingResult one = trainAndWrite(reused, ONE_EPOCH, train);

        try (Stream<Path> files = Files.list(reused)) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted())
                    .containsExactly("metrics.json", "mnist-mlp-0001.params", "model.json", "weights.npz");
        }
        try (TrainedModel model = ModelArtifacts.load(reused, Device.cpu())) {
            Evaluation evaluation = model.evaluate(test);
            assertThat(evaluation.loss()).isEqualTo(one.finalEvaluation().loss())
                    .isNotEqualTo(three.finalEvaluation().loss());
        }
    }

    @Test
    void theParametersFileModelJsonNamesIsLoadedNotTheHighestEpoch(@TempDir Path model) throws Exception {
        ImageSet train = SyntheticDigits.generate(800, 1);
        TrainingResult one = trainAndWrite(model, ONE_EPOCH, train);
        Path stray = model.resolve("mnist-mlp-0009.params");
        Files.write(stray, new byte[] {1, 2, 3}); // a leftover of another run, copied in by hand

        try (TrainedModel loaded = ModelArtifacts.load(model, Device.cpu())) {
            assertThat(loaded.evaluate(test).loss()).isEqualTo(one.finalEvaluation().loss());
        }
    }

    @Test
    void modelJsonNamingAMissingParametersFileIsAClearError(@TempDir Path model) throws Exception {
        trainAndWrite(model, ONE_EPOCH, SyntheticDigits.generate(200, 1));
        Files.delete(model.resolve("mnist-mlp-0001.params"));

        assertThatThrownBy(() -> ModelArtifacts.load(model, Device.cpu()))
                .hasMessage(model.resolve("model.json") + " names mnist-mlp-0001.params, which is missing from "
                        + model + ": the model directory is incomplete; train the model again, or copy the whole"
                        + " directory again");
    }

    @Test
    void aTruncatedParametersFileOfAModelWithoutAHashIsNamedAsDamaged(@TempDir Path model) throws Exception {
        trainAndWrite(model, ONE_EPOCH, SyntheticDigits.generate(200, 1));
        forgetTheHash(model);
        Path params = model.resolve("mnist-mlp-0001.params");
        Files.write(params, Arrays.copyOf(Files.readAllBytes(params), 1000));

        assertThatThrownBy(() -> ModelArtifacts.load(model, Device.cpu()))
                .hasMessageStartingWith(params + " is damaged or truncated")
                .hasMessageNotContaining("null")
                .hasMessageNotContaining("Exception");
    }

    @Test
    void modelJsonRecordsTheSha256OfTheParametersFile() throws Exception {
        assertThat(ModelArtifacts.readCard(directory).parametersSha256())
                .isEqualTo(ModelArtifacts.sha256(directory.resolve("mnist-mlp-0001.params"))).hasSize(64);
    }

    @Test
    void parametersZeroedInsideTheFileAtTheSameSizeAreRefusedNamingTheFile(@TempDir Path model) throws Exception {
        trainAndWrite(model, ONE_EPOCH, SyntheticDigits.generate(200, 1));
        Path params = model.resolve("mnist-mlp-0001.params");
        byte[] bytes = Files.readAllBytes(params);
        Arrays.fill(bytes, 20_000, 22_000, (byte) 0);
        Files.write(params, bytes);

        assertThatThrownBy(() -> ModelArtifacts.load(model, Device.cpu()))
                .hasMessageStartingWith(params + " does not match the SHA-256 that model.json records (expected ")
                .hasMessageEndingWith("the file was damaged or changed after training; train the model again, or"
                        + " copy the whole model directory again");
    }

    @Test
    void aModelWrittenBeforeTheHashWasRecordedStillLoads(@TempDir Path model) throws Exception {
        TrainingResult trained = trainAndWrite(model, ONE_EPOCH, SyntheticDigits.generate(200, 1));
        forgetTheHash(model);

        try (TrainedModel loaded = ModelArtifacts.load(model, Device.cpu())) {
            assertThat(loaded.card().parametersSha256()).isNull();
            assertThat(loaded.evaluate(test).loss()).isEqualTo(trained.finalEvaluation().loss());
        }
    }

    /** Makes the model look like one written before model.json recorded the parameters' SHA-256. */
    private static void forgetTheHash(Path model) throws Exception {
        Path json = model.resolve(ModelArtifacts.MODEL_JSON);
        JsonObject card = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        card.remove("parameters_sha256");
        Files.writeString(json, card.toString());
    }

    private static TrainingResult trainAndWrite(Path directory, Hyperparameters hyperparameters, ImageSet train)
            throws Exception {
        try (MnistTrainer trainer = new MnistTrainer(hyperparameters, Device.cpu())) {
            TrainingResult trained = trainer.fit(train, test, TrainingListener.NONE, MnistTrainer.EpochHook.NONE);
            ModelCard card = new ModelCard(ModelCard.FORMAT, "mlp", 784, 24, 10, ModelCard.NORMALIZATION,
                    String.format("mnist-mlp-%04d.params", hyperparameters.epochs()), hyperparameters, "synthetic",
                    Map.of("train", "abc"), "cpu()", EngineInfo.current(), "17", "test", "2026-11-25T00:00:00Z", null);
            ModelArtifacts.write(directory, trainer, trained, card);
            return trained;
        }
    }

    @Test
    void aDirectoryWithoutModelJsonIsNamedInTheError(@TempDir Path empty) {
        assertThatThrownBy(() -> ModelArtifacts.load(empty, Device.cpu()))
                .hasMessageContaining(empty.toString())
                .hasMessageContaining("not a trainctl model directory");
    }

    @Test
    void modelJsonNamesTheNativesByVersionAndFlavorAndHoldsNoPathOfThisMachine() throws Exception {
        String json = Files.readString(directory.resolve(ModelArtifacts.MODEL_JSON));
        JsonObject engine = JsonParser.parseString(json).getAsJsonObject().getAsJsonObject("engine");

        assertThat(engine.keySet()).doesNotContain("native_library_path");
        assertThat(engine.get("engine_version").getAsString()).isEqualTo("2.7.1");
        assertThat(engine.get("flavor").getAsString()).isEqualTo("cpu");
        assertThat(json).doesNotContain(System.getProperty("user.home") + "/")
                .doesNotContain(EngineInfo.nativeLibraryPath());
    }
}
