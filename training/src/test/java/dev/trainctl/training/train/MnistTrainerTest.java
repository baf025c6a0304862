package dev.trainctl.training.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import dev.trainctl.training.data.ImageSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MnistTrainerTest {

    private static final ImageSet TRAIN = SyntheticDigits.generate(2_000, 1);
    private static final ImageSet TEST = SyntheticDigits.generate(500, 2);
    private static final Hyperparameters SMALL = new Hyperparameters(3, 32, 1e-3, 7, 32);

    @Test
    void lossFallsAndAccuracyRisesAcrossEpochs() throws Exception {
        try (MnistTrainer trainer = new MnistTrainer(SMALL, Device.cpu())) {
            TrainingResult result = trainer.fit(TRAIN, TEST, TrainingListener.NONE, MnistTrainer.EpochHook.NONE);

            List<EpochMetrics> epochs = result.epochs();
            assertThat(epochs).hasSize(3);
            assertThat(epochs.get(2).trainLoss()).isLessThan(epochs.get(0).trainLoss());
            assertThat(epochs.get(2).trainAccuracy()).isGreaterThanOrEqualTo(epochs.get(0).trainAccuracy());
            assertThat(result.finalEvaluation().accuracy()).isGreaterThan(0.95);
        }
    }

    @Test
    void listenerHearsEveryBatchAndEpoch() throws Exception {
        List<String> events = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void epochStarted(int epoch, int epochs, int batches) {
                events.add("start " + epoch + "/" + epochs + " batches=" + batches);
            }

            @Override
            public void batchFinished(int epoch, int batch) {
                if (batch == 63) {
                    events.add("last batch " + epoch);
                }
            }

            @Override
            public void epochFinished(EpochMetrics metrics) {
                events.add("end " + metrics.epoch());
            }
        };
        try (MnistTrainer trainer = new MnistTrainer(SMALL.withEpochs(1), Device.cpu())) {
            trainer.fit(TRAIN, TEST, listener, MnistTrainer.EpochHook.NONE);
        }
        // 2000 images in batches of 32: 62 full batches and one of 16.
        assertThat(events).containsExactly("start 1/1 batches=63", "last batch 1", "end 1");
    }

    @Test
    void sameSeedGivesTheSameRun() throws Exception {
        assertThat(finalTestLoss(SMALL.withEpochs(1))).isEqualTo(finalTestLoss(SMALL.withEpochs(1)));
    }

    @Test
    void differentSeedGivesADifferentRun() throws Exception {
        Hyperparameters other = new Hyperparameters(1, 32, 1e-3, 8, 32);
        assertThat(finalTestLoss(SMALL.withEpochs(1))).isNotEqualTo(finalTestLoss(other));
    }

    @Test
    void shuffledOrderIsAPermutationThatDependsOnSeedAndEpoch() {
        long[] order = MnistTrainer.shuffledOrder(100, 5, 1);
        assertThat(order).hasSize(100).doesNotHaveDuplicates();
        assertThat(java.util.Arrays.stream(order).allMatch(i -> i >= 0 && i < 100)).isTrue();
        assertThat(MnistTrainer.shuffledOrder(100, 5, 1)).isEqualTo(order);
        assertThat(MnistTrainer.shuffledOrder(100, 5, 2)).isNotEqualTo(order);
        assertThat(MnistTrainer.shuffledOrder(100, 6, 1)).isNotEqualTo(order);
    }

    private static double finalTestLoss(Hyperparameters hyperparameters) throws Exception {
        try (MnistTrainer trainer = new MnistTrainer(hyperparameters, Device.cpu())) {
            return trainer.fit(TRAIN, TEST, TrainingListener.NONE, MnistTrainer.EpochHook.NONE)
                    .finalEvaluation().loss();
        }
    }
}
