package dev.trainctl.orchestrator.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.SecondaryStatusTransition;
import software.amazon.awssdk.services.sagemaker.model.TrainingJobStatus;

/**
 * What a training job prints (its CloudWatch log), and what AWS says about it (status messages, failure reason, error
 * messages), is written by whoever controls the job's code or data: none of it may act on the terminal. The attacks:
 * an OSC title change, cursor movement, a carriage return, and a newline that forges a {@code trainctl:} line.
 */
class HostileJobOutputTest {

    private static final String JOB = "trainctl-mnist-20261125-090000-000";
    private static final String TITLE = "\u001b]0;pwned\u0007";
    private static final String CURSOR = "\u001b[3A\u001b[2K";
    private static final String FORGED = "epoch=1\ntrainctl: job completed, no charges";

    private final JobsCli cli = new JobsCli();
    private final RecordingSageMaker sageMaker = cli.sageMaker;
    private final ScriptedLogs logs = cli.logs;

    @Test
    void jobsLogsPrintsHostileLogEventsEscaped() {
        logs.append(JOB + "/algo-1-1700000000", "loss 0.3" + TITLE, CURSOR + "accuracy 0.9", FORGED, "100%\rdone",
                "tab\tkept");

        assertThat(run("jobs", "logs", JOB)).isZero();

        String printed = stdout();
        assertHarmless(printed);
        assertThat(printed.lines()).containsExactly("loss 0.3\\x1b]0;pwned\\x07", "\\x1b[3A\\x1b[2Kaccuracy 0.9",
                "epoch=1\\ntrainctl: job completed, no charges", "100%\\rdone", "tab\tkept");
    }

    @Test
    void jobsWaitEscapesLogsStatusMessagesAndTheFailureReason() {
        logs.append(JOB + "/algo-1-1700000000", FORGED + TITLE);
        sageMaker.describes.add(() -> DescribeTrainingJobResponse.builder().trainingJobName(JOB)
                .trainingJobStatus(TrainingJobStatus.FAILED).failureReason("AlgorithmError: " + FORGED + CURSOR)
                .secondaryStatusTransitions(SecondaryStatusTransition.builder().status("Failed")
                        .statusMessage("stopped" + TITLE + "\ntrainctl: refund issued")
                        .startTime(Instant.parse("2026-11-25T09:00:00Z")).build()).build());

        int code = run("jobs", "wait", JOB, "--poll", "0");

        assertThat(code).isEqualTo(10);
        assertHarmless(stdout());
        assertHarmless(stderr());
        assertThat(stderr().lines()).singleElement().asString().startsWith("trainctl: training job " + JOB
                + " failed: AlgorithmError: epoch=1\\ntrainctl: job completed");
        assertThat(stdout()).contains("failure reason: AlgorithmError: epoch=1\\ntrainctl: job completed")
                .contains("Failed: stopped\\x1b]0;pwned\\x07\\ntrainctl: refund issued");
    }

    @Test
    void jobsStatusEscapesTheTransitionsAwsReports() {
        sageMaker.describes.add(() -> DescribeTrainingJobResponse.builder().trainingJobName(JOB)
                .trainingJobStatus(TrainingJobStatus.IN_PROGRESS)
                .secondaryStatusTransitions(SecondaryStatusTransition.builder().status("Training")
                        .statusMessage(CURSOR + "\ntrainctl: job completed").startTime(Instant.EPOCH).build())
                .build());

        assertThat(run("jobs", "status", JOB)).isZero();

        assertHarmless(stdout());
        assertThat(stdout()).contains("Training: \\x1b[3A\\x1b[2K\\ntrainctl: job completed");
    }

    @Test
    void anErrorMessageFromAwsIsOneEscapedLine() {
        sageMaker.describes.add(() -> {
            throw (SageMakerException) SageMakerException.builder().statusCode(400)
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("ValidationException")
                            .errorMessage("no such job" + TITLE + "\ntrainctl: job completed").build()).build();
        });

        int code = run("jobs", "status", JOB);

        assertThat(code).isNotZero();
        assertHarmless(stderr());
        assertThat(stderr().lines()).singleElement().asString().contains("no such job\\x1b]0;pwned\\x07\\ntrainctl:"
                + " job completed");
    }

    private static void assertHarmless(String printed) {
        assertThat(printed).doesNotContain("\u001b", "\u0007", "\r", "\u009b");
        assertThat(printed.lines()).noneMatch(line -> line.startsWith("trainctl: job completed")
                || line.startsWith("trainctl: refund"));
    }

    private String stdout() {
        return cli.out();
    }

    private String stderr() {
        return cli.err();
    }

    private int run(String... args) {
        return cli.run(args);
    }
}
