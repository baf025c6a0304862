package dev.trainctl.training.serving;

import dev.trainctl.training.data.ImageSet;

/**
 * The model's answer for one image: the most likely digit and the ten class probabilities.
 *
 * @param digit the class with the highest probability (the first of equals)
 * @param probabilities the softmax of the ten logits
 */
public record Prediction(int digit, float[] probabilities) {

    public Prediction {
        if (probabilities.length != ImageSet.CLASSES || digit < 0 || digit >= ImageSet.CLASSES) {
            throw new IllegalArgumentException("a prediction is a digit 0-9 and ten probabilities");
        }
        probabilities = probabilities.clone();
    }

    /** The prediction for a row of probabilities: the most likely digit with them. */
    public static Prediction of(float[] probabilities) {
        int best = 0;
        for (int i = 1; i < probabilities.length; i++) {
            if (probabilities[i] > probabilities[best]) {
                best = i;
            }
        }
        return new Prediction(best, probabilities);
    }

    @Override
    public float[] probabilities() {
        return probabilities.clone();
    }
}
