package dev.trainctl.orchestrator.train;

import dev.trainctl.orchestrator.cli.Console;
import dev.trainctl.training.train.EpochMetrics;
import dev.trainctl.training.train.TrainingListener;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows training as it happens: a progress bar per epoch on stderr when a terminal is attached (no bar in logs
 * and CI, where it would only add noise), and one line per finished epoch.
 */
final class ProgressReporter implements TrainingListener {

    private final Console console;
    private final boolean interactive;
    private ProgressBar bar;

    ProgressReporter(Console console, boolean interactive) {
        this.console = console;
        this.interactive = interactive;
    }

    @Override
    public void epochStarted(int epoch, int epochs, int batches) {
        if (interactive) {
            bar = new ProgressBarBuilder()
                    .setTaskName(String.format("epoch %d/%d", epoch, epochs))
                    .setInitialMax(batches)
                    .setUnit(" batches", 1)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(200)
                    .setConsumer(new ConsoleProgressBarConsumer(console.progressStream()))
                    .build();
        }
    }

    @Override
    public void batchFinished(int epoch, int batch) {
        if (bar != null) {
            bar.stepTo(batch);
        }
    }

    @Override
    public void epochFinished(EpochMetrics metrics) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        console.say(String.format(Locale.ROOT,
                "epoch %d: train loss %.4f, train accuracy %.4f, test loss %.4f, test accuracy %.4f (%.1f s)",
                metrics.epoch(), metrics.trainLoss(), metrics.trainAccuracy(), metrics.testLoss(),
                metrics.testAccuracy(), metrics.seconds()));
    }
}
