package dev.trainctl.orchestrator.evaluate;

import dev.trainctl.training.data.Dataset;

/** Renders a confusion matrix as a small table: rows are the true class (digit), columns the predicted one. */
final class ConfusionMatrixText {

    private ConfusionMatrixText() {}

    static String render(long[][] confusion, Dataset vocabulary) {
        StringBuilder text = new StringBuilder("confusion matrix (rows: true " + vocabulary.classNoun()
                + ", columns: predicted" + (vocabulary.namesClasses() ? "; " + vocabulary.legend() : "") + ")\n     ");
        for (int predicted = 0; predicted < confusion.length; predicted++) {
            text.append(String.format("%6d", predicted));
        }
        for (int actual = 0; actual < confusion.length; actual++) {
            text.append(String.format("%n%4d ", actual));
            for (long count : confusion[actual]) {
                text.append(String.format("%6d", count));
            }
        }
        return text.toString();
    }
}
