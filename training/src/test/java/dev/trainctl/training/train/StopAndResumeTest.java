package dev.trainctl.training.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import dev.trainctl.training.data.ImageSet;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StopAndResumeTest {

    private static final ImageSet TRAIN = SyntheticDigits.generate(640, 5);
    private static final ImageSet TEST = SyntheticDigits.generate(200, 6);
    /** 640 images in batches of 32: 20 batches per epoch. */
    private static final Hyperparameters TWO_EPOCHS = new Hyperparameters(2, 32, 1e-3, 13, 16);

    @TempDir
    Path directory;

    @Test
    void stopRequestedMidEpochStopsAtTheNextBatchBoundary() throws Exception {
        try (MnistTrainer trainer = new MnistTrainer(TWO_EPOCHS, Device.cpu())) {
            assertThatThrownBy(() -> trainer.fit(TRAIN, TEST, stopAfter(trainer, 2, 7), MnistTrainer.EpochHook.NONE))
                    .isInstanceOfSatisfying(TrainingStoppedException.class, e -> {
                        assertThat(e.epoch()).isEqualTo(2);
                        assertThat(e.completedBatches()).isEqualTo(7);
                    });
            assertThat(trainer.optimizerSteps()).isEqualTo(27);
            assertThat(trainer.history()).hasSize(1);
        }
    }

    @Test
    void checkpointSavedAfterAStopResumesExactly() throws Exception {
        TrainingResult straight = uninterrupted();
        stopAndSave(2, 7);

        TrainingResult resumed = resumed(1);

        assertThat(resumed.epochs()).hasSize(2);
        assertThat(resumed.finalEvaluation().loss()).isCloseTo(straight.finalEvaluation().loss(), within(1e-6));
        assertThat(resumed.finalEvaluation().correct()).isEqualTo(straight.finalEvaluation().correct());
    }

    @Test
    void aResumedEpochReportsTheSameTrainingFiguresAsAnUninterruptedOne() throws Exception {
        TrainingResult straight = uninterrupted();
        stopAndSave(2, 18);
        assertThat(Checkpoints.readInfo(directory).epochInProgress().batches()).isEqualTo(18);

        TrainingResult resumed = resumed(1);

        EpochMetrics expected = straight.epochs().get(1);
        EpochMetrics actual = resumed.epochs().get(1);
        assertThat(actual.trainLoss()).isEqualTo(expected.trainLoss());
        assertThat(actual.trainAccuracy()).isEqualTo(expected.trainAccuracy());
    }

    private static TrainingResult uninterrupted() throws Exception {
        try (MnistTrainer trainer = new MnistTrainer(TWO_EPOCHS, Device.cpu())) {
            return trainer.fit(TRAIN, TEST, TrainingListener.NONE, MnistTrainer.EpochHook.NONE);
        }
    }

    /** Trains until {@code batch} of {@code epoch}, stops there and saves the checkpoint. */
    private void stopAndSave(int epoch, int batch) throws Exception {
        try (MnistTrainer stopped = new MnistTrainer(TWO_EPOCHS, Device.cpu())) {
            assertThatThrownBy(() -> stopped.fit(TRAIN, TEST, stopAfter(stopped, epoch, batch),
                    MnistTrainer.EpochHook.NONE)).isInstanceOf(TrainingStoppedException.class);
            Checkpoints.save(directory, stopped);
        }
    }

    /** Restores the checkpoint, which holds {@code completedEpochs}, and trains to the end. */
    private TrainingResult resumed(int completedEpochs) throws Exception {
        try (MnistTrainer second = new MnistTrainer(TWO_EPOCHS, Device.cpu())) {
            assertThat(Checkpoints.restore(directory, second)).isEqualTo(completedEpochs);
            return second.fit(TRAIN, TEST, TrainingListener.NONE, MnistTrainer.EpochHook.NONE);
        }
    }

    @Test
    void aMidEpochCheckpointFromOtherDataIsRefused() throws Exception {
        stopAndSave(1, 15);
        try (MnistTrainer second = new MnistTrainer(TWO_EPOCHS, Device.cpu())) {
            Checkpoints.restore(directory, second);
            assertThatThrownBy(() -> second.fit(TRAIN.head(320), TEST, TrainingListener.NONE,
                    MnistTrainer.EpochHook.NONE))
                    .isInstanceOf(CheckpointException.class)
                    .hasMessageContaining("trained on 640 images per epoch, this run has 320");
        }
    }

    /** A listener that asks {@code trainer} to stop once {@code batch} of {@code epoch} has finished. */
    private static TrainingListener stopAfter(MnistTrainer trainer, int epoch, int batch) {
        return new TrainingListener() {
            @Override
            public void batchFinished(int e, int b) {
                if (e == epoch && b == batch) {
                    trainer.requestStop();
                }
            }
        };
    }
}
