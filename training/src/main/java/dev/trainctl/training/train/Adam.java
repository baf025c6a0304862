package dev.trainctl.training.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam with its state in the open: the first and second moments of each parameter and the step count, so a
 * checkpoint can save them and a resumed run continues exactly where it stopped (DJL's own Adam keeps them
 * private). The update itself is the engine's fused kernel, one native call per parameter.
 */
final class Adam {

    static final float BETA1 = 0.9f;
    static final float BETA2 = 0.999f;
    static final float EPSILON = 1e-8f;

    private final float learningRate;
    private final List<NDArray> means = new ArrayList<>();
    private final List<NDArray> variances = new ArrayList<>();
    private long steps;

    Adam(float learningRate, List<NDArray> parameters, NDManager manager) {
        this.learningRate = learningRate;
        for (NDArray parameter : parameters) {
            means.add(manager.zeros(parameter.getShape(), parameter.getDataType(), parameter.getDevice()));
            variances.add(manager.zeros(parameter.getShape(), parameter.getDataType(), parameter.getDevice()));
        }
    }

    /**
     * Applies one update to each parameter from its gradient; the engine also zeroes the gradient. Gradient
     * handles are attached to {@code batchManager} so they are released with the batch.
     */
    void step(List<NDArray> parameters, NDManager batchManager) {
        steps++;
        double biasCorrection1 = 1 - Math.pow(BETA1, steps);
        double biasCorrection2 = 1 - Math.pow(BETA2, steps);
        float correctedRate = (float) (learningRate * Math.sqrt(biasCorrection2) / biasCorrection1);
        for (int i = 0; i < parameters.size(); i++) {
            NDArray weight = parameters.get(i);
            NDArray gradient = weight.getGradient();
            gradient.attach(batchManager);
            weight.getNDArrayInternal().adamUpdate(
                    new NDList(weight, gradient, means.get(i), variances.get(i)),
                    new NDList(weight),
                    learningRate, correctedRate, 0f, 1f, -1f, BETA1, BETA2, EPSILON, true, false);
        }
    }

    long steps() {
        return steps;
    }

    /** The moments, means first, for a checkpoint. */
    NDList state() {
        NDList state = new NDList();
        state.addAll(means);
        state.addAll(variances);
        return state;
    }

    /** Restores moments and step count saved by {@link #state()}. */
    void restore(NDList state, long savedSteps) {
        if (state.size() != means.size() + variances.size()) {
            throw new IllegalArgumentException("checkpoint holds " + state.size() + " optimizer arrays, expected "
                    + (means.size() + variances.size()));
        }
        for (int i = 0; i < means.size(); i++) {
            MnistTrainer.adopt(means.get(i), state.get(i));
            MnistTrainer.adopt(variances.get(i), state.get(means.size() + i));
        }
        this.steps = savedSteps;
    }
}
