package dev.trainctl.orchestrator.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.ListTrainingJobsRequest;
import software.amazon.awssdk.services.sagemaker.model.ListTrainingJobsResponse;
import software.amazon.awssdk.services.sagemaker.model.ResourceLimitExceededException;
import software.amazon.awssdk.services.sagemaker.model.StopTrainingJobRequest;
import software.amazon.awssdk.services.sagemaker.model.TrainingJobStatus;
import software.amazon.awssdk.services.sagemaker.model.TrainingJobSummary;

class JobsCommandsTest {

    private static final String JOB = "trainctl-mnist-20261125-090000-000";

    private final JobsCli cli = new JobsCli();
    private final RecordingSageMaker sageMaker = cli.sageMaker;
    private final ScriptedLogs logs = cli.logs;

    @Test
    void waitOnAFailedJobPrintsTheReasonAndExitsJobFailed() {
        sageMaker.describes.add(() -> DescribeTrainingJobResponse.builder().trainingJobName(JOB)
                .trainingJobStatus(TrainingJobStatus.FAILED).failureReason("AlgorithmError: bad data").build());

        int code = run("jobs", "wait", JOB);

        assertThat(code).isEqualTo(10);
        assertThat(cli.err()).contains("trainctl: training job " + JOB
                + " failed: AlgorithmError: bad data (logs: trainctl jobs logs " + JOB + ")");
        assertThat(cli.out()).contains("failure reason: AlgorithmError: bad data");
    }

    @Test
    void waitWithoutLogsUsesTheSdkWaiterAndSucceedsOnCompleted() {
        sageMaker.describes.add(() -> DescribeTrainingJobResponse.builder().trainingJobName(JOB)
                .trainingJobStatus(TrainingJobStatus.IN_PROGRESS).build());
        sageMaker.describes.add(() -> DescribeTrainingJobResponse.builder().trainingJobName(JOB)
                .trainingJobStatus(TrainingJobStatus.COMPLETED).build());

        int code = run("jobs", "wait", JOB, "--no-logs", "--poll", "0");

        assertThat(code).isZero();
        assertThat(cli.out()).contains("job " + JOB + ": Completed");
        assertThat(logs.requests).isEmpty();
    }

    @Test
    void listPagesThroughEveryPageNewestFirst() {
        sageMaker.listPages.add(ListTrainingJobsResponse.builder().trainingJobSummaries(summary("a")).nextToken("t")
                .build());
        sageMaker.listPages.add(ListTrainingJobsResponse.builder().trainingJobSummaries(summary("b")).build());

        assertThat(run("jobs", "list")).isZero();

        // The summaries have no SecondaryStatus (moto sends none; the API makes it optional): shown as "-".
        assertThat(cli.out()).contains("trainctl-mnist-a").contains("trainctl-mnist-b")
                .contains(" Completed  -  ").doesNotContain("null");
        assertThat(sageMaker.requestsOf(ListTrainingJobsRequest.class)).hasSize(2).first().satisfies(r -> {
            assertThat(r.nameContains()).isEqualTo("trainctl-mnist");
            assertThat(r.sortOrderAsString()).isEqualTo("Descending");
        });
    }

    @Test
    void stopUnderDryRunPrintsTheRequestAndSendsNothing() {
        assertThat(run("--dry-run", "jobs", "stop", JOB)).isZero();

        assertThat(cli.out()).contains("\"operation\": \"StopTrainingJob\"")
                .contains("\"TrainingJobName\": \"" + JOB + "\"");
        assertThat(sageMaker.requests).isEmpty();
    }

    @Test
    void stopSendsStopTrainingJob() {
        assertThat(run("jobs", "stop", JOB)).isZero();

        assertThat(sageMaker.requestsOf(StopTrainingJobRequest.class)).singleElement()
                .extracting(StopTrainingJobRequest::trainingJobName).isEqualTo(JOB);
    }

    @Test
    void anInvalidJobNameIsAUsageError() {
        assertThat(run("jobs", "status", "not_valid")).isEqualTo(2);
        assertThat(sageMaker.requests).isEmpty();
    }

    @Test
    void quotaExhaustedOnSubmitExplainsTheServiceQuota() {
        sageMaker.createFailure = (RuntimeException) ResourceLimitExceededException.builder()
                .message("The account-level service limit 'ml.p3.2xlarge for training job usage' is 0 Instances")
                .awsErrorDetails(software.amazon.awssdk.awscore.exception.AwsErrorDetails.builder()
                        .errorCode("ResourceLimitExceeded").errorMessage("The account-level service limit"
                                + " 'ml.p3.2xlarge for training job usage' is 0 Instances").build())
                .build();

        var thrown = org.assertj.core.api.Assertions.catchThrowableOfType(
                dev.trainctl.orchestrator.cli.TrainctlException.class,
                () -> new TrainingJobSubmitter(sageMaker).submit(TrainingJobRequestsTestSupport.spec()));

        assertThat(thrown.exitCode()).isEqualTo(dev.trainctl.orchestrator.cli.ExitCode.AWS_QUOTA);
        assertThat(thrown.getMessage()).contains("ml.p3.2xlarge for training job usage")
                .contains("Service Quotas").contains("Amazon SageMaker");
    }

    private static TrainingJobSummary summary(String suffix) {
        return TrainingJobSummary.builder().trainingJobName("trainctl-mnist-" + suffix)
                .trainingJobStatus(TrainingJobStatus.COMPLETED).creationTime(Instant.parse("2026-11-25T09:00:00Z"))
                .build();
    }

    private int run(String... args) {
        return cli.run(args);
    }
}
