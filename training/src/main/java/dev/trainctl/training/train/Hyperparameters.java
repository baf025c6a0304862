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
    public static final int MAX_EPOCHS = 1000;
    /** The training set's size. */
    public static final int MAX_BATCH_SIZE = 60_000;
    public static final double MAX_LEARNING_RATE = 10;
    public static final int MAX_HIDDEN_SIZE = 65_536;

    public Hyperparameters {
        require(epochs >= 1 && epochs <= MAX_EPOCHS, "epochs must be between 1 and " + MAX_EPOCHS + ", got " + epochs);
        require(batchSize >= 1 && batchSize <= MAX_BATCH_SIZE,
                "batch size must be between 1 and " + MAX_BATCH_SIZE + ", got " + batchSize);
        require(learningRate > 0 && learningRate < MAX_LEARNING_RATE && Double.isFinite(learningRate),
                "learning rate must be in (0, " + (int) MAX_LEARNING_RATE + "), got " + learningRate);
        require(hiddenSize >= 1 && hiddenSize <= MAX_HIDDEN_SIZE,
                "hidden size must be between 1 and " + MAX_HIDDEN_SIZE + ", got " + hiddenSize);
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
