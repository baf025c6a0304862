package dev.trainctl.orchestrator.train;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trainctl.orchestrator.cli.CliRun;
import dev.trainctl.orchestrator.docs.DocBlocks;
import dev.trainctl.training.data.Dataset;
import dev.trainctl.training.data.DatasetStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real thing: MNIST fetched through the same code path as a user's first run (into the default cache), one
 * epoch of training through the CLI, then evaluate and predict on the saved model.
 */
class RealMnistTrainingTest {

    @TempDir
    static Path output;

    private static JsonObject trained;

    @BeforeAll
    static void trainOneEpoch() {
        CliRun run = CliRun.of("train", "--on", "local", "--epochs", "1", "--output", "json",
                "--model-dir", output.resolve("model").toString(),
                "--checkpoint-dir", output.resolve("checkpoints").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        trained = JsonParser.parseString(run.out()).getAsJsonObject();
    }

    @Test
    void oneEpochReachesAtLeast93PercentTestAccuracy() {
        assertThat(trained.get("test_accuracy").getAsDouble()).isGreaterThanOrEqualTo(0.93);
        assertThat(trained.get("test_count").getAsInt()).isEqualTo(10_000);
        assertThat(trained.get("device").getAsString()).isEqualTo("cpu()");
        assertThat(trained.getAsJsonArray("epochs")).hasSize(1);
    }

    @Test
    void evaluateReproducesTheAccuracyTrainingReported() {
        CliRun run = CliRun.of("evaluate", "--model", output.resolve("model").toString(), "--output", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonObject evaluated = JsonParser.parseString(run.out()).getAsJsonObject();
        assertThat(evaluated.get("test_correct").getAsInt()).isEqualTo(trained.get("test_correct").getAsInt());
        assertThat(evaluated.get("recorded_test_accuracy").getAsDouble())
                .isEqualTo(trained.get("test_accuracy").getAsDouble());
    }

    @Test
    void dataFetchEvaluateAndPredictPrintTheFormatTheReadmeShows() {
        String model = output.resolve("model").toString();
        CliRun evaluate = CliRun.of("evaluate", "--model", model);
        CliRun predict = CliRun.of("predict", "--model", model, "--index", "0");
        CliRun fetch = CliRun.of("data", "fetch");

        // The serving blocks (deploy-emulated and its calls) are checked by EmulatedDeploymentTest.
        DocBlocks.assertFormat("data-fetch", fetch.out().replace(
                DatasetStore.defaultDirectory(Dataset.MNIST).toString(), "~/.cache/trainctl/mnist"));
        DocBlocks.assertFormat("evaluate", evaluate.out().replace(model, "trainctl-output/model"));
        DocBlocks.assertFormat("predict", predict.out());
    }

    @Test
    void predictNamesTheDigitOfATestImage() {
        // Test image 0 of MNIST is a 7.
        CliRun run = CliRun.of("predict", "--model", output.resolve("model").toString(), "--index", "0",
                "--output", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonObject prediction = JsonParser.parseString(run.out()).getAsJsonObject();
        assertThat(prediction.get("label").getAsInt()).isEqualTo(7);
        assertThat(prediction.get("digit").getAsInt()).isEqualTo(7);
        assertThat(prediction.getAsJsonArray("probabilities")).hasSize(10);
    }

    @Test
    void trainingWritesTheReportBesideTheModel() throws Exception {
        Path model = output.resolve("model");

        for (String png : List.of("curves.png", "confusion.png", "mistakes.png")) {
            assertThat(ImageIO.read(model.resolve(png).toFile())).as(png).isNotNull();
        }
        assertThat(Files.readString(model.resolve("report.html")))
                .contains("The 25 test images the model gets wrong with the highest probability")
                .contains(model.toAbsolutePath().toString());
    }

    @Test
    void reportRebuildsTheSamePlotsFromTheSavedModel() throws Exception {
        Path model = output.resolve("model");
        Path rebuilt = output.resolve("rebuilt");

        CliRun run = CliRun.of("report", "--model", model.toString(), "--out", rebuilt.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        for (String png : List.of("curves.png", "confusion.png", "mistakes.png")) {
            assertThat(Files.readAllBytes(rebuilt.resolve(png))).as(png)
                    .isEqualTo(Files.readAllBytes(model.resolve(png)));
        }
        assertThat(rebuilt.resolve("report.html")).isNotEmptyFile();
    }
}
