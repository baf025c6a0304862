package dev.trainctl.orchestrator.trainingjob;

import dev.trainctl.training.train.DeviceChoice;
import java.util.Optional;
import software.amazon.awssdk.services.sagemaker.model.TrainingInstanceType;

/** The instance types trainctl asks for, checked against the SDK's list before any request is sent. */
public final class InstanceTypes {

    /** Two vCPUs and 4 GiB: enough for the MNIST MLP, and the cheapest training instance. */
    public static final String DEFAULT = "ml.t3.medium";
    /**
     * {@code --gpu}: a T4 (Turing). The GPU image's PyTorch 2.7.1 CUDA 12.8 build is compiled for Turing and newer,
     * so not for the V100 (Volta) of {@code ml.p3}.
     */
    public static final String DEFAULT_GPU = "ml.g4dn.xlarge";

    private InstanceTypes() {}

    /** The instance type for {@code --instance-type} (wins) or {@code --gpu}. */
    public static TrainingInstanceType choose(String requested, boolean gpu) {
        String name = requested != null ? requested : gpu ? DEFAULT_GPU : DEFAULT;
        TrainingInstanceType type = TrainingInstanceType.fromValue(name);
        if (type == null || type == TrainingInstanceType.UNKNOWN_TO_SDK_VERSION) {
            throw new IllegalArgumentException("'" + name + "' is not a SageMaker training instance type (e.g. "
                    + DEFAULT + ", ml.m5.large, " + DEFAULT_GPU + ", ml.g5.xlarge; note the 'ml.' prefix)");
        }
        return type;
    }

    /**
     * Whether the type has an NVIDIA GPU. SageMaker's accelerated training families: p2, p3, p3dn, p4d, p4de, p5, p5e,
     * p5en, p6-b200, p6e-gb200 and g4dn, g5, g6, g6e (the CreateTrainingJob API reference's InstanceType values);
     * trn1/trn2 are Trainium, which CUDA natives cannot use, and every other training family is CPU-only.
     */
    public static boolean hasGpu(TrainingInstanceType type) {
        String family = type.toString().substring(3);
        return family.startsWith("p") || family.startsWith("g");
    }

    /**
     * The container's {@code device} for a job on {@code type}: {@code gpu} on a GPU instance, so the job fails at
     * once if the image cannot use the GPU instead of paying for one and training on the CPU.
     *
     * @param requested the train command's {@code --device}
     * @param image the {@code --image} given; without one a GPU instance gets trainctl's GPU image
     *     ({@code DefaultImage.gpuIn}), which trains on CUDA
     * @throws IllegalArgumentException for {@code --device cpu} on a GPU instance, or {@code --device gpu} on a CPU
     *     instance
     */
    public static DeviceChoice deviceFor(TrainingInstanceType type, DeviceChoice requested, Optional<String> image) {
        if (!hasGpu(type)) {
            if (requested == DeviceChoice.GPU) {
                throw new IllegalArgumentException("--device gpu: " + type + " has no GPU; pick a GPU instance with"
                        + " --gpu (" + DEFAULT_GPU + ") or --instance-type (e.g. ml.g5.xlarge)");
            }
            return requested;
        }
        if (requested == DeviceChoice.CPU) {
            throw new IllegalArgumentException("--device cpu on " + type + " pays for a GPU it does not use; drop"
                    + " --device, or pick a CPU instance with --instance-type (e.g. " + DEFAULT + ")");
        }
        return DeviceChoice.GPU;
    }
}
