package dev.trainctl.training.train;

/**
 * What a training run is asked to do. The defaults are those of the PyTorch MNIST tutorial.
 *
 * @param epochs passes over the training set
 * @param batchSize images per optimizer step
 * @param learningRate Adam's step size
 * @param seed seeds parameter initialisation and shuffling, so two runs with the same seed agree
 * @param hiddenSize units in the hidden layer
 */
public record Hyperparameters(int epochs, int batchSize, double learningRate, long seed, int hiddenSize) {

    public static final int DEFAULT_EPOCHS = 5;
    public static final int DEFAULT_BATCH_SIZE = 32;
    public static final double DEFAULT_LEARNING_RATE = 1e-3;
    public static final long DEFAULT_SEED = 42;
    public static final int DEFAULT_HIDDEN_SIZE = 128;

    public Hyperparameters {
        require(epochs >= 1 && epochs <= 1000, "epochs must be between 1 and 1000, got " + epochs);
        require(batchSize >= 1 && batchSize <= 60_000, "batch size must be between 1 and 60000, got " + batchSize);
        require(learningRate > 0 && learningRate < 10 && Double.isFinite(learningRate),
                "learning rate must be in (0, 10), got " + learningRate);
        require(hiddenSize >= 1 && hiddenSize <= 65_536, "hidden size must be between 1 and 65536, got " + hiddenSize);
    }

    public static Hyperparameters defaults() {
        return new Hyperparameters(DEFAULT_EPOCHS, DEFAULT_BATCH_SIZE, DEFAULT_LEARNING_RATE, DEFAULT_SEED,
                DEFAULT_HIDDEN_SIZE);
    }

    public Hyperparameters withEpochs(int newEpochs) {
        return new Hyperparameters(newEpochs, batchSize, learningRate, seed, hiddenSize);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
