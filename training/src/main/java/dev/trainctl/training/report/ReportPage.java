package dev.trainctl.training.report;

import dev.trainctl.training.artifacts.MetricsReport;
import dev.trainctl.training.data.Dataset;
import java.util.List;
import java.util.Locale;

/** {@code report.html}: one model's plots, facts, per-epoch table and timings on one self-contained page. */
final class ReportPage {

    /** The rendered plots, as PNG bytes. */
    record Plots(byte[] curves, byte[] confusion, byte[] mistakes) {}

    private ReportPage() {}

    static String render(ReportedModel model, Plots plots, int misclassified, int shown, double reportSeconds) {
        MetricsReport.FinalMetrics last = model.metrics().finalMetrics();
        String title = "trainctl report: " + model.card().architecture() + " on " + model.card().dataset();
        StringBuilder body = new StringBuilder();
        body.append("<h1>").append(Html.escape(title)).append("</h1>\n");
        body.append("<p class=\"summary\">").append(Html.escape(String.format(Locale.ROOT,
                "Test accuracy %.4f (%d of %d images), test loss %.4f, after %d epochs on %s in %.1f s.",
                last.testAccuracy(), last.correct(), last.testCount(), last.testLoss(),
                model.metrics().epochs().size(), model.metrics().device(), model.metrics().trainingSeconds())))
                .append("</p>\n");
        body.append(Html.paragraph("The model lives in " + Html.code(model.location()) + "."));

        body.append(Html.heading("Learning curves"));
        body.append(Html.paragraph("Mean loss and accuracy on the training batches during each epoch, and on the "
                + "test set after it. Test above train accuracy early on is normal: train figures average over an "
                + "epoch in which the model was still learning."));
        body.append(Html.image(plots.curves(), "learning curves: loss and accuracy per epoch"));

        body.append(Html.heading("Confusion matrix"));
        Dataset vocabulary = Dataset.vocabularyOf(model.card().dataset());
        String noun = vocabulary.classNoun();
        body.append(Html.paragraph(Html.escape("Rows are the true " + noun + ", columns the " + noun + " the model"
                + " predicted; the diagonal holds the correct answers. Colour grows with the logarithm of the count,"
                + " so a cell with a few mistakes is already tinted." + (vocabulary.namesClasses()
                        ? " The classes: " + vocabulary.legend() + "." : ""))));
        body.append(Html.image(plots.confusion(), "confusion matrix of the test set"));

        body.append(Html.heading("Most confident mistakes"));
        body.append(Html.paragraph(Html.escape(String.format(Locale.ROOT,
                "The %d test images the model gets wrong with the highest probability, of %d it gets wrong. "
                + "Each reads true \u2192 predicted (probability of the prediction). ", shown, misclassified))
                + Html.code("trainctl predict --model " + model.location() + " --index N")
                + " shows all ten probabilities for test image N."));
        body.append(Html.image(plots.mistakes(), "the most confidently misclassified test images"));

        body.append(Html.heading("Per epoch"));
        body.append(Html.table(ModelFacts.EPOCH_HEADER,
                model.metrics().epochs().stream().map(ModelFacts::epochRow).toList()));

        body.append(Html.heading("Result"));
        body.append(Html.facts(ModelFacts.result(model)));
        body.append(Html.heading("Hyperparameters"));
        body.append(Html.facts(ModelFacts.hyperparameters(model)));
        body.append(Html.heading("Network"));
        body.append(Html.facts(ModelFacts.network(model)));
        body.append(Html.heading("Where it ran"));
        body.append(Html.facts(ModelFacts.environment(model)));
        body.append(Html.heading("Data"));
        body.append(Html.facts(ModelFacts.data(model)));

        body.append(Html.heading("Timings"));
        double epochSeconds = model.metrics().epochs().stream().mapToDouble(e -> e.seconds()).sum();
        body.append(Html.facts(List.of(
                List.of("training, total", ModelFacts.seconds(model.metrics().trainingSeconds())),
                List.of("epochs (training and test evaluation)", ModelFacts.seconds(epochSeconds)),
                List.of("mean per epoch", ModelFacts.seconds(epochSeconds / model.metrics().epochs().size())),
                List.of("this report (predictions and plots)", String.format(Locale.ROOT, "%.2f s",
                        reportSeconds)))));
        body.append("<p class=\"muted\">Written by trainctl from model.json and metrics.json beside the model. "
                + "This page references nothing outside itself.</p>\n");
        return Html.page(title, body.toString());
    }
}
