package dev.trainctl.orchestrator.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainctl.orchestrator.cli.CliRun;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model card, checkpoint record or checkpoint state replaced by something huge or endless (3 GB of zeros, a link
 * to /dev/zero) is refused with a message naming the file and exit code 3, never an out-of-memory stack trace.
 */
class OversizedFilesTest {

    @TempDir
    static Path temp;
    static Path model;
    static Path checkpoints;

    @BeforeAll
    static void train() {
        model = temp.resolve("model");
        checkpoints = temp.resolve("checkpoints");
        assertThat(CliRun.of("train", "--epochs", "1", "--max-train-samples", "300", "--model-dir", model.toString(),
                "--checkpoint-dir", checkpoints.toString()).exitCode()).isZero();
    }

    static Path copy(Path directory, String name) throws Exception {
        Path copy = Files.createDirectories(temp.resolve(name));
        try (var files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        return copy;
    }

    static void makeHuge(Path file) throws Exception {
        Files.delete(file);
        try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(3L << 30);
        }
    }

    @Test
    void aHugeModelCardIsRefusedByEvaluate() throws Exception {
        Path huge = copy(model, "huge-card");
        makeHuge(huge.resolve("model.json"));

        CliRun run = CliRun.of("evaluate", "--model", huge.toString());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains(huge.resolve("model.json") + " is larger than 1 MiB, far more than a trainctl"
                + " model card holds").doesNotContain("java.", "Exception", "Error:");
    }

    @Test
    void anEndlessModelCardIsRefusedByPredict() throws Exception {
        Path endless = copy(model, "endless-card");
        Files.delete(endless.resolve("model.json"));
        Files.createSymbolicLink(endless.resolve("model.json"), Path.of("/dev/zero"));

        CliRun run = CliRun.of("predict", "--model", endless.toString(), "--index", "0");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("is not a regular file (a device, a pipe or a folder)");
    }

    @Test
    void aHugeCheckpointStateIsRefusedOnResumeBeforeTraining() throws Exception {
        Path huge = copy(checkpoints, "huge-checkpoints");
        makeHuge(huge.resolve("checkpoint.ndlist"));

        CliRun run = CliRun.of("train", "--epochs", "2", "--max-train-samples", "300", "--resume", "--model-dir",
                temp.resolve("resumed").toString(), "--checkpoint-dir", huge.toString());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains(huge.resolve("checkpoint.ndlist") + " is larger than")
                .contains("far more than the checkpoint of a network of hidden size 128 holds");
        assertThat(temp.resolve("resumed")).doesNotExist();
    }

    @Test
    void aHugeCheckpointRecordIsRefusedOnResume() throws Exception {
        Path huge = copy(checkpoints, "huge-record");
        makeHuge(huge.resolve("checkpoint.json"));

        CliRun run = CliRun.of("train", "--epochs", "2", "--resume", "--model-dir", temp.resolve("resumed2").toString(),
                "--checkpoint-dir", huge.toString());

        assertThat(run.exitCode()).isEqualTo(2); // not a checkpoint trainctl can recognise, so not its to replace
        assertThat(run.err()).contains(huge + " holds checkpoint.json, checkpoint.ndlist but is not a trainctl"
                + " checkpoint directory").contains("is larger than 16 MiB");
    }
}
