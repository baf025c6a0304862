package dev.trainctl.orchestrator.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainctl.training.data.Dataset;
import org.junit.jupiter.api.Test;

class ConfusionMatrixTextTest {

    private static final long[][] CONFUSION = new long[10][10];

    @Test
    void mnistRowsAreTrueDigits() {
        assertThat(ConfusionMatrixText.render(CONFUSION, Dataset.MNIST))
                .startsWith("confusion matrix (rows: true digit, columns: predicted)\n");
    }

    @Test
    void fashionRowsAreTrueClassesWithTheirNames() {
        assertThat(ConfusionMatrixText.render(CONFUSION, Dataset.FASHION_MNIST)).startsWith("confusion matrix (rows:"
                + " true class, columns: predicted; 0 T-shirt/top, 1 Trouser, 2 Pullover, 3 Dress, 4 Coat, 5 Sandal,"
                + " 6 Shirt, 7 Sneaker, 8 Bag, 9 Ankle boot)\n").doesNotContain("digit");
    }
}
