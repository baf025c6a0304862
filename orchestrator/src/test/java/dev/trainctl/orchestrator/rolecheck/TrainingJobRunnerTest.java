package dev.trainctl.orchestrator.rolecheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainctl.orchestrator.cli.Console;
import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.OutputFormat;
import dev.trainctl.orchestrator.cli.TrainctlException;
import dev.trainctl.orchestrator.jobs.RecordingSageMaker;
import dev.trainctl.orchestrator.jobs.ScriptedLogs;
import dev.trainctl.orchestrator.trainingjob.TrainingJobRequests;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateTrainingJobRequest;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.TrainingJobStatus;

class TrainingJobRunnerTest {

    private static final LiveJobPlan PLAN = LiveJobPlan.of(Corpus.ROLE, Corpus.SCOPE, "trainctl-mnist",
            "111122223333.dkr.ecr.us-east-1.amazonaws.com/trainctl-mnist:dev-0123456789ab", LiveJobFakes.T0);
    private static final String JOB = PLAN.jobName();
    private static final String STREAM = JOB + "/algo-1-1764064800";

    @TempDir
    Path data;

    private final RecordingSageMaker sageMaker = new RecordingSageMaker();
    private final ScriptedLogs logs = new ScriptedLogs();
    private final LiveJobFakes.FakeS3 s3 = new LiveJobFakes.FakeS3();
    private final AtomicInteger sleeps = new AtomicInteger();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), OutputFormat.TEXT, false);

    private TrainingJobRunner runner() {
        List<Path> files = LiveJobFakes.dataFiles(data);
        return new TrainingJobRunner(sageMaker, logs, s3, () -> files, duration -> sleeps.incrementAndGet(),
                Duration.ofSeconds(10), console);
    }

    @Test
    void uploadsTheDataThenSubmitsExactlyTheRequestTrainOnSageMakerWouldBuildForTheSpec() {
        sageMaker.describes.add(() -> LiveJobFakes.completed(JOB, PLAN.artifact().toString()));

        runner().run(PLAN.spec(), () -> { throw new AssertionError("detached"); });

        assertThat(s3.requestsOf(PutObjectRequest.class)).extracting(PutObjectRequest::key).containsExactly(
                "trainctl-mnist/data/train-images-idx3-ubyte.gz", "trainctl-mnist/data/train-labels-idx1-ubyte.gz",
                "trainctl-mnist/data/t10k-images-idx3-ubyte.gz", "trainctl-mnist/data/t10k-labels-idx1-ubyte.gz");
        assertThat(sageMaker.requestsOf(CreateTrainingJobRequest.class))
                .containsExactly(TrainingJobRequests.create(PLAN.spec()));
        assertThat(sageMaker.requests.get(0)).isInstanceOf(CreateTrainingJobRequest.class);
    }

    @Test
    void aCompletedJobComesBackCompletedAfterTransitionsLogsAndSummaryArePrintedAsTrainDoes() {
        sageMaker.describes.add(() -> LiveJobFakes.job(JOB, TrainingJobStatus.IN_PROGRESS, 2));
        sageMaker.describes.add(() -> {
            logs.append(STREAM, "epoch=1 train_loss=0.6 train_accuracy=0.8 test_loss=0.4 test_accuracy=0.88");
            return LiveJobFakes.completed(JOB, PLAN.artifact().toString());
        });

        TrainingJobRunner.Outcome outcome = runner().run(PLAN.spec(), () -> { throw new AssertionError("detached"); });

        assertThat(outcome).isEqualTo(new TrainingJobRunner.Outcome("Completed", null, 61));
        assertThat(outcome.completed()).isTrue();
        assertThat(sleeps).hasValue(1);
        assertThat(out.toString(StandardCharsets.UTF_8).lines().toList()).containsSubsequence(
                "submitted arn:aws:sagemaker:eu-west-1:123456789012:training-job/" + JOB,
                "10:00:00 Starting: Preparing the instances for training",
                "10:01:00 Downloading: Downloading input data",
                "10:02:00 Training: Training image download completed. Training in progress.",
                "epoch=1 train_loss=0.6 train_accuracy=0.8 test_loss=0.4 test_accuracy=0.88",
                "job " + JOB + ": Completed (Completed)",
                "model: " + PLAN.artifact());
    }

    @Test
    void aFailedJobComesBackFailedWithItsFailureReason() {
        sageMaker.describes.add(() -> LiveJobFakes.failed(JOB, "AlgorithmError: AccessDenied on s3:PutObject"));

        TrainingJobRunner.Outcome outcome = runner().run(PLAN.spec(), () -> { throw new AssertionError("detached"); });

        assertThat(outcome).isEqualTo(new TrainingJobRunner.Outcome("Failed",
                "AlgorithmError: AccessDenied on s3:PutObject", 12));
        assertThat(outcome.completed()).isFalse();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("failure reason: AlgorithmError: AccessDenied on s3:PutObject");
    }

    @Test
    void aQuotaErrorOnSubmitIsExplainedLikeTrainOnSageMakerDoes() {
        sageMaker.createFailure = SageMakerException.builder().statusCode(400).message("quota exceeded")
                .awsErrorDetails(software.amazon.awssdk.awscore.exception.AwsErrorDetails.builder()
                        .errorCode("ResourceLimitExceeded").errorMessage("quota exceeded").build())
                .build();

        assertThatThrownBy(() -> runner().run(PLAN.spec(), () -> { }))
                .isInstanceOf(TrainctlException.class)
                .hasMessageContaining("ml.t3.medium for training job usage")
                .satisfies(e -> assertThat(((TrainctlException) e).exitCode()).isEqualTo(ExitCode.AWS_QUOTA));
    }

    @Test
    void ctrlCDetachesLeavesTheJobRunningAndSaysSoBeforeTheJvmMayExit() {
        sageMaker.describes.add(() -> LiveJobFakes.job(JOB, TrainingJobStatus.IN_PROGRESS, 1));
        List<Path> files = LiveJobFakes.dataFiles(data);
        AtomicInteger detachNotes = new AtomicInteger();
        TrainingJobRunner interrupted = new TrainingJobRunner(sageMaker, logs, s3, () -> files,
                duration -> { throw new InterruptedException(); }, Duration.ofSeconds(10), console);

        assertThatThrownBy(() -> interrupted.run(PLAN.spec(), detachNotes::incrementAndGet))
                .isInstanceOf(TrainctlException.class)
                .hasMessageContaining("detached from " + JOB)
                .satisfies(e -> assertThat(((TrainctlException) e).exitCode()).isEqualTo(ExitCode.INTERRUPTED));
        assertThat(Thread.interrupted()).isTrue();
        assertThat(detachNotes).hasValue(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("the job keeps running (and billing)")
                .contains("Stop it: trainctl jobs stop " + JOB);
        assertThat(sageMaker.requests).noneMatch(r -> r.getClass().getSimpleName().startsWith("Stop"));
    }
}
