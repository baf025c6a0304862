package dev.trainctl.orchestrator.jobsecurity;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a training job runs and which keys protect its data: a private VPC ({@code --subnets},
 * {@code --security-group-ids}), the key of its bucket and output ({@code --kms-key}: OutputDataConfig.KmsKeyId and
 * SSE-KMS on trainctl's uploads) and the key of its storage volume ({@code --volume-kms-key}:
 * ResourceConfig.VolumeKmsKeyId). The job request, the role's and the caller's statements, role check and the
 * emulation all follow from this one value.
 */
public record JobSecurity(Optional<JobVpc> vpc, Optional<KmsKeyArn> outputKey, Optional<KmsKeyArn> volumeKey) {

    public JobSecurity {
        Objects.requireNonNull(vpc, "vpc");
        Objects.requireNonNull(outputKey, "outputKey");
        Objects.requireNonNull(volumeKey, "volumeKey");
    }

    /** No VPC and no customer managed key: the job as trainctl ran it before. */
    public static JobSecurity none() {
        return new JobSecurity(Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Only the bucket's (and output's) key. */
    public static JobSecurity outputKey(Optional<String> kmsKeyArn) {
        return new JobSecurity(Optional.empty(), kmsKeyArn.map(k -> KmsKeyArn.parse("kms-key", k)), Optional.empty());
    }

    /**
     * From the four options as typed (each may be absent).
     *
     * @throws IllegalArgumentException naming the option and what is wrong
     */
    public static JobSecurity of(Optional<String> subnets, Optional<String> securityGroupIds, Optional<String> kmsKey,
            Optional<String> volumeKmsKey) {
        return new JobSecurity(JobVpc.of(subnets, securityGroupIds),
                kmsKey.map(k -> KmsKeyArn.parse("kms-key", k)),
                volumeKmsKey.map(k -> KmsKeyArn.parse("volume-kms-key", k)));
    }

    public boolean isEmpty() {
        return vpc.isEmpty() && outputKey.isEmpty() && volumeKey.isEmpty();
    }

    /**
     * Refuses what SageMaker would refuse for a job on {@code instanceType} in {@code region}: a volume key on an
     * instance with local storage, and a key in another region (S3 SSE-KMS and EBS use only keys of their own region).
     *
     * @throws IllegalArgumentException naming the option, the value and the fix
     */
    public void checkFor(String instanceType, String region) {
        checkInstanceType(instanceType);
        checkRegion(region);
    }

    /** A volume key on an instance with local NVMe storage is refused, as SageMaker refuses it. */
    public void checkInstanceType(String instanceType) {
        if (volumeKey.isPresent() && LocalStorageInstances.hasLocalStorage(instanceType)) {
            throw new IllegalArgumentException("--volume-kms-key: " + instanceType + " stores data on local NVMe"
                    + " instance storage, which its hardware encrypts, and SageMaker refuses a VolumeKmsKeyId for it;"
                    + " drop --volume-kms-key, or pick an EBS-backed instance type (e.g. ml.m5.large, ml.p3.2xlarge)");
        }
    }

    /** A key of another region is refused: S3 SSE-KMS and EBS use only keys of their own region. */
    public void checkRegion(String region) {
        List<String> wrongRegion = new ArrayList<>();
        outputKey.filter(k -> !k.region().equals(region)).ifPresent(k -> wrongRegion.add("--kms-key " + k));
        volumeKey.filter(k -> !k.region().equals(region)).ifPresent(k -> wrongRegion.add("--volume-kms-key " + k));
        if (!wrongRegion.isEmpty()) {
            throw new IllegalArgumentException(String.join(" and ", wrongRegion) + ": the key is not in the job's"
                    + " region " + region + "; S3 and EBS encrypt only with keys of their own region: use a key in "
                    + region + " (or --region of the key)");
        }
    }

    /** The two keys, without repeating one given for both. */
    public List<KmsKeyArn> keys() {
        List<KmsKeyArn> keys = new ArrayList<>();
        outputKey.ifPresent(keys::add);
        volumeKey.filter(k -> !keys.contains(k)).ifPresent(keys::add);
        return keys;
    }
}
