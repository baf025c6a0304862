package dev.trainctl.training.train;

/**
 * Thrown by {@link MnistTrainer#fit} after {@link MnistTrainer#requestStop()}: the trainer stopped at a batch
 * boundary and its state can be checkpointed and resumed exactly.
 */
public final class TrainingStoppedException extends RuntimeException {

    private final int epoch;
    private final int completedBatches;

    public TrainingStoppedException(int epoch, int completedBatches) {
        super("training stopped in epoch " + epoch + " after " + completedBatches + " batches of that epoch");
        this.epoch = epoch;
        this.completedBatches = completedBatches;
    }

    /** The epoch that was running (1-based). */
    public int epoch() {
        return epoch;
    }

    /** Batches of that epoch already trained. */
    public int completedBatches() {
        return completedBatches;
    }
}
