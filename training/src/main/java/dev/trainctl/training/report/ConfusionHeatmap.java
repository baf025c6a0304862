package dev.trainctl.training.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.HeatMapSeries;
import org.knowm.xchart.style.HeatMapStyler;

/**
 * {@code confusion.png}: the confusion matrix as an xchart heat map, true digit on rows (0 at the top), predicted
 * digit on columns, the count written in every cell. Colour grows with the logarithm of the count, so the few
 * mistakes in a cell are visible beside a diagonal of a thousand; the palette stays light enough for the counts'
 * one text colour (xchart writes every cell in the same colour) to read on every cell.
 */
final class ConfusionHeatmap {

    static final int WIDTH = 640;
    static final int HEIGHT = 640;
    /** White to a mid blue: black text keeps a contrast ratio above 4.5 (WCAG AA) on the darkest cell. */
    static final Color LIGHTEST = Color.WHITE;
    static final Color DARKEST = new Color(0x4A, 0x90, 0xD0);
    /** Gradient stops: xchart interpolates linearly in the count between them, so many stops trace the log curve. */
    private static final int STOPS = 64;

    private ConfusionHeatmap() {}

    /**
     * @param confusion {@code [actual][predicted]} counts, square
     * @param classNoun what a class is called on the axes: "digit", "class"
     */
    static BufferedImage render(long[][] confusion, String title, String classNoun) {
        int classes = confusion.length;
        long max = 1;
        for (long[] row : confusion) {
            if (row.length != classes) {
                throw new IllegalArgumentException("the confusion matrix is not square: " + classes + " rows, a row of "
                        + row.length);
            }
            for (long count : row) {
                max = Math.max(max, count);
            }
        }
        HeatMapChart chart = new HeatMapChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("predicted " + classNoun).yAxisTitle("true " + classNoun).build();
        HeatMapStyler styler = chart.getStyler();
        Charts.style(styler);
        styler.setAxisTitleFont(Charts.AXIS_TITLE);
        styler.setAxisTickLabelsFont(Charts.TICKS);
        styler.setPlotBorderVisible(false);
        styler.setPlotContentSize(1.0);
        styler.setShowValue(true);
        styler.setValueFont(new Font(Font.SANS_SERIF, Font.PLAIN, classes > 10 ? 11 : 15));
        styler.setValueFontColor(Color.BLACK);
        styler.setHeatMapValueDecimalPattern("0");
        styler.setRangeColors(logarithmicStops(max));
        // Every cell shows its count, so a colour legend would only repeat them (and its linear scale would
        // misread the logarithmic colours).
        styler.setLegendVisible(false);
        styler.setDrawBorder(true);
        // One cell per [true][predicted] pair; xchart puts y index 0 at the bottom, so true digit d is row
        // classes-1-d and the labels run from the largest digit at the bottom to 0 at the top.
        List<Integer> predicted = new ArrayList<>();
        List<Integer> actualFromBottom = new ArrayList<>();
        for (int i = 0; i < classes; i++) {
            predicted.add(i);
            actualFromBottom.add(classes - 1 - i);
        }
        List<Number[]> cells = new ArrayList<>();
        for (int actual = 0; actual < classes; actual++) {
            for (int guess = 0; guess < classes; guess++) {
                cells.add(new Number[] {guess, classes - 1 - actual, confusion[actual][guess]});
            }
        }
        HeatMapSeries series = chart.addSeries("count", predicted, actualFromBottom, cells);
        series.setMin(0);
        series.setMax(max);
        return BitmapEncoder.getBufferedImage(chart);
    }

    /**
     * {@code STOPS} colours evenly spaced in the count from 0 to {@code max}, each the palette colour at
     * {@code log(1 + count) / log(1 + max)}.
     */
    static Color[] logarithmicStops(long max) {
        Color[] stops = new Color[STOPS];
        for (int i = 0; i < STOPS; i++) {
            double count = (double) max * i / (STOPS - 1);
            stops[i] = colourAt(Math.log1p(count) / Math.log1p(max));
        }
        return stops;
    }

    /** The palette colour at {@code t} in [0, 1]. */
    static Color colourAt(double t) {
        double clamped = Math.max(0, Math.min(1, t));
        return new Color(mix(LIGHTEST.getRed(), DARKEST.getRed(), clamped),
                mix(LIGHTEST.getGreen(), DARKEST.getGreen(), clamped),
                mix(LIGHTEST.getBlue(), DARKEST.getBlue(), clamped));
    }

    private static int mix(int from, int to, double t) {
        return (int) Math.round(from + (to - from) * t);
    }
}
