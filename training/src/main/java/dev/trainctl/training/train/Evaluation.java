package dev.trainctl.training.train;

/**
 * A model's performance on a labelled set.
 *
 * @param confusion {@code confusion[actual][predicted]} counts
 */
public record Evaluation(int count, int correct, double loss, long[][] confusion) {

    public double accuracy() {
        return count == 0 ? 0 : (double) correct / count;
    }
}
