package dev.trainctl.training.report;

import dev.trainctl.training.artifacts.MetricsReport;
import dev.trainctl.training.artifacts.ModelArtifacts;
import dev.trainctl.training.artifacts.ModelCard;
import dev.trainctl.training.files.JsonErrors;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * What a report says about one model: its {@code model.json} and {@code metrics.json}, and where the model lives
 * (a directory, {@code /opt/ml/model} in a job, or an {@code s3://} URI).
 */
public record ReportedModel(String location, ModelCard card, MetricsReport metrics) {

    public ReportedModel {
        if (metrics.epochs() == null || metrics.epochs().isEmpty() || metrics.finalMetrics() == null) {
            throw new IllegalArgumentException(ModelArtifacts.METRICS_JSON + " of " + location
                    + " holds no epochs or no final metrics");
        }
    }

    /** Reads the model's two JSON files from {@code directory}. */
    public static ReportedModel read(Path directory, String location) throws IOException {
        ModelCard card = ModelArtifacts.readCard(directory);
        MetricsReport metrics;
        try {
            metrics = ModelArtifacts.readMetrics(directory);
        } catch (NoSuchFileException e) {
            throw new IOException(directory + " holds no " + ModelArtifacts.METRICS_JSON
                    + ": the report needs the metrics training recorded", e);
        } catch (RuntimeException e) {
            throw new IOException(directory.resolve(ModelArtifacts.METRICS_JSON) + " is " + JsonErrors.failure(e)
                    + ": " + JsonErrors.describe(e), e);
        }
        if (metrics == null) {
            throw new IOException(directory.resolve(ModelArtifacts.METRICS_JSON) + " is empty");
        }
        try {
            return new ReportedModel(location, card, metrics);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    public long[][] confusion() {
        return metrics.finalMetrics().confusionMatrix();
    }
}
