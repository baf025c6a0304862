package dev.trainctl.training.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainctl.training.data.ImageSet;
import dev.trainctl.training.train.SyntheticDigits;
import org.junit.jupiter.api.Test;

class MistakesTest {

    private static final ImageSet TEST = SyntheticDigits.generate(40, 4);

    @Test
    void onlyMisclassifiedImagesAreKeptMostConfidentFirst() {
        float[][] probabilities = MistakesGridTest.allRight(TEST);
        probabilities[3] = MistakesGridTest.confident((TEST.label(3) + 1) % 10, 0.55f);
        probabilities[17] = MistakesGridTest.confident((TEST.label(17) + 4) % 10, 0.95f);
        probabilities[21] = MistakesGridTest.confident((TEST.label(21) + 2) % 10, 0.75f);

        Mistakes mistakes = Mistakes.find(probabilities, TEST, 2);

        assertThat(mistakes.total()).isEqualTo(3);
        assertThat(mistakes.mostConfident()).extracting(Mistake::index).containsExactly(17, 21);
        Mistake first = mistakes.mostConfident().get(0);
        assertThat(first.label()).isEqualTo(TEST.label(17));
        assertThat(first.predicted()).isEqualTo((TEST.label(17) + 4) % 10);
        assertThat(first.probability()).isEqualTo(0.95f);
    }

    @Test
    void predictionsMustCoverTheTestSet() {
        assertThatThrownBy(() -> Mistakes.find(new float[3][10], TEST, 25))
                .hasMessage("3 predictions for 40 test images");
    }
}
