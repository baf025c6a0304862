package dev.trainctl.orchestrator.rolecheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.trainctl.orchestrator.cli.Console;
import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.OutputFormat;
import dev.trainctl.orchestrator.cli.TrainctlException;
import dev.trainctl.orchestrator.names.JobNames;
import dev.trainctl.orchestrator.jobs.PriceTable;
import dev.trainctl.orchestrator.jobs.RecordingSageMaker;
import dev.trainctl.orchestrator.jobs.ScriptedLogs;
import dev.trainctl.orchestrator.trainingjob.TrainingJobRequests;
import dev.trainctl.training.sagemaker.JobHyperparameters;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogStreamsRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateTrainingJobRequest;
import software.amazon.awssdk.services.sagemaker.model.TrainingJobStatus;

class LiveCheckTest {

    private static final String IMAGE = "111122223333.dkr.ecr.us-east-1.amazonaws.com/trainctl-mnist:dev-0123456789ab";
    private static final LiveJobPlan PLAN = LiveJobPlan.of(Corpus.ROLE, Corpus.SCOPE, "trainctl-mnist", IMAGE,
            LiveJobFakes.T0);
    private static final String CHECKPOINT = "trainctl-mnist/checkpoints/" + PLAN.jobName()
            + "/checkpoint-epoch-1.params";

    @TempDir
    Path data;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), OutputFormat.TEXT, false);
    private final RecordingSageMaker sageMaker = new RecordingSageMaker();
    private final ScriptedLogs logs = new ScriptedLogs();
    private final LiveJobFakes.FakeS3 s3 = new LiveJobFakes.FakeS3();

    private LiveCheck live(Confirmation confirmation) {
        List<Path> files = LiveJobFakes.dataFiles(data);
        return new LiveCheck(new TrainingJobRunner(sageMaker, logs, s3, () -> files, duration -> { },
                Duration.ofSeconds(10), console), new LiveJobVerifier(s3, logs), confirmation, console);
    }

    /** The job, as SageMaker would run it: it writes a checkpoint, and on success the artifact and a log stream. */
    private void scriptJob(TrainingJobStatus status) {
        sageMaker.describes.add(() -> LiveJobFakes.job(PLAN.jobName(), TrainingJobStatus.IN_PROGRESS, 2));
        sageMaker.describes.add(() -> {
            s3.keys.add(CHECKPOINT);
            if (status == TrainingJobStatus.COMPLETED) {
                s3.keys.add(PLAN.artifact().key());
                logs.append(PLAN.jobName() + "/algo-1-1764064800", "final test_accuracy=0.880000");
                return LiveJobFakes.completed(PLAN.jobName(), PLAN.artifact().toString());
            }
            return LiveJobFakes.failed(PLAN.jobName(), "AccessDenied: s3:PutObject");
        });
    }

    @Test
    void planIsTheMinimalJobWithTheRoleBuiltLikeEveryTrainctlJob() {
        CreateTrainingJobRequest request = PLAN.request();

        assertThat(PLAN.jobName()).isEqualTo("trainctl-mnist-rolecheck-20261125-100000-000");
        assertThat(request).isEqualTo(TrainingJobRequests.create(PLAN.spec()));
        assertThat(request.roleArn()).isEqualTo("arn:aws:iam::111122223333:role/trainctl-mnist-execution");
        assertThat(request.algorithmSpecification().trainingImage()).isEqualTo(IMAGE);
        assertThat(request.algorithmSpecification().metricDefinitions())
                .isEqualTo(TrainingJobRequests.METRIC_DEFINITIONS);
        assertThat(request.resourceConfig().instanceTypeAsString()).isEqualTo("ml.t3.medium");
        assertThat(request.resourceConfig().instanceCount()).isEqualTo(1);
        assertThat(request.stoppingCondition().maxRuntimeInSeconds()).isEqualTo(900);
        assertThat(request.enableManagedSpotTraining()).isNull();
        assertThat(request.hyperParameters()).containsEntry("epochs", "1").containsEntry("max_train_samples", "1000");
        assertThat(request.inputDataConfig().get(0).dataSource().s3DataSource().s3Uri())
                .isEqualTo("s3://trainctl-111122223333-us-east-1/trainctl-mnist/data/");
        assertThat(request.outputDataConfig().s3OutputPath())
                .isEqualTo("s3://trainctl-111122223333-us-east-1/trainctl-mnist/output/");
        assertThat(request.checkpointConfig().s3Uri()).isEqualTo("s3://trainctl-111122223333-us-east-1/"
                + "trainctl-mnist/checkpoints/trainctl-mnist-rolecheck-20261125-100000-000/");
        assertThat(request.tags()).extracting(t -> t.key() + "=" + t.value())
                .containsExactly("managed-by=trainctl", "trainctl:name=trainctl-mnist");
        assertThat(PLAN.artifact().key())
                .isEqualTo("trainctl-mnist/output/trainctl-mnist-rolecheck-20261125-100000-000/output/model.tar.gz");
    }

    @Test
    void worstCaseCostComesFromThePriceTableForNineHundredSecondsOfAT3Medium() {
        assertThat(PriceTable.cost("ml.t3.medium", 900)).hasValue(0.0125);
        assertThat(PLAN.worstCase()).isEqualTo(PriceTable.worstCase("ml.t3.medium", 900))
                .startsWith("worst-case cost: $0.01 (ml.t3.medium at $0.050/h x max runtime 15m");
    }

    @Test
    void hyperparametersAreOnesTheContainerEntryPointAccepts() {
        JobHyperparameters parsed = JobHyperparameters.parse(PLAN.request().hyperParameters());

        assertThat(parsed.training().epochs()).isEqualTo(1);
        assertThat(parsed.maxTrainSamples()).isEqualTo(1000);
        assertThat(parsed.dataset()).isEqualTo("mnist");
        assertThat(parsed).isEqualTo(LiveJobPlan.HYPERPARAMETERS);
    }

    @Test
    void jobNameStartsWithNameDashEvenForTheLongestName() {
        String longest = "a".repeat(40);

        LiveJobPlan plan = LiveJobPlan.of(Corpus.ROLE, Corpus.SCOPE, longest, IMAGE, LiveJobFakes.T0);

        assertThat(plan.jobName()).startsWith(longest + "-").hasSizeLessThanOrEqualTo(JobNames.MAX_LENGTH);
        assertThat(JobNames.validate(plan.jobName())).isEqualTo(plan.jobName());
    }

    @Test
    void declinedConfirmationStartsNothingAndTheQuestionCarriesTheWorstCase() {
        List<String> questions = new ArrayList<>();
        List<String> shownBeforeAsking = new ArrayList<>();

        List<CheckResult> rows = live(q -> {
            questions.add(q);
            shownBeforeAsking.add(out.toString(StandardCharsets.UTF_8));
            return false;
        }).run(PLAN, Corpus.SCOPE, false);

        assertThat(rows).isEmpty();
        assertThat(sageMaker.requests).isEmpty();
        assertThat(s3.requests).isEmpty();
        assertThat(questions).singleElement().asString().contains("worst-case cost: $0.01");
        assertThat(shownBeforeAsking).singleElement().asString()
                .contains("cost:    worst-case cost: $0.01 (ml.t3.medium")
                .contains("\"TrainingJobName\": \"trainctl-mnist-rolecheck-20261125-100000-000\"")
                .contains("\"max_train_samples\": \"1000\"");
    }

    @Test
    void dryRunShowsThePlanAndNeitherAsksNorUploadsNorRuns() {
        List<CheckResult> rows = live(q -> { throw new AssertionError("asked"); }).run(PLAN, Corpus.SCOPE, true);

        assertThat(rows).isEmpty();
        assertThat(sageMaker.requests).isEmpty();
        assertThat(s3.requests).isEmpty();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("--dry-run: no data was uploaded and the job was not submitted");
    }

    @Test
    void completedJobPassesArtifactAndLogChecksAndItsOutputsAreDeleted() {
        s3.keys.add("trainctl-mnist/data/train-images-idx3-ubyte.gz");
        logs.append("trainctl-mnist-other/algo-1-1", "another job's log");
        scriptJob(TrainingJobStatus.COMPLETED);

        List<CheckResult> rows = live(Confirmation.assumeYes()).run(PLAN, Corpus.SCOPE, false);

        assertThat(sageMaker.requestsOf(CreateTrainingJobRequest.class)).containsExactly(PLAN.request());
        assertThat(rows).extracting(CheckResult::check, CheckResult::verdict).containsExactly(
                tuple("live.job", Verdict.PASS), tuple("live.artifact", Verdict.PASS),
                tuple("live.logs", Verdict.PASS), tuple("live.cleanup", Verdict.PASS));
        assertThat(rows.get(0).reason()).isEqualTo(PLAN.jobName() + " completed (61 billable seconds)");
        assertThat(rows.get(2).reason()).startsWith("1 log stream(s) " + PLAN.jobName() + "/*");
        assertThat(rows.get(3).reason()).contains("deleted the job's 2 object(s)");
        // The data the job read stays (the next job reuses it); only what this job wrote is gone.
        assertThat(s3.keys).containsExactly("trainctl-mnist/data/t10k-images-idx3-ubyte.gz",
                "trainctl-mnist/data/t10k-labels-idx1-ubyte.gz", "trainctl-mnist/data/train-images-idx3-ubyte.gz",
                "trainctl-mnist/data/train-labels-idx1-ubyte.gz");
        assertThat(logs.requests).filteredOn(DescribeLogStreamsRequest.class::isInstance)
                .map(DescribeLogStreamsRequest.class::cast).allSatisfy(r -> {
                    assertThat(r.logGroupName()).isEqualTo("/aws/sagemaker/TrainingJobs");
                    assertThat(r.logStreamNamePrefix()).isEqualTo(PLAN.jobName() + "/");
                });
        assertThat(s3.requestsOf(HeadObjectRequest.class)).filteredOn(r -> r.key().equals(PLAN.artifact().key()))
                .singleElement().satisfies(r -> assertThat(r.expectedBucketOwner()).isEqualTo("111122223333"));
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("final test_accuracy=0.880000");
    }

    @Test
    void failedJobFailsWithTheReasonMissingArtifactAndLogsFailAndCleanupStillRuns() {
        scriptJob(TrainingJobStatus.FAILED);

        List<CheckResult> rows = live(Confirmation.assumeYes()).run(PLAN, Corpus.SCOPE, false);

        assertThat(rows).extracting(CheckResult::check, CheckResult::verdict).containsExactly(
                tuple("live.job", Verdict.FAIL), tuple("live.artifact", Verdict.FAIL),
                tuple("live.logs", Verdict.FAIL), tuple("live.cleanup", Verdict.PASS));
        assertThat(rows.get(0).reason()).contains("ended Failed: AccessDenied: s3:PutObject");
        assertThat(rows.get(1).fix()).contains("s3:PutObject on arn:aws:s3:::trainctl-111122223333-us-east-1/"
                + "trainctl-mnist/output/*");
        assertThat(s3.keys).doesNotContain(CHECKPOINT).allMatch(k -> k.startsWith("trainctl-mnist/data/"));
    }

    @Test
    void ctrlCLeavesTheRunningJobsOutputsAloneAndSaysHowToStopItAndCleanUp() {
        sageMaker.describes.add(() -> LiveJobFakes.job(PLAN.jobName(), TrainingJobStatus.IN_PROGRESS, 1));
        s3.keys.add(CHECKPOINT);
        List<Path> files = LiveJobFakes.dataFiles(data);
        LiveCheck live = new LiveCheck(new TrainingJobRunner(sageMaker, logs, s3, () -> files,
                duration -> { throw new InterruptedException(); }, Duration.ofSeconds(10), console),
                new LiveJobVerifier(s3, logs), Confirmation.assumeYes(), console);

        assertThatThrownBy(() -> live.run(PLAN, Corpus.SCOPE, false)).isInstanceOf(TrainctlException.class)
                .satisfies(e -> assertThat(((TrainctlException) e).exitCode()).isEqualTo(ExitCode.INTERRUPTED));
        assertThat(Thread.interrupted()).isTrue();

        assertThat(s3.requestsOf(DeleteObjectsRequest.class)).isEmpty();
        assertThat(s3.keys).contains(CHECKPOINT);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("Stop it: trainctl jobs stop " + PLAN.jobName())
                .contains("role check did not clean up after " + PLAN.jobName() + ": once it has ended")
                .contains("aws s3 rm --recursive s3://trainctl-111122223333-us-east-1/trainctl-mnist/output/"
                        + PLAN.jobName() + "/; aws s3 rm --recursive s3://trainctl-111122223333-us-east-1/"
                        + "trainctl-mnist/checkpoints/" + PLAN.jobName() + "/");
        assertThat(s3.requestsOf(PutObjectRequest.class)).hasSize(4);
    }
}
