package dev.trainctl.orchestrator.rolecheck;

import dev.trainctl.orchestrator.policy.ResourceNames;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.sagemaker.model.AlgorithmSpecification;
import software.amazon.awssdk.services.sagemaker.model.Channel;
import software.amazon.awssdk.services.sagemaker.model.CheckpointConfig;
import software.amazon.awssdk.services.sagemaker.model.CreateTrainingJobRequest;
import software.amazon.awssdk.services.sagemaker.model.DataSource;
import software.amazon.awssdk.services.sagemaker.model.OutputDataConfig;
import software.amazon.awssdk.services.sagemaker.model.ResourceConfig;
import software.amazon.awssdk.services.sagemaker.model.S3DataDistribution;
import software.amazon.awssdk.services.sagemaker.model.S3DataSource;
import software.amazon.awssdk.services.sagemaker.model.S3DataType;
import software.amazon.awssdk.services.sagemaker.model.StoppingCondition;
import software.amazon.awssdk.services.sagemaker.model.Tag;
import software.amazon.awssdk.services.sagemaker.model.TrainingInputMode;
import software.amazon.awssdk.services.sagemaker.model.TrainingInstanceType;

/**
 * Check 5's job, planned but not sent: the smallest real training job that exercises every permission the role
 * grants (read data, pull the image, write logs, metrics, checkpoints and the artifact), and its worst-case cost.
 *
 * @param jobName {@code NAME-rolecheck-yyyyMMddHHmmss}
 * @param request the CreateTrainingJob request, printable with {@code AwsRequestJson}
 * @param cost what it can cost at most
 * @param artifactKey where SageMaker puts {@code model.tar.gz}: {@code PREFIX/output/JOB/output/model.tar.gz}
 */
public record LiveJobPlan(String jobName, CreateTrainingJobRequest request, CostEstimate cost, String artifactKey) {

    public static final TrainingInstanceType INSTANCE_TYPE = TrainingInstanceType.ML_T3_MEDIUM;
    public static final int MAX_RUNTIME_SECONDS = RoleCheckCommand.LIVE_MAX_RUNTIME_SECONDS;
    /** The 1,000-sample subset, one epoch: enough to prove the path, seconds of compute. */
    public static final int SAMPLES = 1000;
    public static final int VOLUME_GB = 5;

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
            .withZone(ZoneOffset.UTC);

    public LiveJobPlan {
        Objects.requireNonNull(jobName, "jobName");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(cost, "cost");
        Objects.requireNonNull(artifactKey, "artifactKey");
    }

    /**
     * The job for a role, its resources and a training image URI ({@code ACCOUNT.dkr.ecr.REGION.amazonaws.com/REPO:TAG}).
     * The job name starts with {@code NAME-}, which trainctl's trust and caller policies require.
     */
    public static LiveJobPlan of(RoleArn role, JobScope scope, String name, String image, Instant now) {
        String jobName = name + "-rolecheck-" + STAMP.format(now);
        CreateTrainingJobRequest request = CreateTrainingJobRequest.builder()
                .trainingJobName(jobName)
                .roleArn(role.toString())
                .algorithmSpecification(AlgorithmSpecification.builder().trainingImage(image)
                        .trainingInputMode(TrainingInputMode.FILE).build())
                // Hyperparameter values are strings in the SageMaker contract.
                .hyperParameters(Map.of("epochs", "1", "train-samples", Integer.toString(SAMPLES)))
                .inputDataConfig(Channel.builder().channelName("train")
                        .dataSource(DataSource.builder().s3DataSource(S3DataSource.builder()
                                .s3DataType(S3DataType.S3_PREFIX).s3Uri(scope.s3Uri("data"))
                                .s3DataDistributionType(S3DataDistribution.FULLY_REPLICATED).build()).build())
                        .build())
                .outputDataConfig(OutputDataConfig.builder().s3OutputPath(scope.s3Uri("output")).build())
                .checkpointConfig(CheckpointConfig.builder().s3Uri(scope.s3Uri("checkpoints") + jobName + "/").build())
                .resourceConfig(ResourceConfig.builder().instanceType(INSTANCE_TYPE).instanceCount(1)
                        .volumeSizeInGB(VOLUME_GB).build())
                .stoppingCondition(StoppingCondition.builder().maxRuntimeInSeconds(MAX_RUNTIME_SECONDS).build())
                .tags(Tag.builder().key(ResourceNames.Tag.MANAGED_BY).value(ResourceNames.Tag.TRAINCTL).build(),
                        Tag.builder().key(ResourceNames.Tag.NAME).value(name).build())
                .build();
        return new LiveJobPlan(jobName, request, CostEstimate.worstCase(INSTANCE_TYPE.toString(), 1,
                MAX_RUNTIME_SECONDS), scope.keyPrefix("output") + jobName + "/output/model.tar.gz");
    }

    /** The key prefixes the job writes under, which the cleanup empties. */
    public java.util.List<String> outputPrefixes(JobScope scope) {
        return java.util.List.of(scope.keyPrefix("output") + jobName + "/", scope.keyPrefix("checkpoints") + jobName + "/");
    }
}
