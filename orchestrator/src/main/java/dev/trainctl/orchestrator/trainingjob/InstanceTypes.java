package dev.trainctl.orchestrator.trainingjob;

import dev.trainctl.training.train.DeviceChoice;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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

    /**
     * Training instance types in AWS's CreateTrainingJob model (botocore 1.43) that this SDK's
     * {@code TrainingInstanceType} does not list yet; a test compares the union with botocore's enum, so the next
     * addition fails the build with the names to add.
     */
    static final List<String> NEWER_THAN_SDK = List.of("ml.g7e.2xlarge", "ml.g7e.4xlarge", "ml.g7e.8xlarge",
            "ml.g7e.12xlarge", "ml.g7e.24xlarge", "ml.g7e.48xlarge", "ml.p6-b300.48xlarge");

    private static final Set<String> KNOWN = Stream.concat(TrainingInstanceType.knownValues().stream()
            .map(TrainingInstanceType::toString), NEWER_THAN_SDK.stream()).collect(Collectors.toCollection(TreeSet::new));

    private InstanceTypes() {}

    /** Every SageMaker training instance type trainctl accepts, sorted. */
    public static Set<String> known() {
        return Collections.unmodifiableSet(KNOWN);
    }

    public static boolean isKnown(String instanceType) {
        return KNOWN.contains(instanceType);
    }

    /** The instance type for {@code --instance-type} (wins) or {@code --gpu}. */
    public static String choose(String requested, boolean gpu) {
        String name = requested != null ? requested : gpu ? DEFAULT_GPU : DEFAULT;
        if (!isKnown(name)) {
            throw new IllegalArgumentException("'" + name + "' is not a SageMaker training instance type (e.g. "
                    + DEFAULT + ", ml.m5.large, " + DEFAULT_GPU + ", ml.g5.xlarge; note the 'ml.' prefix)");
        }
        return name;
    }

    /**
     * Whether the type has an NVIDIA GPU. SageMaker's accelerated training families: p2, p3, p3dn, p4d, p4de, p5, p5e,
     * p5en, p6-b200, p6-b300, p6e-gb200 and g4dn, g5, g6, g6e, g7e (the CreateTrainingJob API reference's InstanceType
     * values);
     * trn1/trn2 are Trainium, which CUDA natives cannot use, and every other training family is CPU-only.
     */
    public static boolean hasGpu(String type) {
        String family = type.substring(3);
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
    public static DeviceChoice deviceFor(String type, DeviceChoice requested, Optional<String> image) {
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
