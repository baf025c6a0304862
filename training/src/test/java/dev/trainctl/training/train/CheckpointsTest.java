package dev.trainctl.training.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import dev.trainctl.training.data.ImageSet;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointsTest {

    private static final ImageSet TRAIN = SyntheticDigits.generate(1_000, 3);
    private static final ImageSet TEST = SyntheticDigits.generate(300, 4);
    private static final Hyperparameters TWO_EPOCHS = new Hyperparameters(2, 32, 1e-3, 11, 16);

    @TempDir
    Path temp;

    private Path directory;

    @org.junit.jupiter.api.BeforeEach
    void checkpointDirectory() {
        directory = temp.resolve("checkpoints");
    }

    @Test
    void resumingFromEpochOneEndsInTheSameStateAsAnUninterruptedRun() throws Exception {
        TrainingResult straight;
        try (MnistTrainer trainer = new MnistTrainer(TWO_EPOCHS, Device.cpu())) {
            straight = trainer.fit(TRAIN, TEST, TrainingListener.NONE, MnistTrainer.EpochHook.NONE);
        }
        try (MnistTrainer first = new MnistTrainer(TWO_EPOCHS.withEpochs(1), Device.cpu())) {
            first.fit(TRAIN, TEST, TrainingListener.NONE, Checkpoints.everyEpoch(directory));
        }

        TrainingResult resumed;
        try (MnistTrainer second = new MnistTrainer(TWO_EPOCHS, Device.cpu())) {
            assertThat(Checkpoints.restore(directory, second)).isEqualTo(1);
            resumed = second.fit(TRAIN, TEST, TrainingListener.NONE, MnistTrainer.EpochHook.NONE);
        }

        assertThat(resumed.epochs()).hasSize(2);
        assertThat(resumed.epochs().get(0).trainLoss()).isEqualTo(straight.epochs().get(0).trainLoss());
        assertThat(resumed.epochs().get(0).testLoss()).isEqualTo(straight.epochs().get(0).testLoss());
        assertThat(resumed.lastEpoch().trainLoss()).isCloseTo(straight.lastEpoch().trainLoss(), within(1e-6));
        assertThat(resumed.finalEvaluation().loss()).isCloseTo(straight.finalEvaluation().loss(), within(1e-6));
        assertThat(resumed.finalEvaluation().correct()).isEqualTo(straight.finalEvaluation().correct());
    }

    @Test
    void checkpointRecordsEpochStepsAndHistory() throws Exception {
        try (MnistTrainer trainer = new MnistTrainer(TWO_EPOCHS.withEpochs(1), Device.cpu())) {
            trainer.fit(TRAIN, TEST, TrainingListener.NONE, Checkpoints.everyEpoch(directory));
        }
        Checkpoints.Info info = Checkpoints.readInfo(directory);
        assertThat(info.epoch()).isEqualTo(1);
        assertThat(info.optimizerSteps()).isEqualTo(32); // 1000 images / 32 per batch, rounded up
        assertThat(info.history()).hasSize(1);
        assertThat(info.hyperparameters()).isEqualTo(TWO_EPOCHS.withEpochs(1));
    }

    @Test
    void resumingWithDifferentHyperparametersIsRefused() throws Exception {
        try (MnistTrainer trainer = new MnistTrainer(TWO_EPOCHS.withEpochs(1), Device.cpu())) {
            trainer.fit(TRAIN, TEST, TrainingListener.NONE, Checkpoints.everyEpoch(directory));
        }
        Hyperparameters otherBatch = new Hyperparameters(2, 64, 1e-3, 11, 16);
        try (MnistTrainer trainer = new MnistTrainer(otherBatch, Device.cpu())) {
            assertThatThrownBy(() -> Checkpoints.restore(directory, trainer))
                    .isInstanceOf(CheckpointException.class)
                    .hasMessageContaining("only --epochs may change");
        }
    }

    @Test
    void resumingOnOtherImagesOfTheSameCountIsRefusedBeforeAnyBatch() throws Exception {
        try (MnistTrainer trainer = new MnistTrainer(TWO_EPOCHS.withEpochs(1), Device.cpu())) {
            trainer.fit(TRAIN, TEST, TrainingListener.NONE, Checkpoints.everyEpoch(directory));
        }
        assertThat(Checkpoints.readInfo(directory).trainDataSha256()).isEqualTo(MnistTrainer.fingerprint(TRAIN));
        ImageSet otherData = SyntheticDigits.generate(1_000, 99); // another --dataset or --data-dir, same count

        try (MnistTrainer trainer = new MnistTrainer(TWO_EPOCHS, Device.cpu())) {
            Checkpoints.restore(directory, trainer);
            long steps = trainer.optimizerSteps();

            assertThatThrownBy(() -> trainer.fit(otherData, TEST, TrainingListener.NONE, MnistTrainer.EpochHook.NONE))
                    .isInstanceOf(CheckpointException.class)
                    .hasMessageStartingWith("the checkpoint was trained on other images than this run's (another"
                            + " --dataset, --data-dir or --max-train-samples)");
            assertThat(trainer.optimizerSteps()).isEqualTo(steps);
        }
    }

    @Test
    void aTruncatedStateFileIsDamagedAndTheMessageSaysHowToContinue() throws Exception {
        saveOneEpoch();
        Path state = directory.resolve(Checkpoints.STATE_FILE);
        Files.write(state, Arrays.copyOf(Files.readAllBytes(state), 5000));

        assertThatThrownBy(() -> restoreInto(TWO_EPOCHS))
                .isInstanceOf(CheckpointException.class)
                .hasMessage("the checkpoint in " + directory + " is damaged: checkpoint.ndlist does not match the"
                        + " SHA-256 checkpoint.json records (truncated, or the two files are from different saves);"
                        + " train without --resume to start afresh (the checkpoint is then replaced), or delete "
                        + directory);
    }

    @Test
    void aStateFileThatIsNotAnNdListIsDamagedEvenWithoutARecordedHash() throws Exception {
        saveOneEpoch();
        Path json = directory.resolve(Checkpoints.INFO_FILE);
        Files.writeString(json, Files.readString(json).replaceAll("\"stateSha256\": \"[0-9a-f]+\"", "\"x\": 0"));
        byte[] garbage = new byte[4096];
        new Random(1).nextBytes(garbage);
        Files.write(directory.resolve(Checkpoints.STATE_FILE), garbage);

        assertThatThrownBy(() -> restoreInto(TWO_EPOCHS))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("is damaged: checkpoint.ndlist cannot be read as the network's parameters;"
                        + " train without --resume");
    }

    @Test
    void corruptJsonIsDamagedWithoutTheParsersClassNames() throws Exception {
        saveOneEpoch();
        Files.writeString(directory.resolve(Checkpoints.INFO_FILE), "{\"epoch\": 1, \"optimi");

        assertThatThrownBy(() -> restoreInto(TWO_EPOCHS))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("is damaged: checkpoint.json is not valid JSON (line 1, column ")
                .hasMessageEndingWith("; delete " + directory + " to start afresh, or give another --checkpoint-dir")
                .hasMessageNotContainingAny("gson", "Exception");
    }

    @Test
    void aCheckpointWithOnlyOneOfItsFilesIsDamagedNotIgnored() throws Exception {
        saveOneEpoch();
        Files.delete(directory.resolve(Checkpoints.STATE_FILE));

        assertThat(Checkpoints.exists(directory)).isTrue();
        assertThatThrownBy(() -> restoreInto(TWO_EPOCHS))
                .hasMessageContaining("is damaged: it has checkpoint.json but no checkpoint.ndlist");
    }

    @Test
    void aCheckpointWithMoreEpochsThanAskedForIsRefused() throws Exception {
        try (MnistTrainer twoDone = new MnistTrainer(TWO_EPOCHS, Device.cpu())) {
            twoDone.fit(TRAIN, TEST, TrainingListener.NONE, Checkpoints.everyEpoch(directory));
        }
        assertThatThrownBy(() -> restoreInto(TWO_EPOCHS.withEpochs(1)))
                .hasMessage("the checkpoint in " + directory + " holds 2 completed epochs, more than the 1 asked for:"
                        + " pass --epochs 2 or more to continue it, or train without --resume to start afresh");
    }

    @Test
    void theRefusalOfOtherHyperparametersNamesTheOptionsThatDiffer() throws Exception {
        saveOneEpoch();

        assertThatThrownBy(() -> restoreInto(new Hyperparameters(2, 64, 1e-3, 12, 16)))
                .hasMessageContaining("(--batch-size 32 in the checkpoint, 64 in this run; --seed 11 in the"
                        + " checkpoint, 12 in this run)");
    }

    @Test
    void aSaveLeavesOnlyTheTwoFilesAndNothingBesideTheDirectory() throws Exception {
        saveOneEpoch();

        assertThat(tree(directory)).containsExactly("checkpoint.json", "checkpoint.ndlist");
        assertThat(tree(directory.getParent())).allMatch(name -> name.startsWith(directory.getFileName().toString()));
    }

    @Test
    void aSaveThatFailsHalfwayLeavesThePreviousCheckpointAndNoPartialFile() throws Exception {
        saveOneEpoch();
        byte[] stateBefore = Files.readAllBytes(directory.resolve(Checkpoints.STATE_FILE));
        String infoBefore = Files.readString(directory.resolve(Checkpoints.INFO_FILE));

        try (MnistTrainer trainer = new MnistTrainer(TWO_EPOCHS, Device.cpu())) {
            Checkpoints.restore(directory, trainer);
            trainer.fit(TRAIN, TEST, TrainingListener.NONE, MnistTrainer.EpochHook.NONE);
            assertThatThrownBy(() -> Checkpoints.save(directory, trainer, out -> failingAfter(out, 10_000)))
                    .hasMessage("disk full");
        }

        assertThat(tree(directory)).containsExactly("checkpoint.json", "checkpoint.ndlist");
        assertThat(Files.readAllBytes(directory.resolve(Checkpoints.STATE_FILE))).isEqualTo(stateBefore);
        assertThat(Files.readString(directory.resolve(Checkpoints.INFO_FILE))).isEqualTo(infoBefore);
        assertThat(tree(directory.getParent())).allMatch(name -> name.startsWith(directory.getFileName().toString()));
    }

    private void saveOneEpoch() throws Exception {
        try (MnistTrainer trainer = new MnistTrainer(TWO_EPOCHS.withEpochs(1), Device.cpu())) {
            trainer.fit(TRAIN, TEST, TrainingListener.NONE, Checkpoints.everyEpoch(directory));
        }
    }

    private void restoreInto(Hyperparameters hyperparameters) throws Exception {
        try (MnistTrainer trainer = new MnistTrainer(hyperparameters, Device.cpu())) {
            Checkpoints.restore(directory, trainer);
        }
    }

    /** Every path below {@code root}, relative, hidden ones included. */
    private static List<String> tree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(path -> !path.equals(root)).map(path -> root.relativize(path).toString()).sorted()
                    .toList();
        }
    }

    private static OutputStream failingAfter(OutputStream out, int bytes) {
        return new FilterOutputStream(out) {
            private int written;

            @Override
            public void write(int b) throws IOException {
                if (++written > bytes) {
                    throw new IOException("disk full");
                }
                super.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                for (int i = 0; i < len; i++) {
                    write(b[off + i]);
                }
            }
        };
    }
}
