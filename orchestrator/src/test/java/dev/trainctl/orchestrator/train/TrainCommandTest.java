package dev.trainctl.orchestrator.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainctl.orchestrator.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Argument handling of train, evaluate and predict; none of these runs reaches the data or the engine. */
class TrainCommandTest {

    @Test
    void unknownModeIsAUsageError() {
        CliRun run = CliRun.of("train", "--on", "mars");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--on mars: unknown mode");
    }

    @Test
    void invalidHyperparameterNamesTheRange() {
        CliRun run = CliRun.of("train", "--epochs", "0");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("trainctl: --epochs must be a whole number from 1 to 1000, got '0'\n"
                + "see 'trainctl train --help'\n");
    }

    @Test
    void unknownDatasetIsAUsageError() {
        CliRun run = CliRun.of("train", "--dataset", "cifar");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("unknown dataset 'cifar' (choose mnist or fashion-mnist)");
    }

    @Test
    void numbersAreTakenOnlyAsTyped() {
        for (String[] typed : new String[][] {{"--epochs", "\u0661"}, {"--seed", "\u0667"}, {"--learning-rate", "0x1p-3"},
                {"--learning-rate", "0.001d"}, {"--learning-rate", "1e-300"}, {"--batch-size", "0x10"}}) {
            CliRun run = CliRun.of("train", typed[0], typed[1], "--model-dir", "never", "--checkpoint-dir", "never-c");

            assertThat(run.exitCode()).as(String.join(" ", typed)).isEqualTo(2);
            assertThat(run.err()).as(String.join(" ", typed)).startsWith("trainctl: " + typed[0] + " must be ");
        }
        CliRun tune = CliRun.of("tune", "--on", "sagemaker", "--learning-rate", "0x1p-9:0.1", "--dry-run");
        assertThat(tune.exitCode()).isEqualTo(2);
        assertThat(tune.err()).contains("'0x1p-9' is not a number");
    }

    @Test
    void evaluateNeedsAModel() {
        CliRun run = CliRun.of("evaluate");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("give --model DIR|S3_URI, or --endpoint NAME to ask a deployed model");
    }

    @Test
    void predictNeedsExactlyOneInput() {
        CliRun run = CliRun.of("predict", "--model", "m", "--index", "1", "--image", "x.png");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--index cannot be combined with --image; give one of them");
    }

    @Test
    void evaluatingADirectoryThatIsNotAModelSaysSo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path empty) {
        CliRun run = CliRun.of("evaluate", "--model", empty.toString());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("not a trainctl model directory");
    }

    @Test
    void aModelDirBelowARegularFileFailsBeforeTrainingWithoutUsageText(@TempDir Path temp) throws Exception {
        Path file = Files.writeString(temp.resolve("file"), "x");

        CliRun run = CliRun.of("train", "--model-dir", file.resolve("model").toString(),
                "--checkpoint-dir", temp.resolve("checkpoints").toString());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).startsWith("trainctl: --model-dir " + file.resolve("model") + ": ")
                .contains(file.toString()).doesNotContain("usage:").doesNotContain("Exception");
        assertThat(run.out()).doesNotContain("training");
    }

    @Test
    void aCheckpointDirThatIsAFileFailsBeforeTraining(@TempDir Path temp) throws Exception {
        Path file = Files.writeString(temp.resolve("checkpoints"), "x");

        CliRun run = CliRun.of("train", "--model-dir", temp.resolve("model").toString(),
                "--checkpoint-dir", file.toString());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).isEqualTo("trainctl: --checkpoint-dir " + file + ": " + file
                + " is a file, not a directory; choose a directory you can write to" + System.lineSeparator());
    }

    @Test
    void aDataDirThatIsAFileIsNamedAsSuch(@TempDir Path temp) throws Exception {
        Path file = Files.writeString(temp.resolve("passwd"), "root:x:0:0");

        CliRun run = CliRun.of("train", "--data-dir", file.toString(), "--model-dir", temp.resolve("model").toString(),
                "--checkpoint-dir", temp.resolve("checkpoints").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("trainctl: --data-dir " + file + " is a file, not a directory: give the"
                + " directory that holds (or is to hold) the four IDX files\n");
        assertThat(Files.readString(file)).isEqualTo("root:x:0:0");
    }

    @Test
    void moreTrainingImagesThanTheDataSetHasAreCappedWithANote() {
        boolean credentials;
        try (var chain = software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider.builder().build()) {
            chain.resolveCredentials();
            credentials = true;
        } catch (RuntimeException none) {
            credentials = false;
        }
        org.junit.jupiter.api.Assumptions.assumeFalse(credentials, "this machine has AWS credentials");

        CliRun run = CliRun.of("train", "--on", "sagemaker", "--dry-run", "--region", "eu-west-1",
                "--max-train-samples", "100000000");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("note: --max-train-samples 100000000 is more than the 60000 training images of"
                + " mnist: training on all 60000\n");
        assertThat(run.out()).contains("\"max_train_samples\": \"60000\"");
    }
}
