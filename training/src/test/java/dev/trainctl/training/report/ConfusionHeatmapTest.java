package dev.trainctl.training.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class ConfusionHeatmapTest {

    @Test
    void rowsAreTheTrueDigitFromTheTopAndColumnsThePrediction() {
        long[][] confusion = new long[10][10];
        for (int digit = 0; digit < 10; digit++) {
            confusion[digit][digit] = 100;
        }
        // True 3s mostly read as 5: the darkest cell of row 3 (from the top) must be column 5.
        confusion[3][3] = 20;
        confusion[3][5] = 80;

        BufferedImage image = ConfusionHeatmap.render(confusion, "test", "digit");
        Color[][] cells = ReportImages.heatmapCells(image, 10);

        assertThat(image.getWidth()).isEqualTo(ConfusionHeatmap.WIDTH);
        assertThat(ReportImages.darkestColumn(cells[3])).isEqualTo(5);
        assertThat(ReportImages.darkestColumn(cells[0])).isEqualTo(0);
        assertThat(ReportImages.darkestColumn(cells[9])).isEqualTo(9);
    }

    @Test
    void aFewMistakesAreAlreadyTintedBesideAThousand() {
        Color[] stops = ConfusionHeatmap.logarithmicStops(1000);
        // The first stop past zero covers counts up to 1000/63: on a linear scale it would be 1/63 of the way.
        Color one = stops[1];

        assertThat(stops[0]).isEqualTo(ConfusionHeatmap.LIGHTEST);
        assertThat(stops[stops.length - 1]).isEqualTo(ConfusionHeatmap.DARKEST);
        assertThat(Charts.BACKGROUND.getRed() - one.getRed()).as("tint of ~16 mistakes").isGreaterThan(60);
    }
}
