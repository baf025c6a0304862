package dev.trainctl.orchestrator.train;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import dev.trainctl.orchestrator.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A resumed run ends with the very parameters of an uninterrupted one, in a JVM of its own whose small heap makes
 * the garbage collector run while it trains. The restored tensors once pointed into direct buffers that only the
 * decoded arrays kept alive: a resume then crashed (SIGSEGV, glibc's "corrupted size vs. prev_size") or trained
 * from garbage, more often at small hidden sizes.
 */
class ResumeIsExactTest {

    @TempDir
    Path temp;

    static String parametersSha256(Path model) throws Exception {
        return JsonParser.parseString(Files.readString(model.resolve("model.json"))).getAsJsonObject()
                .get("parameters_sha256").getAsString();
    }

    static List<String> train(int epochs, String model, String checkpoints, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("train", "--epochs", Integer.toString(epochs),
                "--max-train-samples", "500", "--hidden-size", "16", "--model-dir", model, "--checkpoint-dir",
                checkpoints));
        args.addAll(List.of(more));
        return args;
    }

    @Test
    void aResumeEndsWithTheParametersOfAnUninterruptedRun() throws Exception {
        assertThat(CliRun.of(train(2, temp.resolve("uninterrupted").toString(),
                temp.resolve("c-uninterrupted").toString()).toArray(String[]::new)).exitCode()).isZero();
        assertThat(CliRun.of(train(1, temp.resolve("first").toString(), temp.resolve("c").toString())
                .toArray(String[]::new)).exitCode()).isZero();
        String expected = parametersSha256(temp.resolve("uninterrupted"));

        for (int run = 0; run < 3; run++) {
            Path checkpoints = temp.resolve("c" + run);
            Files.createDirectories(checkpoints);
            try (var files = Files.list(temp.resolve("c"))) {
                for (Path file : files.toList()) {
                    Files.copy(file, checkpoints.resolve(file.getFileName()));
                }
            }
            Path model = temp.resolve("resumed" + run);
            TrainctlProcess resumed = TrainctlProcess.start(List.of("-XX:+UseSerialGC", "-Xmn16m"),
                    train(2, model.toString(), checkpoints.toString(), "--resume"), temp);

            resumed.finish(0);
            assertThat(parametersSha256(model)).as("resume %d", run).isEqualTo(expected);
        }
    }
}
