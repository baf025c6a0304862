package dev.trainctl.orchestrator.jobsecurity;

import java.util.Set;

/**
 * The SageMaker training instance types whose storage is local NVMe instance store, which SageMaker refuses a
 * {@code VolumeKmsKeyId} for: "Certain Nitro-based instances include local storage ... encrypted using a hardware
 * module on the instance. You can't request a VolumeKmsKeyId when using an instance type with local storage"
 * (ResourceConfig.VolumeKmsKeyId in the CreateTrainingJob API reference).
 */
public final class LocalStorageInstances {

    /**
     * The families, among the training instance types in botocore's CreateTrainingJob model, that EC2 lists with NVMe
     * SSD instance store volumes ("Instance store volume limits for EC2 instances"; for g4dn, g5, p3dn, p4d and r5d also
     * DescribeInstanceTypes' instance-storage-supported, as the EBS CSI driver generated it). Every other training
     * family (t3, m4, m5, m6i, m7i, c4, c5, c5n, c6i, c7i, r5, r7i, p2, p3) is EBS-only.
     */
    static final Set<String> FAMILIES = Set.of("g4dn", "g5", "g6", "g6e", "g7e", "p3dn", "p4d", "p4de", "p5", "p5e",
            "p5en", "p6-b200", "p6-b300", "p6e-gb200", "r5d", "trn1", "trn1n", "trn2");

    private LocalStorageInstances() {}

    /** Whether {@code instanceType} ({@code ml.FAMILY.SIZE}) has local NVMe storage. */
    public static boolean hasLocalStorage(String instanceType) {
        String[] parts = instanceType.split("\\.");
        return parts.length == 3 && FAMILIES.contains(parts[1]);
    }
}
