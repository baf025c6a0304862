package dev.trainctl.training.train;

import java.util.List;

/**
 * The outcome of a training run: one entry per epoch (including epochs restored from a checkpoint) and the final
 * evaluation on the test set.
 */
public record TrainingResult(Hyperparameters hyperparameters, String device, List<EpochMetrics> epochs,
        Evaluation finalEvaluation, double trainingSeconds) {

    public TrainingResult {
        epochs = List.copyOf(epochs);
    }

    public EpochMetrics lastEpoch() {
        return epochs.get(epochs.size() - 1);
    }
}
