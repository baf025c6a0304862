package dev.trainctl.training.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.initializer.UniformInitializer;

/** The network of the PyTorch MNIST tutorial: Flatten, Linear(784, hidden), ReLU, Linear(hidden, 10). */
public final class MnistMlp {

    public static final int INPUTS = 28 * 28;
    public static final int CLASSES = 10;
    public static final int DEFAULT_HIDDEN = 128;
    /** The name DJL's parameter files carry: {@code mnist-mlp-NNNN.params}. */
    public static final String NAME = "mnist-mlp";

    private MnistMlp() {}

    public static SequentialBlock build(int hidden) {
        if (hidden <= 0) {
            throw new IllegalArgumentException("hidden size must be positive, got " + hidden);
        }
        return new SequentialBlock()
                .add(Blocks.batchFlattenBlock(INPUTS))
                .add(linear(INPUTS, hidden))
                .add(Activation.reluBlock())
                .add(linear(hidden, CLASSES));
    }

    /**
     * A Linear layer initialised as PyTorch's {@code nn.Linear} is: weights and bias uniform in
     * {@code ±1/sqrt(fan_in)} (kaiming_uniform with a=sqrt(5) reduces to that bound), so both start alike.
     */
    private static Linear linear(int fanIn, int units) {
        Linear layer = Linear.builder().setUnits(units).build();
        UniformInitializer bound = new UniformInitializer((float) (1 / Math.sqrt(fanIn)));
        layer.setInitializer(bound, Parameter.Type.WEIGHT);
        layer.setInitializer(bound, Parameter.Type.BIAS);
        return layer;
    }

    /** The input shape {@code (batch, 784)} used to initialise the parameters. */
    public static Shape inputShape(int batch) {
        return new Shape(batch, INPUTS);
    }

    /** A one-line description for model.json and logs. */
    public static String describe(int hidden) {
        return "Linear(" + INPUTS + "," + hidden + ")-ReLU-Linear(" + hidden + "," + CLASSES + ")";
    }
}
