package dev.trainctl.orchestrator.rolecheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.trainctl.orchestrator.cli.Console;
import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.OutputFormat;
import dev.trainctl.orchestrator.cli.TrainctlException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogStreamsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogStreamsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sagemaker.model.CreateTrainingJobRequest;

class LiveCheckTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final LiveJobPlan PLAN = LiveJobPlan.of(Corpus.ROLE, Corpus.SCOPE, "trainctl-mnist",
            "111122223333.dkr.ecr.us-east-1.amazonaws.com/trainctl-mnist:latest", NOW);

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), OutputFormat.TEXT, false);

    /** An S3 holding some keys; records what is asked and deleted. */
    static final class FakeS3 implements S3Client {
        final Set<String> keys = new TreeSet<>();
        final List<Object> requests = new ArrayList<>();

        @Override
        public HeadObjectResponse headObject(HeadObjectRequest request) {
            requests.add(request);
            if (!keys.contains(request.key())) {
                throw NoSuchKeyException.builder().statusCode(404).message("Not Found").build();
            }
            return HeadObjectResponse.builder().contentLength(4242L).build();
        }

        @Override
        public ListObjectsV2Response listObjectsV2(ListObjectsV2Request request) {
            requests.add(request);
            return ListObjectsV2Response.builder().isTruncated(false).contents(keys.stream()
                    .filter(k -> k.startsWith(request.prefix())).map(k -> S3Object.builder().key(k).build()).toList())
                    .build();
        }

        @Override
        public DeleteObjectsResponse deleteObjects(DeleteObjectsRequest request) {
            requests.add(request);
            request.delete().objects().stream().map(ObjectIdentifier::key).forEach(keys::remove);
            return DeleteObjectsResponse.builder().build();
        }

        @Override
        public String serviceName() {
            return "s3";
        }

        @Override
        public void close() {}
    }

    /** CloudWatch Logs with the given stream names in the training log group. */
    static final class FakeLogs implements CloudWatchLogsClient {
        final List<String> streams;
        final List<DescribeLogStreamsRequest> requests = new ArrayList<>();

        FakeLogs(String... streams) {
            this.streams = List.of(streams);
        }

        @Override
        public DescribeLogStreamsResponse describeLogStreams(DescribeLogStreamsRequest request) {
            requests.add(request);
            return DescribeLogStreamsResponse.builder().logStreams(streams.stream()
                    .filter(s -> s.startsWith(request.logStreamNamePrefix()))
                    .map(s -> LogStream.builder().logStreamName(s).build()).toList()).build();
        }

        @Override
        public String serviceName() {
            return "logs";
        }

        @Override
        public void close() {}
    }

    /** A runner that "runs" the job by writing what SageMaker would write. */
    private static TrainingJobRunner writing(FakeS3 s3, List<CreateTrainingJobRequest> submitted, String status) {
        return request -> {
            submitted.add(request);
            if (status.equals("Completed")) {
                s3.keys.add(PLAN.artifactKey());
            }
            s3.keys.add("trainctl-mnist/checkpoints/" + PLAN.jobName() + "/checkpoint-epoch-1.params");
            return new TrainingJobRunner.Outcome(status, status.equals("Completed") ? null
                    : "AccessDenied: s3:PutObject", 61);
        };
    }

    @Test
    void planIsTheMinimalJobWithTheRoleAndAWorstCaseCost() {
        CreateTrainingJobRequest request = PLAN.request();

        assertThat(PLAN.jobName()).isEqualTo("trainctl-mnist-rolecheck-20261125100000");
        assertThat(request.roleArn()).isEqualTo("arn:aws:iam::111122223333:role/trainctl-mnist-execution");
        assertThat(request.resourceConfig().instanceTypeAsString()).isEqualTo("ml.t3.medium");
        assertThat(request.resourceConfig().instanceCount()).isEqualTo(1);
        assertThat(request.stoppingCondition().maxRuntimeInSeconds()).isEqualTo(900);
        assertThat(request.hyperParameters()).containsEntry("epochs", "1").containsEntry("train-samples", "1000");
        assertThat(request.inputDataConfig().get(0).dataSource().s3DataSource().s3Uri())
                .isEqualTo("s3://trainctl-111122223333-us-east-1/trainctl-mnist/data/");
        assertThat(request.outputDataConfig().s3OutputPath())
                .isEqualTo("s3://trainctl-111122223333-us-east-1/trainctl-mnist/output/");
        assertThat(PLAN.artifactKey())
                .isEqualTo("trainctl-mnist/output/trainctl-mnist-rolecheck-20261125100000/output/model.tar.gz");
        assertThat(PLAN.cost().worstCaseUsd()).hasValueSatisfying(usd -> assertThat(usd).isEqualTo(0.0125));
        assertThat(PLAN.cost().describe()).startsWith("at most 900 s of 1 x ml.t3.medium: about $0.0125");
    }

    @Test
    void withoutARunnerItShowsThePreviewThenSaysLiveIsNotAvailable() {
        LiveCheck live = new LiveCheck(Optional.empty(), new LiveJobVerifier(new FakeS3(), new FakeLogs()),
                q -> { throw new AssertionError("must not ask before saying it cannot run"); }, console);

        assertThatThrownBy(() -> live.run(PLAN, Corpus.SCOPE, false)).isInstanceOf(TrainctlException.class)
                .hasMessageContaining("--live is not available in this build")
                .hasMessageContaining("issue 5")
                .satisfies(e -> assertThat(((TrainctlException) e).exitCode()).isEqualTo(ExitCode.FAILURE));
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("worst case: at most 900 s of 1 x ml.t3.medium")
                .contains("\"TrainingJobName\": \"trainctl-mnist-rolecheck-20261125100000\"");
    }

    @Test
    void declinedConfirmationStartsNothing() throws InterruptedException {
        List<CreateTrainingJobRequest> submitted = new ArrayList<>();
        FakeS3 s3 = new FakeS3();
        List<String> questions = new ArrayList<>();
        LiveCheck live = new LiveCheck(Optional.of(writing(s3, submitted, "Completed")),
                new LiveJobVerifier(s3, new FakeLogs()), q -> questions.add(q) && false, console);

        assertThat(live.run(PLAN, Corpus.SCOPE, false)).isEmpty();
        assertThat(submitted).isEmpty();
        assertThat(questions).singleElement().asString().contains("about $0.0125");
    }

    @Test
    void dryRunShowsThePlanAndNeitherAsksNorRuns() throws InterruptedException {
        List<CreateTrainingJobRequest> submitted = new ArrayList<>();
        FakeS3 s3 = new FakeS3();
        LiveCheck live = new LiveCheck(Optional.of(writing(s3, submitted, "Completed")),
                new LiveJobVerifier(s3, new FakeLogs()), q -> { throw new AssertionError("asked"); }, console);

        assertThat(live.run(PLAN, Corpus.SCOPE, true)).isEmpty();
        assertThat(submitted).isEmpty();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--dry-run: the job was not submitted");
    }

    @Test
    void completedJobPassesArtifactAndLogChecksAndItsOutputsAreDeleted() throws InterruptedException {
        List<CreateTrainingJobRequest> submitted = new ArrayList<>();
        FakeS3 s3 = new FakeS3();
        s3.keys.add("trainctl-mnist/data/train-images-idx3-ubyte.gz");
        FakeLogs logs = new FakeLogs(PLAN.jobName() + "/algo-1-1764064800", "trainctl-mnist-other/algo-1-1");
        LiveCheck live = new LiveCheck(Optional.of(writing(s3, submitted, "Completed")),
                new LiveJobVerifier(s3, logs), Confirmation.assumeYes(), console);

        List<CheckResult> rows = live.run(PLAN, Corpus.SCOPE, false);

        assertThat(submitted).containsExactly(PLAN.request());
        assertThat(rows).extracting(CheckResult::check, CheckResult::verdict).containsExactly(
                tuple("live.job", Verdict.PASS), tuple("live.artifact", Verdict.PASS),
                tuple("live.logs", Verdict.PASS), tuple("live.cleanup", Verdict.PASS));
        assertThat(rows.get(3).reason()).contains("deleted the job's 2 object(s)");
        assertThat(s3.keys).containsExactly("trainctl-mnist/data/train-images-idx3-ubyte.gz");
        assertThat(logs.requests).singleElement().satisfies(r -> {
            assertThat(r.logGroupName()).isEqualTo("/aws/sagemaker/TrainingJobs");
            assertThat(r.logStreamNamePrefix()).isEqualTo(PLAN.jobName() + "/");
        });
        assertThat(s3.requests).filteredOn(HeadObjectRequest.class::isInstance).singleElement()
                .satisfies(r -> assertThat(((HeadObjectRequest) r).expectedBucketOwner()).isEqualTo("111122223333"));
    }

    @Test
    void failedJobFailsWithTheReasonMissingArtifactAndLogsFailAndCleanupStillRuns() throws InterruptedException {
        FakeS3 s3 = new FakeS3();
        LiveCheck live = new LiveCheck(Optional.of(writing(s3, new ArrayList<>(), "Failed")),
                new LiveJobVerifier(s3, new FakeLogs()), Confirmation.assumeYes(), console);

        List<CheckResult> rows = live.run(PLAN, Corpus.SCOPE, false);

        assertThat(rows).extracting(CheckResult::check, CheckResult::verdict).containsExactly(
                tuple("live.job", Verdict.FAIL), tuple("live.artifact", Verdict.FAIL),
                tuple("live.logs", Verdict.FAIL), tuple("live.cleanup", Verdict.PASS));
        assertThat(rows.get(0).reason()).contains("ended Failed: AccessDenied: s3:PutObject");
        assertThat(rows.get(1).fix()).contains("s3:PutObject on arn:aws:s3:::trainctl-111122223333-us-east-1/"
                + "trainctl-mnist/output/*");
        assertThat(s3.keys).isEmpty();
    }
}
