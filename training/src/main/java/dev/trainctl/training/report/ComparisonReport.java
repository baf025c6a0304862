package dev.trainctl.training.report;

import dev.trainctl.training.files.AtomicFiles;
import dev.trainctl.training.train.EpochMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Two models side by side (two seeds, CPU and GPU, ...): {@code compare-curves.png} overlays their learning curves,
 * {@code compare-confusion.png} puts their confusion matrices next to each other, and {@code compare.html} shows
 * both with their facts, differences highlighted. Everything comes from the two models' JSON files; no data set
 * and no engine are needed.
 */
public final class ComparisonReport {

    public static final String CURVES_PNG = "compare-curves.png";
    public static final String CONFUSION_PNG = "compare-confusion.png";
    public static final String COMPARE_HTML = "compare.html";

    private ComparisonReport() {}

    public static TrainingReport.Written write(ReportedModel a, ReportedModel b, Path out) throws IOException {
        long start = System.nanoTime();
        Charts.headless();
        byte[] curves = Charts.png(LearningCurves.render(List.of(new LearningCurves.Run("A", a.metrics().epochs()),
                new LearningCurves.Run("B", b.metrics().epochs()))));
        byte[] confusion = Charts.png(Charts.sideBySide(ConfusionHeatmap.render(a.confusion(), "A: confusion matrix"),
                ConfusionHeatmap.render(b.confusion(), "B: confusion matrix")));
        Files.createDirectories(out);
        Path curvesFile = AtomicFiles.write(out.resolve(CURVES_PNG), curves);
        Path confusionFile = AtomicFiles.write(out.resolve(CONFUSION_PNG), confusion);
        Path html = AtomicFiles.writeString(out.resolve(COMPARE_HTML), page(a, b, curves, confusion));
        return new TrainingReport.Written(html, List.of(curvesFile, confusionFile, html),
                (System.nanoTime() - start) / 1e9);
    }

    static String page(ReportedModel a, ReportedModel b, byte[] curves, byte[] confusion) {
        String title = "trainctl comparison: A and B";
        StringBuilder body = new StringBuilder("<h1>").append(Html.escape(title)).append("</h1>\n");
        body.append(Html.paragraph("A is " + Html.code(a.location()) + ", B is " + Html.code(b.location())
                + ". Rows where the two differ are highlighted."));
        body.append(Html.heading("Learning curves"));
        body.append(Html.paragraph("Solid lines are the training batches during each epoch, dashed lines the test set "
                + "after it."));
        body.append(Html.image(curves, "learning curves of A and B"));
        body.append(Html.heading("Confusion matrices"));
        body.append(Html.paragraph("Rows are the true digit, columns the predicted one."));
        body.append(Html.image(confusion, "confusion matrices of A and B"));
        body.append(Html.heading("Per epoch"));
        body.append(Html.table(List.of("epoch", "A train loss", "B train loss", "A test loss", "B test loss",
                "A test accuracy", "B test accuracy"), epochRows(a, b)));
        for (var group : List.<Group>of(new Group("Result", ModelFacts::result),
                new Group("Hyperparameters", ModelFacts::hyperparameters),
                new Group("Network", ModelFacts::network), new Group("Where it ran", ModelFacts::environment),
                new Group("Data", ModelFacts::data))) {
            body.append(Html.heading(group.title()));
            body.append(Html.table(List.of("", "A", "B"), sideBySide(group.facts().apply(a), group.facts().apply(b)),
                    row -> !Objects.equals(row.get(1), row.get(2))));
        }
        body.append("<p class=\"muted\">Written by trainctl from the two models' model.json and metrics.json. "
                + "This page references nothing outside itself.</p>\n");
        return Html.page(title, body.toString());
    }

    private record Group(String title, Function<ReportedModel, List<List<String>>> facts) {}

    /** Name, A's value, B's value; a name only one model has gets "none" for the other. */
    static List<List<String>> sideBySide(List<List<String>> a, List<List<String>> b) {
        List<List<String>> rows = new ArrayList<>();
        List<String> names = new ArrayList<>();
        a.forEach(row -> names.add(row.get(0)));
        b.stream().map(row -> row.get(0)).filter(name -> !names.contains(name)).forEach(names::add);
        for (String name : names) {
            rows.add(List.of(name, valueOf(a, name), valueOf(b, name)));
        }
        return rows;
    }

    private static String valueOf(List<List<String>> facts, String name) {
        return facts.stream().filter(row -> row.get(0).equals(name)).map(row -> row.get(1)).findFirst().orElse("none");
    }

    private static List<List<String>> epochRows(ReportedModel a, ReportedModel b) {
        int epochs = Math.max(a.metrics().epochs().size(), b.metrics().epochs().size());
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < epochs; i++) {
            EpochMetrics ea = i < a.metrics().epochs().size() ? a.metrics().epochs().get(i) : null;
            EpochMetrics eb = i < b.metrics().epochs().size() ? b.metrics().epochs().get(i) : null;
            rows.add(List.of(Integer.toString(i + 1),
                    cell(ea, EpochMetrics::trainLoss), cell(eb, EpochMetrics::trainLoss),
                    cell(ea, EpochMetrics::testLoss), cell(eb, EpochMetrics::testLoss),
                    cell(ea, EpochMetrics::testAccuracy), cell(eb, EpochMetrics::testAccuracy)));
        }
        return rows;
    }

    private static String cell(EpochMetrics epoch, Function<EpochMetrics, Double> metric) {
        return epoch == null ? "" : ModelFacts.decimal(metric.apply(epoch), 4);
    }
}
