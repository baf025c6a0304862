package dev.trainctl.orchestrator.trainingjob;

import dev.trainctl.orchestrator.jobsecurity.KmsKeyArn;
import dev.trainctl.orchestrator.names.ResourceNames;
import dev.trainctl.training.sagemaker.ContainerPaths;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.sagemaker.model.AlgorithmSpecification;
import software.amazon.awssdk.services.sagemaker.model.Channel;
import software.amazon.awssdk.services.sagemaker.model.CheckpointConfig;
import software.amazon.awssdk.services.sagemaker.model.CreateTrainingJobRequest;
import software.amazon.awssdk.services.sagemaker.model.DataSource;
import software.amazon.awssdk.services.sagemaker.model.MetricDefinition;
import software.amazon.awssdk.services.sagemaker.model.OutputDataConfig;
import software.amazon.awssdk.services.sagemaker.model.ResourceConfig;
import software.amazon.awssdk.services.sagemaker.model.S3DataDistribution;
import software.amazon.awssdk.services.sagemaker.model.S3DataSource;
import software.amazon.awssdk.services.sagemaker.model.S3DataType;
import software.amazon.awssdk.services.sagemaker.model.StoppingCondition;
import software.amazon.awssdk.services.sagemaker.model.Tag;
import software.amazon.awssdk.services.sagemaker.model.TrainingInputMode;
import software.amazon.awssdk.services.sagemaker.model.VpcConfig;

/** Turns a {@link TrainingJobSpec} into the exact {@code CreateTrainingJob} request: pure, printable, testable. */
public final class TrainingJobRequests {

    /**
     * SageMaker scans the job's log for these and records the first group of each match as a metric. They match
     * {@code EpochMetrics.toMetricLine()}: {@code epoch=1 train_loss=0.3 train_accuracy=0.9 test_loss=...}.
     */
    public static final List<MetricDefinition> METRIC_DEFINITIONS = List.of(
            metric("epoch", "epoch=(\\d+) "),
            metric("train:loss", "train_loss=([-+0-9.eE]+|NaN)"),
            metric("train:accuracy", "train_accuracy=([0-9.]+)"),
            metric("test:loss", "test_loss=([-+0-9.eE]+|NaN)"),
            metric("test:accuracy", "test_accuracy=([0-9.]+)"),
            metric("epoch:seconds", "epoch_seconds=([0-9.]+)"));

    private TrainingJobRequests() {}

    public static CreateTrainingJobRequest create(TrainingJobSpec spec) {
        CreateTrainingJobRequest.Builder request = CreateTrainingJobRequest.builder()
                .trainingJobName(spec.jobName())
                .roleArn(spec.roleArn())
                .algorithmSpecification(AlgorithmSpecification.builder()
                        .trainingImage(spec.image())
                        .trainingInputMode(TrainingInputMode.FILE)
                        .metricDefinitions(METRIC_DEFINITIONS)
                        .enableSageMakerMetricsTimeSeries(true)
                        .build())
                .hyperParameters(new TreeMap<>(spec.hyperparameters()))
                .inputDataConfig(trainChannel(spec))
                .outputDataConfig(output(spec))
                .resourceConfig(resources(spec))
                .enableNetworkIsolation(spec.networkIsolation())
                .tags(tags(spec));
        if (spec.spot()) {
            request.enableManagedSpotTraining(true);
        }
        checkpoints(spec).ifPresent(request::checkpointConfig);
        vpc(spec).ifPresent(request::vpcConfig);
        return request.stoppingCondition(stopping(spec)).build();
    }

    /** The private VPC's subnets and security groups, when the job has one. */
    public static Optional<VpcConfig> vpc(TrainingJobSpec spec) {
        return spec.security().vpc().map(vpc -> VpcConfig.builder().subnets(vpc.subnets())
                .securityGroupIds(vpc.securityGroupIds()).build());
    }

    /** The {@code train} channel: the data prefix, copied to the instance (File mode), whole on every instance. */
    public static Channel trainChannel(TrainingJobSpec spec) {
        return Channel.builder()
                .channelName(ContainerPaths.TRAIN_CHANNEL)
                .inputMode(TrainingInputMode.FILE)
                .dataSource(DataSource.builder().s3DataSource(S3DataSource.builder()
                        .s3DataType(S3DataType.S3_PREFIX)
                        .s3Uri(spec.trainData().toString())
                        .s3DataDistributionType(S3DataDistribution.FULLY_REPLICATED)
                        .build()).build())
                .build();
    }

    /** Where the model goes, encrypted with the output key when the job has one. */
    public static OutputDataConfig output(TrainingJobSpec spec) {
        return OutputDataConfig.builder().s3OutputPath(spec.output().toString())
                .kmsKeyId(spec.security().outputKey().map(KmsKeyArn::arn).orElse(null)).build();
    }

    /** One instance and its storage volume, encrypted with the volume key when the job has one. */
    public static ResourceConfig resources(TrainingJobSpec spec) {
        return ResourceConfig.builder()
                .instanceType(spec.instanceType())
                .instanceCount(1)
                .volumeSizeInGB(spec.volumeSizeGb())
                .volumeKmsKeyId(spec.security().volumeKey().map(KmsKeyArn::arn).orElse(null))
                .build();
    }

    /** The run-time cap, and with spot the cap on run time plus waiting for capacity. */
    public static StoppingCondition stopping(TrainingJobSpec spec) {
        StoppingCondition.Builder stopping = StoppingCondition.builder()
                .maxRuntimeInSeconds(Math.toIntExact(spec.maxRuntimeSeconds()));
        if (spec.spot()) {
            stopping.maxWaitTimeInSeconds(Math.toIntExact(spec.maxWaitSeconds()));
        }
        return stopping.build();
    }

    /** Where SageMaker syncs {@code /opt/ml/checkpoints}, when the job has checkpoints. */
    public static Optional<CheckpointConfig> checkpoints(TrainingJobSpec spec) {
        return spec.checkpoints().map(uri -> CheckpointConfig.builder()
                .s3Uri(uri.toString())
                .localPath(ContainerPaths.DEFAULT_ROOT.resolve("checkpoints").toString())
                .build());
    }

    public static List<Tag> tags(TrainingJobSpec spec) {
        return new TreeMap<>(spec.tags()).entrySet().stream()
                .map(tag -> Tag.builder().key(tag.getKey()).value(tag.getValue()).build()).toList();
    }

    /** The tags every trainctl job carries, the same keys as the provisioned resources. */
    public static Map<String, String> tags(String name) {
        return Map.of(ResourceNames.Tag.MANAGED_BY, ResourceNames.Tag.TRAINCTL, ResourceNames.Tag.NAME, name);
    }

    private static MetricDefinition metric(String name, String regex) {
        return MetricDefinition.builder().name(name).regex(regex).build();
    }
}
