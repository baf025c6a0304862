package dev.trainctl.orchestrator.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainctl.orchestrator.aws.Sleeper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.MetricData;
import software.amazon.awssdk.services.sagemaker.model.ModelArtifacts;
import software.amazon.awssdk.services.sagemaker.model.TrainingJobStatus;

class JobFollowerTest {

    private static final String JOB = "trainctl-mnist-20261125-090000-000";
    private static final String STREAM = JOB + "/algo-1-1764061200";
    private static final Instant T0 = Instant.parse("2026-11-25T09:00:00Z");

    private final RecordingSageMaker sageMaker = new RecordingSageMaker();
    private final ScriptedLogs logs = new ScriptedLogs();
    private final List<String> out = new ArrayList<>();
    private final AtomicInteger sleeps = new AtomicInteger();

    @Test
    void printsTransitionsAndLogLinesInTheOrderTheyHappenThenTheSummary() {
        sageMaker.describes.add(() -> job(TrainingJobStatus.IN_PROGRESS, 1));
        sageMaker.describes.add(() -> {
            logs.append(STREAM, "trainctl entry point: root /opt/ml", "hyperparameters: {epochs=1}",
                    "epoch=1 train_loss=0.3 train_accuracy=0.9 test_loss=0.2 test_accuracy=0.95 epoch_seconds=9.1");
            return job(TrainingJobStatus.IN_PROGRESS, 3);
        });
        sageMaker.describes.add(() -> {
            logs.append(STREAM, "final test_accuracy=0.950000");
            return completed();
        });

        JobFollower.Result result = follower(true).follow(JOB, () -> false);

        assertThat(result.outcome()).isEqualTo(JobFollower.Outcome.COMPLETED);
        assertThat(out).containsExactly(
                "09:00:00 Starting: Preparing the instances for training",
                "(waiting for the log stream /aws/sagemaker/TrainingJobs " + JOB + "/algo-1-...; it appears once the"
                        + " instance has started)",
                "09:01:00 Downloading: Downloading input data",
                "09:02:00 Training: Training image download completed. Training in progress.",
                "trainctl entry point: root /opt/ml",
                "hyperparameters: {epochs=1}",
                "epoch=1 train_loss=0.3 train_accuracy=0.9 test_loss=0.2 test_accuracy=0.95 epoch_seconds=9.1",
                "09:03:00 Uploading: Uploading generated training model",
                "09:04:00 Completed: Training job completed",
                "final test_accuracy=0.950000");
        assertThat(sleeps).hasValue(2);
        assertThat(JobSummary.of(result.job()).lines()).containsExactly(
                "job " + JOB + ": Completed (Completed)",
                "final metrics: test:accuracy=0.9500 train:loss=0.3000",
                "billable: 130 s on ml.t3.medium, estimated cost $0.0018 (us-east-1 prices as of 2025-06-01)",
                "model: s3://b/trainctl-mnist/output/" + JOB + "/output/model.tar.gz");
    }

    @Test
    void aFailedJobEndsWithItsFailureReason() {
        sageMaker.describes.add(() -> job(TrainingJobStatus.FAILED, 3).toBuilder()
                .failureReason("AlgorithmError: unknown hyperparameter lr (known: batch_size, ...)").build());

        JobFollower.Result result = follower(false).follow(JOB, () -> false);

        assertThat(result.outcome()).isEqualTo(JobFollower.Outcome.FAILED);
        assertThat(JobSummary.of(result.job()).lines())
                .contains("failure reason: AlgorithmError: unknown hyperparameter lr (known: batch_size, ...)")
                .noneMatch(line -> line.startsWith("model:"));
    }

    @Test
    void aMissingLogGroupIsWaitedForNotAnError() {
        logs.groupExists = false;
        sageMaker.describes.add(() -> job(TrainingJobStatus.IN_PROGRESS, 1));
        sageMaker.describes.add(() -> {
            logs.groupExists = true;
            logs.append(STREAM, "hello");
            return completed();
        });

        JobFollower.Result result = follower(true).follow(JOB, () -> false);

        assertThat(result.outcome()).isEqualTo(JobFollower.Outcome.COMPLETED);
        assertThat(out).anyMatch(line -> line.startsWith("(waiting for the log stream")).contains("hello");
    }

    @Test
    void detachingStopsFollowingWithoutTouchingTheJob() {
        sageMaker.describes.add(() -> job(TrainingJobStatus.IN_PROGRESS, 1));
        Sleeper interrupted = duration -> {
            throw new InterruptedException();
        };

        JobFollower.Result result = new JobFollower(sageMaker, logs, interrupted, Duration.ofSeconds(10), out::add,
                false).follow(JOB, () -> false);

        assertThat(result.outcome()).isEqualTo(JobFollower.Outcome.DETACHED);
        assertThat(sageMaker.requests).allMatch(r -> r.getClass().getSimpleName().startsWith("Describe"));
        assertThat(Thread.interrupted()).isTrue();
    }

    @Test
    void aDetachFlagIsHonouredBetweenPolls() {
        sageMaker.describes.add(() -> job(TrainingJobStatus.IN_PROGRESS, 1));

        JobFollower.Result result = follower(false).follow(JOB, () -> sleeps.get() >= 1);

        assertThat(result.outcome()).isEqualTo(JobFollower.Outcome.DETACHED);
        assertThat(sageMaker.requests).hasSize(1);
    }

    private JobFollower follower(boolean showLogs) {
        return new JobFollower(sageMaker, logs, duration -> sleeps.incrementAndGet(), Duration.ofSeconds(10), out::add,
                showLogs);
    }

    private static DescribeTrainingJobResponse completed() {
        return job(TrainingJobStatus.COMPLETED, 5).toBuilder()
                .finalMetricDataList(MetricData.builder().metricName("test:accuracy").value(0.95f).build(),
                        MetricData.builder().metricName("train:loss").value(0.3f).build())
                .trainingTimeInSeconds(130).billableTimeInSeconds(130)
                .modelArtifacts(ModelArtifacts.builder()
                        .s3ModelArtifacts("s3://b/trainctl-mnist/output/" + JOB + "/output/model.tar.gz").build())
                .build();
    }

    private static DescribeTrainingJobResponse job(TrainingJobStatus status, int transitions) {
        return ScriptedJobs.job(JOB, T0, status, transitions);
    }
}
