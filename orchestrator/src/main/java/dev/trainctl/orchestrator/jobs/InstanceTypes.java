package dev.trainctl.orchestrator.jobs;

import software.amazon.awssdk.services.sagemaker.model.TrainingInstanceType;

/** The instance types trainctl asks for, checked against the SDK's list before any request is sent. */
public final class InstanceTypes {

    /** Two vCPUs and 4 GiB: enough for the MNIST MLP, and the cheapest training instance. */
    public static final String DEFAULT = "ml.t3.medium";
    /** One V100; what {@code --gpu} asks for. */
    public static final String DEFAULT_GPU = "ml.p3.2xlarge";

    private InstanceTypes() {}

    /** The instance type for {@code --instance-type} (wins) or {@code --gpu}. */
    public static TrainingInstanceType choose(String requested, boolean gpu) {
        String name = requested != null ? requested : gpu ? DEFAULT_GPU : DEFAULT;
        TrainingInstanceType type = TrainingInstanceType.fromValue(name);
        if (type == null || type == TrainingInstanceType.UNKNOWN_TO_SDK_VERSION) {
            throw new IllegalArgumentException("'" + name + "' is not a SageMaker training instance type (e.g. "
                    + DEFAULT + ", ml.m5.large, " + DEFAULT_GPU + ", ml.g4dn.xlarge; note the 'ml.' prefix)");
        }
        return type;
    }

    /** Whether the type has a GPU (p and g families). */
    public static boolean hasGpu(TrainingInstanceType type) {
        String family = type.toString().substring(3);
        return family.startsWith("p") || family.startsWith("g");
    }
}
