package dev.trainctl.training.artifacts;

import dev.trainctl.training.engine.EngineInfo;
import dev.trainctl.training.train.EpochMetrics;
import dev.trainctl.training.train.Evaluation;
import dev.trainctl.training.train.TrainingResult;
import java.util.List;

/**
 * The contents of {@code metrics.json}: where the numbers were measured (device, engine version, native flavor),
 * every epoch, the final test evaluation and its confusion matrix.
 */
public record MetricsReport(String device, String engineVersion, String flavor, List<EpochMetrics> epochs,
        FinalMetrics finalMetrics, double trainingSeconds) {

    /**
     * @param confusionMatrix {@code [actual][predicted]} counts on the test set
     */
    public record FinalMetrics(double testAccuracy, double testLoss, int testCount, int correct,
            long[][] confusionMatrix) {}

    public static MetricsReport of(TrainingResult result, EngineInfo engine) {
        Evaluation evaluation = result.finalEvaluation();
        return new MetricsReport(result.device(), engine.engineVersion(), engine.flavor(), result.epochs(),
                new FinalMetrics(evaluation.accuracy(), evaluation.loss(),
                evaluation.count(), evaluation.correct(), evaluation.confusion()), result.trainingSeconds());
    }
}
