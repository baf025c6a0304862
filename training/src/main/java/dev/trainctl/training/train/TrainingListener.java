package dev.trainctl.training.train;

/** Hears what a training run does, for progress bars, logs and metric lines. All methods default to nothing. */
public interface TrainingListener {

    TrainingListener NONE = new TrainingListener() {};

    default void epochStarted(int epoch, int epochs, int batches) {}

    /** Called after each optimizer step; {@code batch} counts from 1. */
    default void batchFinished(int epoch, int batch) {}

    default void epochFinished(EpochMetrics metrics) {}
}
