package dev.trainctl.training.train;

/**
 * The running sums of an epoch that a stop interrupted: the sum of its batch losses (float32, as the trainer adds
 * them), the correct predictions, and the batches they cover. A checkpoint carries them so a resumed epoch reports
 * the same train loss and accuracy as an uninterrupted one.
 */
public record EpochSums(float lossSum, long correct, int batches) {

    public static final EpochSums NONE = new EpochSums(0f, 0L, 0);

    public EpochSums {
        if (correct < 0 || batches < 0) {
            throw new IllegalArgumentException("epoch sums cannot be negative: " + correct + " correct, " + batches
                    + " batches");
        }
    }
}
