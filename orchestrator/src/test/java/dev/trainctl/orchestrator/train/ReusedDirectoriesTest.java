package dev.trainctl.orchestrator.train;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trainctl.orchestrator.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a second run finds in the directories of a first one, on real MNIST through the command line. */
class ReusedDirectoriesTest {

    @TempDir
    Path temp;

    @Test
    void threeEpochsThenOneIntoTheSameModelDirEvaluatesToTheOneEpochModel() throws Exception {
        JsonObject three = train("--epochs", "3");
        JsonObject one = train("--epochs", "1");

        CliRun evaluate = CliRun.of("evaluate", "--model", temp.resolve("model").toString(), "--output", "json");

        assertThat(evaluate.exitCode()).as(evaluate.err()).isZero();
        JsonObject evaluated = JsonParser.parseString(evaluate.out()).getAsJsonObject();
        assertThat(evaluated.get("test_loss").getAsDouble()).isEqualTo(one.get("test_loss").getAsDouble())
                .isNotEqualTo(three.get("test_loss").getAsDouble());
        try (Stream<Path> files = Files.list(temp.resolve("model"))) {
            assertThat(files.map(f -> f.getFileName().toString())).contains("mnist-mlp-0001.params")
                    .doesNotContain("mnist-mlp-0003.params");
        }
    }

    @Test
    void evaluateOnATruncatedParametersFileNamesItAndExits3() throws Exception {
        train("--epochs", "1");
        Path params = temp.resolve("model/mnist-mlp-0001.params");
        Files.write(params, Arrays.copyOf(Files.readAllBytes(params), 1000));

        CliRun run = CliRun.of("evaluate", "--model", temp.resolve("model").toString());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).startsWith("trainctl: " + params + " does not match the SHA-256 that model.json"
                + " records").doesNotContain("null").doesNotContain("Exception");
    }

    @Test
    void parametersZeroedAtTheSameSizeAreRefusedByEveryLoader() throws Exception {
        train("--epochs", "1");
        Path model = temp.resolve("model");
        Path params = model.resolve("mnist-mlp-0001.params");
        byte[] bytes = Files.readAllBytes(params);
        Arrays.fill(bytes, 100_000, 102_000, (byte) 0);
        Files.write(params, bytes);

        for (String[] command : new String[][] {{"evaluate"}, {"predict", "--index", "0"},
                {"report", "--out", temp.resolve("report").toString()}}) {
            String[] args = Stream.concat(Arrays.stream(command), Stream.of("--model", model.toString()))
                    .toArray(String[]::new);
            CliRun run = CliRun.of(args);

            assertThat(run.exitCode()).as(command[0]).isEqualTo(3);
            assertThat(run.err()).as(command[0]).contains(params + " does not match the SHA-256 that model.json"
                    + " records (expected ").doesNotContain("Exception");
            assertThat(run.out()).as(command[0]).isEmpty();
        }
    }

    @Test
    void aModelWithoutARecordedHashIsUsedWithAWarning() throws Exception {
        train("--epochs", "1");
        Path json = temp.resolve("model/model.json");
        JsonObject card = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        card.remove("parameters_sha256");
        Files.writeString(json, card.toString());

        CliRun run = CliRun.of("evaluate", "--model", temp.resolve("model").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("trainctl: warning: " + temp.resolve("model") + ": model.json records no"
                + " SHA-256 of mnist-mlp-0001.params (the model was written by an older trainctl), so a damaged"
                + " parameters file cannot be detected; train it again to record one");
    }

    @Test
    void resumingFromATruncatedCheckpointNamesTheFileAndHowToContinue() throws Exception {
        train("--epochs", "1");
        Path state = temp.resolve("checkpoints/checkpoint.ndlist");
        Files.write(state, Arrays.copyOf(Files.readAllBytes(state), 5000));

        CliRun run = run("--epochs", "2", "--resume");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("trainctl: the checkpoint in " + temp.resolve("checkpoints")
                + " is damaged: checkpoint.ndlist does not match").contains("train without --resume")
                .doesNotContain("usage:").doesNotContain("Exception");
    }

    @Test
    void aResumeWithOtherSettingsIsRefusedBeforeAnyDataIsReadNamingEveryDifference() throws Exception {
        train("--epochs", "1");
        Path noData = Files.createDirectories(temp.resolve("no-data"));

        CliRun run = CliRun.of("train", "--max-train-samples", "500", "--batch-size", "64", "--seed", "7",
                "--epochs", "2", "--resume", "--data-dir", noData.toString(),
                "--model-dir", temp.resolve("model").toString(), "--checkpoint-dir", temp.resolve("checkpoints").toString());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).isEqualTo("trainctl: the checkpoint in " + temp.resolve("checkpoints") + " was trained"
                + " with other settings (--batch-size 32 in the checkpoint, 64 in this run; --seed 42 in the"
                + " checkpoint, 7 in this run; 1000 training images per epoch in the checkpoint, 500 in this run"
                + " (--max-train-samples, --dataset)): only --epochs may change when resuming; run with the"
                + " checkpoint's settings, or without --resume to start afresh (the checkpoint is then replaced)\n");
        assertThat(noData).isEmptyDirectory();
    }

    @Test
    void resumingARunThatIsCompleteSaysSoAndWritesTheModel() throws Exception {
        JsonObject first = train("--epochs", "2");

        CliRun run = run("--epochs", "2", "--resume", "--output", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("already holds all 2 epochs: nothing left to train; writing the model from it");
        assertThat(JsonParser.parseString(run.out()).getAsJsonObject().get("test_loss").getAsDouble())
                .isEqualTo(first.get("test_loss").getAsDouble());
    }

    private JsonObject train(String... options) {
        String[] json = Arrays.copyOf(options, options.length + 2);
        json[options.length] = "--output";
        json[options.length + 1] = "json";
        CliRun run = run(json);
        assertThat(run.exitCode()).as(run.err()).isZero();
        return JsonParser.parseString(run.out()).getAsJsonObject();
    }

    private CliRun run(String... options) {
        String[] args = Stream.concat(Stream.of("train", "--max-train-samples", "1000",
                "--model-dir", temp.resolve("model").toString(),
                "--checkpoint-dir", temp.resolve("checkpoints").toString()), Arrays.stream(options))
                .toArray(String[]::new);
        return CliRun.of(args);
    }
}
