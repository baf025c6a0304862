package dev.trainctl.orchestrator.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainctl.orchestrator.cli.CliRun;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a resume prints, seen from outside the JVM: PyTorch's own native lines included. */
class ResumeOutputTest {

    @TempDir
    Path temp;

    @Test
    void aResumePrintsNoPyTorchDeprecationWarning() throws Exception {
        List<String> args = List.of("train", "--max-train-samples", "300", "--model-dir",
                temp.resolve("model").toString(), "--checkpoint-dir", temp.resolve("checkpoints").toString());
        CliRun first = CliRun.of(concat(args, "--epochs", "1"));
        assertThat(first.exitCode()).as(first.err()).isZero();

        List<String> output = TrainctlProcess.start(List.of(), List.of(concat(args, "--epochs", "2", "--resume")),
                null).finish(0);

        assertThat(output).anyMatch(line -> line.startsWith("resumed from " + temp.resolve("checkpoints")))
                .noneMatch(line -> line.contains("AutoNonVariableTypeMode"))
                .noneMatch(line -> line.contains("Warning:"));
    }

    private static String[] concat(List<String> args, String... more) {
        return java.util.stream.Stream.concat(args.stream(), java.util.Arrays.stream(more)).toArray(String[]::new);
    }
}
