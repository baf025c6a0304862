package dev.trainctl.training.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainctl.training.data.ImageSet;
import dev.trainctl.training.train.SyntheticDigits;
import java.awt.Font;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class MistakesGridTest {

    private static final ImageSet TEST = SyntheticDigits.generate(60, 9);

    @Test
    void theGridShowsTheTwentyFiveMostConfidentMistakesAsFramedTiles() {
        Mistakes mistakes = Mistakes.find(allWrong(TEST), TEST, TrainingReport.MISTAKES_SHOWN);

        BufferedImage grid = MistakesGrid.render(mistakes, TEST);

        assertThat(mistakes.total()).isEqualTo(60);
        assertThat(ReportImages.rectangles(grid, MistakesGrid.FRAME)).isEqualTo(25);
        MistakesGrid.Layout layout = MistakesGrid.layout(TEST);
        for (int n = 0; n < 25; n++) {
            assertThat(grid.getRGB(layout.x(n), layout.y(n))).as("frame corner of tile %d", n)
                    .isEqualTo(MistakesGrid.FRAME.getRGB());
            assertThat(grid.getRGB(layout.x(n) - 1, layout.y(n) - 1)).isEqualTo(Charts.BACKGROUND.getRGB());
        }
    }

    @Test
    void fewerMistakesThanTheGridHoldsDrawOneTileEach() {
        float[][] probabilities = allRight(TEST);
        probabilities[7] = confident((TEST.label(7) + 1) % 10, 0.6f);
        probabilities[30] = confident((TEST.label(30) + 2) % 10, 0.9f);

        BufferedImage grid = MistakesGrid.render(Mistakes.find(probabilities, TEST, 25), TEST);

        assertThat(ReportImages.rectangles(grid, MistakesGrid.FRAME)).isEqualTo(2);
    }

    @Test
    void aTileIsLabelledTrueArrowPredictedAndAProbabilityThatNeverRoundsUpToCertainty() {
        Mistake mistake = new Mistake(12, 4, 9, 0.9997f);

        assertThat(MistakesGrid.label(mistake, new Font(Font.SANS_SERIF, Font.BOLD, 17))).isEqualTo("4 → 9 (0.999)");
    }

    /** Each image confidently classified as the next digit, more confidently for later images. */
    static float[][] allWrong(ImageSet set) {
        float[][] probabilities = new float[set.count()][];
        for (int i = 0; i < set.count(); i++) {
            probabilities[i] = confident((set.label(i) + 1) % 10, 0.5f + 0.4f * i / set.count());
        }
        return probabilities;
    }

    static float[][] allRight(ImageSet set) {
        float[][] probabilities = new float[set.count()][];
        for (int i = 0; i < set.count(); i++) {
            probabilities[i] = confident(set.label(i), 0.9f);
        }
        return probabilities;
    }

    static float[] confident(int digit, float probability) {
        float[] row = new float[10];
        java.util.Arrays.fill(row, (1 - probability) / 9);
        row[digit] = probability;
        return row;
    }
}
