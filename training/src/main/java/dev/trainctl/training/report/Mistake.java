package dev.trainctl.training.report;

/**
 * A test image the model gets wrong, and how sure it was.
 *
 * @param index the image's position in the test set ({@code trainctl predict --index N} shows it)
 * @param label the true digit
 * @param predicted the digit the model chose
 * @param probability the model's probability for {@code predicted}
 */
record Mistake(int index, int label, int predicted, float probability) {

    Mistake {
        if (label == predicted) {
            throw new IllegalArgumentException("test image " + index + " is classified correctly (" + label + ")");
        }
    }
}
