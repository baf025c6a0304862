package dev.trainctl.training.train;

/**
 * What one epoch achieved.
 *
 * @param epoch 1-based
 * @param trainLoss mean softmax cross-entropy over the epoch's batches
 * @param trainAccuracy fraction of training images classified correctly while training
 * @param testLoss mean loss on the test set after the epoch
 * @param testAccuracy fraction of test images classified correctly after the epoch
 * @param seconds wall time of the epoch, training and test evaluation
 */
public record EpochMetrics(int epoch, double trainLoss, double trainAccuracy, double testLoss, double testAccuracy,
        double seconds) {

    public EpochMetrics {
        if (epoch < 1) {
            throw new IllegalArgumentException("epoch is 1-based, got " + epoch);
        }
    }

    /** The metric line the SageMaker MetricDefinitions parse and the CLI prints. */
    public String toMetricLine() {
        return String.format(java.util.Locale.ROOT,
                "epoch=%d train_loss=%.6f train_accuracy=%.6f test_loss=%.6f test_accuracy=%.6f epoch_seconds=%.3f",
                epoch, trainLoss, trainAccuracy, testLoss, testAccuracy, seconds);
    }
}
