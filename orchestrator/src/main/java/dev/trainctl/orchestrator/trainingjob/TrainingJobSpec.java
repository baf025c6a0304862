package dev.trainctl.orchestrator.trainingjob;

import dev.trainctl.orchestrator.jobsecurity.JobSecurity;
import dev.trainctl.orchestrator.names.JobNames;
import dev.trainctl.orchestrator.names.S3Uri;
import dev.trainctl.training.sagemaker.JobHyperparameters;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Everything a trainctl training job is: the plan that {@link TrainingJobRequests} turns into a
 * {@code CreateTrainingJob} request. Validated here, so a bad combination never reaches AWS.
 *
 * @param jobName a valid SageMaker job name ({@link JobNames})
 * @param roleArn the execution role SageMaker assumes
 * @param image the training image URI ({@code ACCOUNT.dkr.ecr.REGION.amazonaws.com/REPO@sha256:...})
 * @param instanceType checked against the SDK's list
 * @param volumeSizeGb the instance's EBS volume (t3 instances have no local storage)
 * @param hyperparameters every value a string, as SageMaker passes them on
 * @param trainData the train channel's S3 prefix
 * @param output the S3 prefix SageMaker writes {@code JOBNAME/output/model.tar.gz} under
 * @param maxRuntimeSeconds SageMaker stops the job after this much training time
 * @param spot managed spot training; then {@code maxWaitSeconds} and {@code checkpoints} are set
 * @param maxWaitSeconds spot: training time plus time waiting for capacity, at least {@code maxRuntimeSeconds}
 * @param checkpoints spot: where SageMaker syncs {@code /opt/ml/checkpoints}, so an interrupted job resumes
 * @param tags on the job
 * @param networkIsolation {@code EnableNetworkIsolation}: the container gets no network and no AWS credentials
 *     (SageMaker itself still downloads the channel and uploads the model); trainctl's image needs neither
 * @param security the private VPC and the keys of the output and the storage volume, if any
 */
public record TrainingJobSpec(String jobName, String roleArn, String image, String instanceType,
        int volumeSizeGb, Map<String, String> hyperparameters, S3Uri trainData, S3Uri output, long maxRuntimeSeconds,
        boolean spot, long maxWaitSeconds, Optional<S3Uri> checkpoints, Map<String, String> tags, boolean networkIsolation,
        JobSecurity security) {

    public static final long DEFAULT_MAX_RUNTIME_SECONDS = 3600;
    public static final int DEFAULT_VOLUME_GB = 10;
    /**
     * SageMaker's ceiling for MaxRuntimeInSeconds: 28 days (StoppingCondition in the API reference). trainctl holds
     * MaxWaitTimeInSeconds to it too: AWS documents no larger wait, and a training job exists at most 30 days in all.
     */
    public static final long MAX_RUNTIME_LIMIT_SECONDS = 28L * 24 * 3600;

    /** A spot job's wait when none is given: twice the runtime, within the 28 days. */
    public static long defaultMaxWait(long maxRuntimeSeconds) {
        return Math.min(2 * maxRuntimeSeconds, MAX_RUNTIME_LIMIT_SECONDS);
    }

    public TrainingJobSpec {
        JobNames.validate(jobName);
        if (!roleArn.matches("arn:aws[a-z-]*:iam::\\d{12}:role/.+")) {
            throw new IllegalArgumentException("not an IAM role ARN: '" + roleArn + "'");
        }
        if (image.isBlank()) {
            throw new IllegalArgumentException("the training image is empty");
        }
        if (instanceType == null || !InstanceTypes.isKnown(instanceType)) {
            throw new IllegalArgumentException("unknown instance type '" + instanceType + "'");
        }
        if (volumeSizeGb < 1) {
            throw new IllegalArgumentException("volume size must be at least 1 GB, got " + volumeSizeGb);
        }
        if (maxRuntimeSeconds < 1 || maxRuntimeSeconds > MAX_RUNTIME_LIMIT_SECONDS) {
            throw new IllegalArgumentException("max runtime must be between 1 s and 28 days, got " + maxRuntimeSeconds
                    + " s");
        }
        if (spot && maxWaitSeconds > MAX_RUNTIME_LIMIT_SECONDS) {
            throw new IllegalArgumentException("spot: max wait must be at most 28 days (" + MAX_RUNTIME_LIMIT_SECONDS
                    + " s), got " + maxWaitSeconds + " s");
        }
        if (spot && maxWaitSeconds < maxRuntimeSeconds) {
            throw new IllegalArgumentException("spot: max wait (" + maxWaitSeconds + " s) must be at least the max"
                    + " runtime (" + maxRuntimeSeconds + " s); SageMaker counts training time in the wait");
        }
        if (spot && checkpoints.isEmpty()) {
            throw new IllegalArgumentException("spot training needs a checkpoint location to resume after an"
                    + " interruption");
        }
        hyperparameters = Map.copyOf(hyperparameters);
        tags = Map.copyOf(tags);
        security.checkInstanceType(instanceType);
    }

    /**
     * A job in trainctl's S3 layout under {@code base} ({@code s3://BUCKET/PREFIX/}): the train channel is
     * {@code PREFIX/data/}, the model goes under {@code PREFIX/output/}, and checkpoints (with {@code checkpoints},
     * always with spot) under {@code PREFIX/checkpoints/JOBNAME/}; tagged with the trainctl name. The hyperparameters
     * go in as the container reads them ({@link JobHyperparameters#toStrings()}). {@code train --on sagemaker} and
     * {@code role check --live} both build their jobs here, so the two cannot drift apart.
     */
    public static TrainingJobSpec inLayout(String name, S3Uri base, String jobName, String roleArn, String image,
            String instanceType, JobHyperparameters hyperparameters, long maxRuntimeSeconds,
            boolean spot, long maxWaitSeconds, boolean checkpoints) {
        return new TrainingJobSpec(jobName, roleArn, image, instanceType, DEFAULT_VOLUME_GB, hyperparameters.toStrings(),
                base.resolve("data/"), base.resolve("output/"), maxRuntimeSeconds, spot, maxWaitSeconds,
                spot || checkpoints ? Optional.of(base.resolve("checkpoints/" + jobName + "/")) : Optional.empty(),
                TrainingJobRequests.tags(name), true, JobSecurity.none());
    }

    /** The execution role's account, which owns the bucket in trainctl's layout (and role check's). */
    public String roleAccount() {
        return roleArn.split(":")[4];
    }

    /**
     * The same job with network access for the container ({@code --allow-network}, for an image that downloads
     * something at run time). trainctl's caller policy refuses such a job.
     */
    public TrainingJobSpec withNetworkAccess() {
        return new TrainingJobSpec(jobName, roleArn, image, instanceType, volumeSizeGb, hyperparameters, trainData,
                output, maxRuntimeSeconds, spot, maxWaitSeconds, checkpoints, tags, false, security);
    }

    /**
     * The same job in a private VPC and/or with customer managed keys ({@code --subnets}, {@code --kms-key},
     * {@code --volume-kms-key}).
     *
     * @throws IllegalArgumentException for a volume key on an instance type with local storage
     */
    public TrainingJobSpec withSecurity(JobSecurity other) {
        return new TrainingJobSpec(jobName, roleArn, image, instanceType, volumeSizeGb, hyperparameters, trainData,
                output, maxRuntimeSeconds, spot, maxWaitSeconds, checkpoints, tags, networkIsolation, other);
    }

    /** The prefixes only this job writes under: {@code OUTPUT/JOBNAME/} and its checkpoint prefix, if any. */
    public List<S3Uri> writesUnder() {
        return Stream.concat(Stream.of(output.resolve(jobName + "/")), checkpoints.stream()).toList();
    }

    /** Where SageMaker puts the model: {@code OUTPUT/JOBNAME/output/model.tar.gz}. */
    public S3Uri modelArtifact() {
        return output.resolve(jobName + "/output/model.tar.gz");
    }
}
