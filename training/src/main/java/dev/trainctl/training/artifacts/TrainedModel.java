package dev.trainctl.training.artifacts;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.trainctl.training.data.ImageSet;
import dev.trainctl.training.model.MnistMlp;
import dev.trainctl.training.train.DeviceImages;
import dev.trainctl.training.train.Evaluation;
import dev.trainctl.training.train.Evaluator;

/** A model loaded from its artifacts, ready to evaluate and predict. */
public final class TrainedModel implements AutoCloseable {

    private final Model model;
    private final ModelCard card;
    private final ParameterStore parameters;

    TrainedModel(Model model, ModelCard card) {
        this.model = model;
        this.card = card;
        this.parameters = new ParameterStore(model.getNDManager(), false);
    }

    public ModelCard card() {
        return card;
    }

    public Evaluation evaluate(ImageSet set) {
        try (NDManager manager = model.getNDManager().newSubManager();
                DeviceImages data = DeviceImages.upload(set, manager)) {
            return new Evaluator().evaluate(model.getBlock(), parameters, data);
        }
    }

    /** Class probabilities (softmax) for the image at {@code index} of {@code set}. */
    public float[] probabilities(ImageSet set, int index) {
        ImageSet one = new ImageSet(
                java.util.Arrays.copyOfRange(set.pixels(), index * set.pixelsPerImage(), (index + 1) * set.pixelsPerImage()),
                new byte[] {(byte) set.label(index)}, 1, set.rows(), set.columns());
        try (NDManager manager = model.getNDManager().newSubManager();
                DeviceImages data = DeviceImages.upload(one, manager)) {
            NDArray images = data.images(new NDIndex().addSliceDim(0, 1), manager);
            NDArray logits = model.getBlock().forward(parameters, new NDList(images), false).singletonOrThrow();
            return logits.softmax(1).toType(DataType.FLOAT32, false).toFloatArray();
        }
    }

    /** Class probabilities (softmax) for every image of {@code set}, one row per image. */
    public float[][] probabilities(ImageSet set) {
        int classes = ImageSet.CLASSES;
        float[] flat;
        try (NDManager manager = model.getNDManager().newSubManager();
                DeviceImages data = DeviceImages.upload(set, manager)) {
            NDArray images = data.images(new NDIndex().addSliceDim(0, set.count()), manager);
            NDArray logits = model.getBlock().forward(parameters, new NDList(images), false).singletonOrThrow();
            flat = logits.softmax(1).toType(DataType.FLOAT32, false).toFloatArray();
        }
        float[][] rows = new float[set.count()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = java.util.Arrays.copyOfRange(flat, i * classes, (i + 1) * classes);
        }
        return rows;
    }

    /**
     * Class probabilities for {@code count} images given as pixel values 0-255 ({@code count * 784} of them, as an
     * endpoint receives them), one row per image. The pixels are normalised exactly as {@link #evaluate} normalises
     * a data set's bytes (whole numbers give the same floats), so an endpoint scores as the model does.
     */
    public float[][] probabilities(float[] pixels, int count) {
        if (count < 1 || pixels.length != count * MnistMlp.INPUTS) {
            throw new IllegalArgumentException("expected " + count + " x " + MnistMlp.INPUTS + " pixels, got "
                    + pixels.length);
        }
        float[] flat;
        try (NDManager manager = model.getNDManager().newSubManager()) {
            NDArray images = DeviceImages.normalise(manager.create(pixels, new Shape(count, MnistMlp.INPUTS)));
            NDArray logits = model.getBlock().forward(parameters, new NDList(images), false).singletonOrThrow();
            flat = logits.softmax(1).toType(DataType.FLOAT32, false).toFloatArray();
        }
        float[][] rows = new float[count][];
        for (int i = 0; i < count; i++) {
            rows[i] = java.util.Arrays.copyOfRange(flat, i * ImageSet.CLASSES, (i + 1) * ImageSet.CLASSES);
        }
        return rows;
    }

    /** The class with the highest probability (the first of equals). */
    public static int mostLikely(float[] probabilities) {
        int best = 0;
        for (int i = 1; i < probabilities.length; i++) {
            if (probabilities[i] > probabilities[best]) {
                best = i;
            }
        }
        return best;
    }

    @Override
    public void close() {
        model.close();
    }
}
