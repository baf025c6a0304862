package dev.trainctl.training.report;

import ai.djl.Device;
import dev.trainctl.training.artifacts.ModelArtifacts;
import dev.trainctl.training.artifacts.TrainedModel;
import dev.trainctl.training.data.Dataset;
import dev.trainctl.training.data.ImageSet;
import dev.trainctl.training.files.AtomicFiles;
import dev.trainctl.training.text.ShellWords;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The report every training run writes beside its model: {@code curves.png}, {@code confusion.png},
 * {@code mistakes.png} and {@code report.html}, which embeds the three. Curves and confusion matrix come from
 * {@code metrics.json}; the mistakes from one pass of the saved model over the test set, so the report shows what
 * the saved files do, and {@code trainctl report} rebuilds the same report from a model alone.
 */
public final class TrainingReport {

    public static final String CURVES_PNG = "curves.png";
    public static final String CONFUSION_PNG = "confusion.png";
    public static final String MISTAKES_PNG = "mistakes.png";
    public static final String REPORT_HTML = "report.html";
    public static final int MISTAKES_SHOWN = MistakesGrid.COLUMNS * MistakesGrid.ROWS;

    /**
     * What a report wrote.
     *
     * @param html the page
     * @param files every file written, the page last
     * @param seconds how long it took, loading the model and predicting included
     */
    public record Written(Path html, List<Path> files, double seconds) {}

    private TrainingReport() {}

    /**
     * Writes the report for the model in {@code modelDir} into {@code out}.
     *
     * @param test the test set the mistakes are taken from
     * @param device where the saved model runs over the test set
     * @param location where the model lives, as the page should say it
     */
    public static Written write(Path modelDir, ImageSet test, Device device, String location, Path out)
            throws IOException {
        long start = System.nanoTime();
        Charts.headless();
        ReportedModel model = ReportedModel.read(modelDir, location);
        float[][] probabilities;
        try (TrainedModel trained = ModelArtifacts.load(modelDir, device)) {
            probabilities = trained.probabilities(test);
        }
        Mistakes mistakes = Mistakes.find(probabilities, test, MISTAKES_SHOWN);
        ReportPage.Plots plots = new ReportPage.Plots(
                Charts.png(LearningCurves.render(List.of(new LearningCurves.Run("", model.metrics().epochs())))),
                Charts.png(ConfusionHeatmap.render(model.confusion(), "Confusion matrix, "
                        + model.metrics().finalMetrics().testCount() + " test images",
                        Dataset.vocabularyOf(model.card().dataset()).classNoun())),
                Charts.png(MistakesGrid.render(mistakes, test)));
        Files.createDirectories(out);
        Path curves = AtomicFiles.write(out.resolve(CURVES_PNG), plots.curves());
        Path confusion = AtomicFiles.write(out.resolve(CONFUSION_PNG), plots.confusion());
        Path mistakesPng = AtomicFiles.write(out.resolve(MISTAKES_PNG), plots.mistakes());
        double seconds = (System.nanoTime() - start) / 1e9;
        String page = ReportPage.render(model, plots, mistakes.total(), mistakes.mostConfident().size(), seconds);
        Path html = AtomicFiles.writeString(out.resolve(REPORT_HTML), page);
        return new Written(html, List.of(curves, confusion, mistakesPng, html), (System.nanoTime() - start) / 1e9);
    }

    /**
     * {@link #write} beside the model, for a training run: the model is already saved, so a report that cannot be
     * written (no fonts in a slim image, a full disk, anything) is a warning and never fails the run.
     *
     * @return what was written, or empty after a warning
     */
    public static Optional<Written> writeOrWarn(Path modelDir, ImageSet test, Device device, String location,
            Consumer<String> warn) {
        try {
            return Optional.of(write(modelDir, test, device, location, modelDir));
        } catch (Exception | Error e) { // deliberately everything: the model is safe, the run must succeed
            String cause = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            warn.accept("trainctl: warning: no report written (" + cause + "); the model in " + modelDir
                    + " is saved. Rebuild it with 'trainctl report --model " + ShellWords.quote(modelDir) + "'");
            return Optional.empty();
        }
    }
}
