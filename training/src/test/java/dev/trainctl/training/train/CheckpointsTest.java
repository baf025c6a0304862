package dev.trainctl.training.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import dev.trainctl.training.data.ImageSet;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointsTest {

    private static final ImageSet TRAIN = SyntheticDigits.generate(1_000, 3);
    private static final ImageSet TEST = SyntheticDigits.generate(300, 4);
    private static final Hyperparameters TWO_EPOCHS = new Hyperparameters(2, 32, 1e-3, 11, 16);

    @TempDir
    Path directory;

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
}
