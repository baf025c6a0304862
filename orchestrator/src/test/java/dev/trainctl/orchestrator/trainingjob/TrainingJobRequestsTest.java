package dev.trainctl.orchestrator.trainingjob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainctl.orchestrator.jobs.RecordingSageMaker;
import dev.trainctl.orchestrator.jobs.TrainingJobSubmitter;
import dev.trainctl.orchestrator.names.S3Uri;
import dev.trainctl.training.sagemaker.JobHyperparameters;
import dev.trainctl.training.train.EpochMetrics;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.model.CreateTrainingJobRequest;
import software.amazon.awssdk.services.sagemaker.model.MetricDefinition;
import software.amazon.awssdk.services.sagemaker.model.S3DataDistribution;
import software.amazon.awssdk.services.sagemaker.model.S3DataType;
import software.amazon.awssdk.services.sagemaker.model.Tag;
import software.amazon.awssdk.services.sagemaker.model.TrainingInputMode;
import software.amazon.awssdk.services.sagemaker.model.TrainingInstanceType;

class TrainingJobRequestsTest {

    private static final String ROLE = "arn:aws:iam::123456789012:role/trainctl-mnist-execution";
    private static final String IMAGE = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/trainctl-mnist@sha256:"
            + "0".repeat(64);
    private static final S3Uri BUCKET = new S3Uri("trainctl-123456789012-eu-west-1", "");

    private final RecordingSageMaker sageMaker = new RecordingSageMaker();

    @Test
    void jobsRunWithNetworkIsolationUnlessTheImageNeedsTheNetwork() {
        TrainingJobSpec spec = spec(InstanceTypes.choose(null, false), false, 0, Optional.empty());

        assertThat(TrainingJobRequests.create(spec).enableNetworkIsolation()).isTrue();
        assertThat(TrainingJobRequests.create(spec.withNetworkAccess()).enableNetworkIsolation()).isFalse();
    }

    @Test
    void onDemandJobIsSentFieldByField() {
        TrainingJobSpec spec = spec(InstanceTypes.choose(null, false), false, 0, Optional.empty());

        String arn = new TrainingJobSubmitter(sageMaker).submit(spec);

        assertThat(arn).endsWith(":training-job/trainctl-mnist-20261125-090807-654");
        CreateTrainingJobRequest sent = sageMaker.requestsOf(CreateTrainingJobRequest.class).get(0);
        assertThat(sent.trainingJobName()).isEqualTo("trainctl-mnist-20261125-090807-654");
        assertThat(sent.roleArn()).isEqualTo(ROLE);
        assertThat(sent.algorithmSpecification().trainingImage()).isEqualTo(IMAGE);
        assertThat(sent.algorithmSpecification().trainingInputMode()).isEqualTo(TrainingInputMode.FILE);
        assertThat(sent.algorithmSpecification().metricDefinitions()).extracting(MetricDefinition::name)
                .containsExactly("epoch", "train:loss", "train:accuracy", "test:loss", "test:accuracy",
                        "epoch:seconds");
        assertThat(sent.hyperParameters()).containsExactlyEntriesOf(new java.util.TreeMap<>(Map.of(
                "epochs", "5", "batch_size", "32", "learning_rate", "0.001", "seed", "42", "hidden_size", "128",
                "dataset", "mnist", "device", "auto")));
        assertThat(sent.inputDataConfig()).singleElement().satisfies(channel -> {
            assertThat(channel.channelName()).isEqualTo("train");
            assertThat(channel.inputMode()).isEqualTo(TrainingInputMode.FILE);
            assertThat(channel.dataSource().s3DataSource().s3Uri())
                    .isEqualTo("s3://trainctl-123456789012-eu-west-1/trainctl-mnist/data/");
            assertThat(channel.dataSource().s3DataSource().s3DataType()).isEqualTo(S3DataType.S3_PREFIX);
            assertThat(channel.dataSource().s3DataSource().s3DataDistributionType())
                    .isEqualTo(S3DataDistribution.FULLY_REPLICATED);
        });
        assertThat(sent.outputDataConfig().s3OutputPath())
                .isEqualTo("s3://trainctl-123456789012-eu-west-1/trainctl-mnist/output/");
        assertThat(sent.resourceConfig().instanceType()).isEqualTo(TrainingInstanceType.ML_T3_MEDIUM);
        assertThat(sent.resourceConfig().instanceCount()).isEqualTo(1);
        assertThat(sent.resourceConfig().volumeSizeInGB()).isEqualTo(10);
        assertThat(sent.stoppingCondition().maxRuntimeInSeconds()).isEqualTo(3600);
        assertThat(sent.stoppingCondition().maxWaitTimeInSeconds()).isNull();
        assertThat(sent.enableManagedSpotTraining()).isNull();
        assertThat(sent.checkpointConfig()).isNull();
        assertThat(sent.tags()).containsExactly(Tag.builder().key("managed-by").value("trainctl").build(),
                Tag.builder().key("trainctl:name").value("trainctl-mnist").build());
    }

    @Test
    void spotJobAddsMaxWaitAndCheckpoints() {
        S3Uri checkpoints = BUCKET.resolve("trainctl-mnist/checkpoints/trainctl-mnist-20261125-090807-654/");
        TrainingJobSpec spec = spec("ml.p3.2xlarge", true, 7200, Optional.of(checkpoints));

        CreateTrainingJobRequest sent = TrainingJobRequests.create(spec);

        assertThat(sent.enableManagedSpotTraining()).isTrue();
        assertThat(sent.stoppingCondition().maxRuntimeInSeconds()).isEqualTo(3600);
        assertThat(sent.stoppingCondition().maxWaitTimeInSeconds()).isEqualTo(7200);
        assertThat(sent.checkpointConfig().s3Uri()).isEqualTo(checkpoints.toString());
        assertThat(sent.checkpointConfig().localPath()).isEqualTo("/opt/ml/checkpoints");
        assertThat(sent.resourceConfig().instanceType()).isEqualTo(TrainingInstanceType.ML_P3_2_XLARGE);
    }

    @Test
    void spotWithAWaitShorterThanTheRuntimeIsRefused() {
        assertThatThrownBy(() -> spec("ml.t3.medium", true, 600,
                Optional.of(BUCKET.resolve("c/"))))
                .hasMessageContaining("max wait (600 s) must be at least the max runtime (3600 s)");
    }

    @Test
    void spotWithoutCheckpointsIsRefused() {
        assertThatThrownBy(() -> spec("ml.t3.medium", true, 7200, Optional.empty()))
                .hasMessageContaining("checkpoint location");
    }

    @Test
    void modelArtifactIsWhereSageMakerWritesIt() {
        TrainingJobSpec spec = spec("ml.t3.medium", false, 0, Optional.empty());

        assertThat(spec.modelArtifact()).hasToString("s3://trainctl-123456789012-eu-west-1/trainctl-mnist/output/"
                + "trainctl-mnist-20261125-090807-654/output/model.tar.gz");
    }

    @Test
    void metricDefinitionsMatchTheTrainersMetricLines() {
        String line = new EpochMetrics(3, 0.123456, 0.96, 0.0999, 0.9712, 12.5).toMetricLine();
        Map<String, String> expected = Map.of("epoch", "3", "train:loss", "0.123456", "train:accuracy", "0.960000",
                "test:loss", "0.099900", "test:accuracy", "0.971200", "epoch:seconds", "12.500");

        for (MetricDefinition definition : TrainingJobRequests.METRIC_DEFINITIONS) {
            Matcher matcher = Pattern.compile(definition.regex()).matcher(line);
            assertThat(matcher.find()).as(definition.name()).isTrue();
            assertThat(matcher.group(1)).as(definition.name()).isEqualTo(expected.get(definition.name()));
        }
    }

    private static TrainingJobSpec spec(String type, boolean spot, long maxWait,
            Optional<S3Uri> checkpoints) {
        return new TrainingJobSpec("trainctl-mnist-20261125-090807-654", ROLE, IMAGE, type,
                TrainingJobSpec.DEFAULT_VOLUME_GB, JobHyperparameters.defaults().toStrings(),
                BUCKET.resolve("trainctl-mnist/data/"), BUCKET.resolve("trainctl-mnist/output/"),
                TrainingJobSpec.DEFAULT_MAX_RUNTIME_SECONDS, spot, maxWait, checkpoints,
                TrainingJobRequests.tags("trainctl-mnist"), true, dev.trainctl.orchestrator.jobsecurity.JobSecurity.none());
    }
}
