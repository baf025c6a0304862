package dev.trainctl.training.artifacts;

import dev.trainctl.training.train.EpochMetrics;
import dev.trainctl.training.train.Evaluation;
import dev.trainctl.training.train.TrainingResult;
import java.util.List;

/** The contents of {@code metrics.json}: every epoch, the final test evaluation and its confusion matrix. */
public record MetricsReport(List<EpochMetrics> epochs, FinalMetrics finalMetrics, double trainingSeconds) {

    /**
     * @param confusionMatrix {@code [actual][predicted]} counts on the test set
     */
    public record FinalMetrics(double testAccuracy, double testLoss, int testCount, int correct,
            long[][] confusionMatrix) {}

    public static MetricsReport of(TrainingResult result) {
        Evaluation evaluation = result.finalEvaluation();
        return new MetricsReport(result.epochs(), new FinalMetrics(evaluation.accuracy(), evaluation.loss(),
                evaluation.count(), evaluation.correct(), evaluation.confusion()), result.trainingSeconds());
    }
}
