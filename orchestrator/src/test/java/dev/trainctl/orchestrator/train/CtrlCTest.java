package dev.trainctl.orchestrator.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainctl.orchestrator.Trainctl;
import dev.trainctl.orchestrator.s3serve.EmbeddedS3;
import dev.trainctl.training.train.Checkpoints;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real thing: trainctl in its own JVM, sent SIGINT as a terminal's Ctrl-C sends it, once it is training. */
class CtrlCTest {

    /**
     * A shell without job control starts background commands with SIGINT ignored, and the JVM then never sees a
     * Ctrl-C (a CI runner or {@code mvn verify &} does that); the child gets the default action back first.
     */
    private static final List<String> SIGINT_RESET = sigintResettable() ? List.of("env", "--default-signal=INT")
            : List.of();

    @TempDir
    Path temp;

    @Test
    void ctrlCDuringLocalTrainingSavesACheckpointAndPrintsHowToResume() throws Exception {
        Path checkpoints = temp.resolve("checkpoints");
        List<String> output = interruptOnceTraining(List.of("train", "--on", "local", "--epochs", "1000",
                "--max-train-samples", "800", "--batch-size", "8", "--model-dir", temp.resolve("model").toString(),
                "--checkpoint-dir", checkpoints.toString()), "epoch 1:", 130);

        String interrupted = output.stream().filter(l -> l.startsWith("trainctl: interrupted:")).findFirst()
                .orElseThrow(() -> new AssertionError("no interruption line in:\n" + String.join("\n", output)));
        Matcher saved = Pattern.compile("checkpoint after epoch (\\d+)(?: and (\\d+) batches of epoch \\d+)? in "
                + Pattern.quote(checkpoints.toString()) + "; continue with 'trainctl train --on local --epochs 1000"
                + " --max-train-samples 800 --batch-size 8 --model-dir \\S+ --checkpoint-dir \\S+ --resume'$")
                .matcher(interrupted);
        assertThat(saved.find()).as(interrupted).isTrue();
        long steps = Long.parseLong(saved.group(1)) * 100
                + (saved.group(2) == null ? 0 : Long.parseLong(saved.group(2)));
        assertThat(Checkpoints.readInfo(checkpoints).optimizerSteps()).isEqualTo(steps); // 800 / 8 = 100 batches
    }

    @Test
    void ctrlCDuringAnEmulatedJobRemovesItsStagedFiles() throws Exception {
        Path tmp = Files.createDirectories(temp.resolve("tmp"));
        try (EmbeddedS3 s3 = EmbeddedS3.start(temp.resolve("s3"), "127.0.0.1", 0)) {
            s3.shareCredentials(); // as 'trainctl s3 serve' does: the child trainctl reads the secret from there
            List<String> output = interruptOnceTraining(List.of("-Djava.io.tmpdir=" + tmp), List.of("train", "--on",
                    "emulated", "--epochs", "1000", "--max-train-samples", "800", "--batch-size", "8",
                    "--endpoint-url", s3.endpoint().toString(), "--region", "us-east-1"), "  | epoch=1 ", 130);

            assertThat(output).anyMatch(l -> l.matches("interrupted: emulated training job \\S+ stopped and its"
                    + " staged files in .* were removed \\(an emulated job does not resume; run the command again\\)"));
            try (Stream<Path> left = Files.walk(tmp)) {
                assertThat(left.filter(p -> !p.equals(tmp))).as(String.join("\n", output)).isEmpty();
            }
        }
    }

    private static List<String> interruptOnceTraining(List<String> args, String trainingLine, int expectedExit)
            throws Exception {
        return interruptOnceTraining(List.of(), args, trainingLine, expectedExit);
    }

    /** Runs trainctl with {@code args}, sends SIGINT once a line starts with {@code trainingLine}; all its output. */
    private static List<String> interruptOnceTraining(List<String> jvmOptions, List<String> args, String trainingLine,
            int expectedExit) throws Exception {
        List<String> command = new ArrayList<>(SIGINT_RESET);
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Trainctl.class.getName()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("DJL_OFFLINE", "true");
        Process process = builder.start();
        List<String> output = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            boolean sent = false;
            for (String line; (line = reader.readLine()) != null; ) {
                output.add(line);
                if (!sent && line.startsWith(trainingLine)) {
                    sigint(process);
                    sent = true;
                }
            }
        }
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(String.join("\n", output)).isTrue();
        assertThat(process.exitValue()).as(String.join("\n", output)).isEqualTo(expectedExit);
        return output;
    }

    private static boolean sigintResettable() {
        try {
            return new ProcessBuilder("env", "--default-signal=INT", "true").start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sigint(Process process) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
    }
}
