package dev.trainctl.training.report;

import dev.trainctl.training.artifacts.TrainedModel;
import dev.trainctl.training.data.ImageSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The test images a model misclassifies most confidently.
 *
 * @param mostConfident highest probability first (ties: lower index first)
 * @param total how many test images the model gets wrong
 */
record Mistakes(List<Mistake> mostConfident, int total) {

    Mistakes {
        mostConfident = List.copyOf(mostConfident);
    }

    /**
     * @param probabilities one row of class probabilities per image of {@code test}
     * @param limit how many to keep
     */
    static Mistakes find(float[][] probabilities, ImageSet test, int limit) {
        if (probabilities.length != test.count()) {
            throw new IllegalArgumentException(probabilities.length + " predictions for " + test.count()
                    + " test images");
        }
        List<Mistake> wrong = new ArrayList<>();
        for (int i = 0; i < probabilities.length; i++) {
            int predicted = TrainedModel.mostLikely(probabilities[i]);
            if (predicted != test.label(i)) {
                wrong.add(new Mistake(i, test.label(i), predicted, probabilities[i][predicted]));
            }
        }
        wrong.sort(Comparator.comparingDouble(Mistake::probability).reversed().thenComparingInt(Mistake::index));
        return new Mistakes(wrong.subList(0, Math.min(limit, wrong.size())), wrong.size());
    }
}
