package dev.trainctl.training.report;

import dev.trainctl.training.train.EpochMetrics;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * {@code curves.png}: two panels, loss and accuracy per epoch, each with a train and a test line per model. One
 * model: train is blue, test vermillion. Two (compare): each model has its colour, train is solid, test dashed.
 * Train points are circles and test points diamonds, so the legend tells them apart without colour.
 */
final class LearningCurves {

    static final int PANEL_WIDTH = 640;
    static final int HEIGHT = 460;

    private static final Color[] MODEL_COLOURS = {Charts.BLUE, Charts.VERMILLION};
    private static final BasicStroke SOLID = new BasicStroke(2.5f);
    private static final BasicStroke DASHED = new BasicStroke(2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND,
            10f, new float[] {9f, 6f}, 0f);

    /** One model's epochs, named for the legend ("" when the plot shows one model). */
    record Run(String name, List<EpochMetrics> epochs) {

        Run {
            if (epochs.isEmpty()) {
                throw new IllegalArgumentException("no epochs to plot for " + (name.isEmpty() ? "the model" : name));
            }
            epochs = List.copyOf(epochs);
        }
    }

    private LearningCurves() {}

    static BufferedImage render(List<Run> runs) {
        if (runs.isEmpty() || runs.size() > MODEL_COLOURS.length) {
            throw new IllegalArgumentException("plots 1 or " + MODEL_COLOURS.length + " models, got " + runs.size());
        }
        XYChart loss = panel("Loss per epoch", "cross-entropy loss", runs, EpochMetrics::trainLoss,
                EpochMetrics::testLoss);
        XYChart accuracy = panel("Accuracy per epoch", "accuracy", runs, EpochMetrics::trainAccuracy,
                EpochMetrics::testAccuracy);
        return Charts.sideBySide(BitmapEncoder.getBufferedImage(loss), BitmapEncoder.getBufferedImage(accuracy));
    }

    private static XYChart panel(String title, String yTitle, List<Run> runs, ToDoubleFunction<EpochMetrics> train,
            ToDoubleFunction<EpochMetrics> test) {
        XYChart chart = new XYChartBuilder().width(PANEL_WIDTH).height(HEIGHT).title(title).xAxisTitle("epoch")
                .yAxisTitle(yTitle).build();
        XYStyler styler = chart.getStyler();
        Charts.style(styler);
        styler.setAxisTitleFont(Charts.AXIS_TITLE);
        styler.setAxisTickLabelsFont(Charts.TICKS);
        styler.setPlotGridLinesColor(Charts.GRID);
        styler.setPlotBorderColor(Charts.GRID);
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setMarkerSize(8);
        // Epochs are whole numbers: label only the integer ticks.
        styler.setxAxisTickLabelsFormattingFunction(x -> Math.abs(x - Math.rint(x)) < 1e-9
                ? String.format(Locale.ROOT, "%d", Math.round(x)) : "");
        int last = runs.stream().mapToInt(run -> run.epochs().get(run.epochs().size() - 1).epoch()).max().orElse(1);
        int first = runs.stream().mapToInt(run -> run.epochs().get(0).epoch()).min().orElse(1);
        styler.setXAxisMin(first == last ? first - 0.5 : first);
        styler.setXAxisMax(first == last ? last + 0.5 : last);
        for (int i = 0; i < runs.size(); i++) {
            Run run = runs.get(i);
            boolean several = runs.size() > 1;
            Color trainColour = several ? MODEL_COLOURS[i] : Charts.BLUE;
            Color testColour = several ? MODEL_COLOURS[i] : Charts.VERMILLION;
            add(chart, label(run.name(), "train"), run, train, trainColour, SOLID, SeriesMarkers.CIRCLE);
            add(chart, label(run.name(), "test"), run, test, testColour, several ? DASHED : SOLID,
                    SeriesMarkers.DIAMOND);
        }
        return chart;
    }

    private static String label(String model, String split) {
        return model.isEmpty() ? split : model + " " + split;
    }

    private static void add(XYChart chart, String name, Run run, ToDoubleFunction<EpochMetrics> metric, Color colour,
            BasicStroke stroke, Marker marker) {
        double[] epochs = run.epochs().stream().mapToDouble(EpochMetrics::epoch).toArray();
        double[] values = run.epochs().stream().mapToDouble(metric).toArray();
        XYSeries series = chart.addSeries(name, epochs, values);
        series.setLineColor(colour);
        series.setMarkerColor(colour);
        series.setLineStyle(stroke);
        series.setMarker(marker);
    }
}
