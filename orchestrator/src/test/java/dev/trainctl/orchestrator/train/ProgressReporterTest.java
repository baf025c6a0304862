package dev.trainctl.orchestrator.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainctl.orchestrator.cli.Console;
import dev.trainctl.orchestrator.cli.OutputFormat;
import dev.trainctl.training.train.EpochMetrics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressReporterTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private Console console(OutputFormat format) {
        return new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), format, false);
    }

    @Test
    void interactiveRunShowsABarOnStderrAndTheEpochLineOnStdout() {
        ProgressReporter reporter = new ProgressReporter(console(OutputFormat.TEXT), true);

        reporter.epochStarted(1, 5, 1875);
        reporter.batchFinished(1, 1875);
        reporter.epochFinished(new EpochMetrics(1, 0.35, 0.897, 0.187, 0.9426, 1.2));

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("epoch 1/5").contains("1875/1875");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("epoch 1: train loss 0.3500, train accuracy"
                + " 0.8970, test loss 0.1870, test accuracy 0.9426 (1.2 s)\n");
    }

    @Test
    void withoutATerminalThereIsNoBarOnlyTheEpochLine() {
        ProgressReporter reporter = new ProgressReporter(console(OutputFormat.TEXT), false);

        reporter.epochStarted(1, 1, 10);
        reporter.batchFinished(1, 10);
        reporter.epochFinished(new EpochMetrics(1, 0.5, 0.8, 0.4, 0.85, 0.1));

        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("epoch 1: train loss 0.5000");
    }

    @Test
    void jsonModeKeepsStdoutForTheResult() {
        ProgressReporter reporter = new ProgressReporter(console(OutputFormat.JSON), false);

        reporter.epochFinished(new EpochMetrics(1, 0.5, 0.8, 0.4, 0.85, 0.1));

        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("epoch 1: train loss 0.5000");
    }
}
