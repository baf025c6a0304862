package dev.trainctl.training.serving;

import dev.trainctl.training.artifacts.TrainedModel;
import java.util.ArrayList;
import java.util.List;

/** What answers an invocation: one prediction per image, in order. */
@FunctionalInterface
public interface Predictor {

    List<Prediction> predict(ImageBatch batch);

    /**
     * A loaded model. One forward pass at a time: PyTorch already spreads one pass over the CPU's cores, and the
     * model's parameter store is not meant for concurrent passes.
     */
    static Predictor of(TrainedModel model) {
        return batch -> {
            float[][] rows;
            synchronized (model) {
                rows = model.probabilities(batch.pixels(), batch.count());
            }
            List<Prediction> predictions = new ArrayList<>(rows.length);
            for (float[] row : rows) {
                predictions.add(Prediction.of(row));
            }
            return predictions;
        };
    }
}
