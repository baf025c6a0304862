package dev.trainctl.training.report;

import dev.trainctl.training.artifacts.MetricsReport;
import dev.trainctl.training.artifacts.ModelCard;
import dev.trainctl.training.engine.EngineInfo;
import dev.trainctl.training.train.EpochMetrics;
import dev.trainctl.training.train.Hyperparameters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A model's facts as name/value rows, grouped as the report shows them. The single-model page prints them as
 * tables; the comparison puts two models' values side by side. Fields an older {@code model.json} lacks read
 * "unknown".
 */
final class ModelFacts {

    private ModelFacts() {}

    static List<List<String>> result(ReportedModel model) {
        MetricsReport.FinalMetrics last = model.metrics().finalMetrics();
        return List.of(
                List.of("test accuracy", decimal(last.testAccuracy(), 4)),
                List.of("test images correct", last.correct() + " of " + last.testCount()),
                List.of("test loss", decimal(last.testLoss(), 4)),
                List.of("epochs", Integer.toString(model.metrics().epochs().size())),
                List.of("training time", seconds(model.metrics().trainingSeconds())));
    }

    static List<List<String>> hyperparameters(ReportedModel model) {
        Hyperparameters h = model.card().hyperparameters();
        if (h == null) {
            return List.of(List.of("hyperparameters", "unknown"));
        }
        return List.of(
                List.of("epochs", Integer.toString(h.epochs())),
                List.of("batch size", Integer.toString(h.batchSize())),
                List.of("learning rate (Adam)", String.valueOf(h.learningRate())),
                List.of("seed", Long.toString(h.seed())),
                List.of("hidden units", Integer.toString(h.hiddenSize())));
    }

    static List<List<String>> network(ReportedModel model) {
        ModelCard card = model.card();
        return List.of(
                List.of("architecture", text(card.architecture())),
                List.of("input normalisation", text(card.normalization())),
                List.of("parameters file", text(card.parametersFile())),
                List.of("format", text(card.format())));
    }

    static List<List<String>> environment(ReportedModel model) {
        ModelCard card = model.card();
        EngineInfo engine = card.engine();
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("device", text(model.metrics().device() != null ? model.metrics().device() : card.device())));
        if (engine == null) {
            rows.add(List.of("engine", "unknown"));
        } else {
            rows.add(List.of("engine", engine.engine() + " " + engine.engineVersion() + ", " + engine.flavor()
                    + " natives"));
            rows.add(List.of("DJL", text(engine.djlVersion())));
            rows.add(List.of("GPUs visible", Integer.toString(engine.gpuCount())));
            rows.add(List.of("intra-op threads", engine.threads() < 0 ? "engine default"
                    : Integer.toString(engine.threads())));
        }
        rows.add(List.of("Java", text(card.javaVersion())));
        rows.add(List.of("trainctl", text(card.trainctlVersion())));
        rows.add(List.of("trained at", text(card.createdAt())));
        return rows;
    }

    /** The data set and one row per file with its SHA-256. */
    static List<List<String>> data(ReportedModel model) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("data set", text(model.card().dataset())));
        Map<String, String> hashes = model.card().dataSha256();
        if (hashes != null) {
            hashes.forEach((file, sha256) -> rows.add(List.of(file, "sha256 " + sha256)));
        }
        return rows;
    }

    static List<String> epochRow(EpochMetrics epoch) {
        return List.of(Integer.toString(epoch.epoch()), decimal(epoch.trainLoss(), 4),
                decimal(epoch.trainAccuracy(), 4), decimal(epoch.testLoss(), 4), decimal(epoch.testAccuracy(), 4),
                seconds(epoch.seconds()));
    }

    static final List<String> EPOCH_HEADER = List.of("epoch", "train loss", "train accuracy", "test loss",
            "test accuracy", "time");

    static String decimal(double value, int places) {
        return String.format(Locale.ROOT, "%." + places + "f", value);
    }

    static String seconds(double value) {
        return String.format(Locale.ROOT, "%.1f s", value);
    }

    private static String text(String value) {
        return value == null || value.isBlank() ? "unknown" : value;
    }
}
