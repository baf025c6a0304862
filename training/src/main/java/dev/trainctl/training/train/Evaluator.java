package dev.trainctl.training.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import dev.trainctl.training.model.MnistMlp;

/** Scores a model on a labelled set: accuracy, mean loss and the confusion matrix. */
public final class Evaluator {

    /** Images per forward pass: large enough to be fast, small enough for any device. */
    private static final int CHUNK = 10_000;

    private final Loss loss = Loss.softmaxCrossEntropyLoss();

    public Evaluation evaluate(Block block, ParameterStore parameters, DeviceImages data) {
        long[][] confusion = new long[MnistMlp.CLASSES][MnistMlp.CLASSES];
        double lossSum = 0;
        int correct = 0;
        for (int start = 0; start < data.count(); start += CHUNK) {
            int end = Math.min(start + CHUNK, data.count());
            try (NDManager chunk = data.pixels().getManager().newSubManager()) {
                NDIndex range = new NDIndex().addSliceDim(start, end);
                NDArray images = data.images(range, chunk);
                NDArray labels = data.labels().get(range);
                labels.attach(chunk);
                NDArray logits = block.forward(parameters, new NDList(images), false).singletonOrThrow();
                lossSum += loss.evaluate(new NDList(labels), new NDList(logits)).getFloat() * (end - start);
                long[] predicted = logits.argMax(1).toLongArray();
                long[] actual = labels.toLongArray();
                for (int i = 0; i < predicted.length; i++) {
                    confusion[(int) actual[i]][(int) predicted[i]]++;
                    if (predicted[i] == actual[i]) {
                        correct++;
                    }
                }
            }
        }
        return new Evaluation(data.count(), correct, lossSum / data.count(), confusion);
    }
}
