package dev.trainctl.orchestrator.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainctl.orchestrator.cli.CliRun;
import dev.trainctl.orchestrator.docs.DocBlocks;
import dev.trainctl.orchestrator.s3serve.EmbeddedS3;
import dev.trainctl.training.train.Checkpoints;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real thing: trainctl in its own JVM, sent SIGINT as a terminal's Ctrl-C sends it, once it is training. */
class CtrlCTest {

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
    void ctrlCDuringTheQuickStartPrintsTheLineTheReadmeShows() throws Exception {
        TrainctlProcess process = TrainctlProcess.start(List.of(), List.of("train"), temp);
        assertThat(process.readUntil(line -> line.startsWith("epoch 1:"))).isTrue();
        process.sigint();

        List<String> output = process.finish(130);

        String interrupted = output.stream().filter(l -> l.startsWith("trainctl: interrupted:")).findFirst()
                .orElseThrow(() -> new AssertionError(String.join("\n", output)));
        // Where the stop lands (mid-epoch, or between two epochs while the checkpoint is written) is the signal's
        // timing; the batch count's wording is checked by the first test of this class.
        DocBlocks.assertFormat("interrupted", interrupted,
                line -> line.replaceAll("(after epoch \\d+)(?: and \\d+ batches of epoch \\d+)?", "$1"));
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

    @Test
    void ctrlCWhileTheDataLoadsSaysNothingWasWrittenAndKeepsTheModel() throws Exception {
        Path model = temp.resolve("model");
        Path checkpoints = temp.resolve("checkpoints");
        assertThat(CliRun.of("train", "--epochs", "1", "--max-train-samples", "300", "--model-dir", model.toString(),
                "--checkpoint-dir", checkpoints.toString()).exitCode()).isZero();
        String card = Files.readString(model.resolve("model.json"));

        // The cap's note is printed once the run holds its directories, just before the data is read.
        List<String> output = interruptOnceTraining(List.of("train", "--epochs", "1", "--max-train-samples",
                "100000000", "--model-dir", model.toString(), "--checkpoint-dir", checkpoints.toString()),
                "note: --max-train-samples", 130);

        assertThat(output).contains("trainctl: interrupted before training started: nothing was written (the model in "
                + model + " and the checkpoint in " + checkpoints + " are as it was); run the same command again to"
                + " train");
        assertThat(Files.readString(model.resolve("model.json"))).isEqualTo(card);
    }

    @Test
    void ctrlCAfterTheLastEpochSaysTheNewModelIsCompleteAndHowToGetItsReport() throws Exception {
        Path model = temp.resolve("model");

        List<String> output = interruptOnceTraining(List.of("train", "--epochs", "1", "--max-train-samples", "800",
                "--model-dir", model.toString(), "--checkpoint-dir", temp.resolve("checkpoints").toString()),
                "epoch 1:", 130);

        assertThat(output).anyMatch(line -> line.matches("trainctl: interrupted after training: test accuracy .*; model"
                + " in " + Pattern.quote(model.toString()) + " \\(complete\\); no report was written: 'trainctl report"
                + " --model " + Pattern.quote(model.toString()) + "' writes it")
                || line.equals("trainctl: interrupted after the run had finished: the model and its report are"
                        + " complete"));
        assertThat(CliRun.of("evaluate", "--model", model.toString()).exitCode()).isZero();
    }

    @Test
    void aSecondRunIntoTheModelDirOfARunningOneIsRefusedAtOnceNamingIt() throws Exception {
        Path model = temp.resolve("model");
        TrainctlProcess first = TrainctlProcess.start(List.of(), List.of("train", "--epochs", "1000",
                "--max-train-samples", "800", "--batch-size", "8", "--model-dir", model.toString(),
                "--checkpoint-dir", temp.resolve("checkpoints").toString()), null);
        assertThat(first.readUntil(line -> line.startsWith("epoch 1:"))).isTrue();

        CliRun second = CliRun.of("train", "--epochs", "1", "--model-dir", model.toString(), "--checkpoint-dir",
                temp.resolve("other-checkpoints").toString());

        first.sigint();
        first.finish(130);
        assertThat(second.exitCode()).isEqualTo(2);
        assertThat(second.err()).startsWith("trainctl: --model-dir " + model + " is in use by another trainctl run"
                + " (process " + first.pid() + ", trainctl train, since ");
    }

    @Test
    void modelDirDotInAProjectDirectoryIsRefusedAndItsFilesSurvive() throws Exception {
        Path project = Files.createDirectories(temp.resolve("project"));
        Files.writeString(project.resolve("data.csv"), "a,b\n1,2\n");

        List<String> output = TrainctlProcess.start(List.of(), List.of("train", "--epochs", "1",
                "--max-train-samples", "300", "--model-dir", ".", "--checkpoint-dir", "../checkpoints"), project)
                .finish(2);

        assertThat(output).anyMatch(line -> line.startsWith("trainctl: --model-dir . holds files trainctl did not"
                + " write (data.csv)"));
        assertThat(Files.readString(project.resolve("data.csv"))).isEqualTo("a,b\n1,2\n");
    }

    private static List<String> interruptOnceTraining(List<String> args, String trainingLine, int expectedExit)
            throws Exception {
        return interruptOnceTraining(List.of(), args, trainingLine, expectedExit);
    }

    /** Runs trainctl with {@code args}, sends SIGINT once a line starts with {@code trainingLine}; all its output. */
    private static List<String> interruptOnceTraining(List<String> jvmOptions, List<String> args, String trainingLine,
            int expectedExit) throws Exception {
        TrainctlProcess process = TrainctlProcess.start(jvmOptions, args, null);
        if (process.readUntil(line -> line.startsWith(trainingLine))) {
            process.sigint();
        }
        return process.finish(expectedExit);
    }
}
