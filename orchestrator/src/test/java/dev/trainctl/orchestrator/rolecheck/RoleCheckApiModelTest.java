package dev.trainctl.orchestrator.rolecheck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainctl.orchestrator.aws.AwsClients;
import dev.trainctl.orchestrator.aws.Sleeper;
import dev.trainctl.orchestrator.cli.CliRun;
import dev.trainctl.orchestrator.fakes.FakePricing;
import dev.trainctl.orchestrator.fakes.FakeServiceQuotas;
import dev.trainctl.orchestrator.fakes.FakeSts;
import dev.trainctl.orchestrator.fidelity.ApiModelCheck;
import dev.trainctl.orchestrator.fidelity.RequestCapture;
import dev.trainctl.orchestrator.jobs.RecordingSageMaker;
import dev.trainctl.orchestrator.jobs.ScriptedLogs;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.pricing.PricingClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Every request {@code role check} builds, valid against AWS's published API models (botocore): the role's reads,
 * the simulations with every option at its limit, and the {@code --live} job with its upload, following and
 * cleanup; a value past a limit is a usage error before any request.
 */
class RoleCheckApiModelTest {

    @RegisterExtension
    static final ApiModelCheck API = new ApiModelCheck();

    static final String ROLE_ARN = RoleCheckCommandTest.ROLE_ARN;

    private final RequestCapture capture = new RequestCapture();
    private final RecordingSageMaker sageMaker = new RecordingSageMaker();
    private final ScriptedLogs logs = new ScriptedLogs();
    private final LiveJobFakes.FakeS3 s3 = new LiveJobFakes.FakeS3();
    private List<Path> dataFiles = List.of();

    private CliRun run(String... args) {
        SimulatingIam iam = Corpus.iam(Corpus.ours());
        RoleCheckCommand command = new RoleCheckCommand(invocation -> AwsClients
                .create(invocation.global(), invocation.console(), Map.of())
                .using(capture.wrap(IamClient.class, iam))
                .using(capture.wrap(StsClient.class, new FakeSts(Corpus.CALLER)))
                .using(capture.wrap(SageMakerClient.class, sageMaker))
                .using(capture.wrap(CloudWatchLogsClient.class, logs))
                .using(capture.wrap(S3Client.class, s3))
                .using(capture.wrap(ServiceQuotasClient.class, new FakeServiceQuotas().withDefaults(1)))
                .using(capture.wrap(PricingClient.class, new FakePricing())),
                invocation -> dataFiles, Sleeper.NONE, Clock.fixed(LiveJobFakes.T0, ZoneOffset.UTC));
        List<String> all = new ArrayList<>(List.of("--region", "us-east-1", "role", "check", "--role-arn", ROLE_ARN));
        all.addAll(List.of(args));
        return CliRun.with(List.of(command), all.toArray(String[]::new));
    }

    @Test
    void theChecksReadsAndSimulationsAreValidWithEveryOptionAtItsLimit() {
        assertThat(run().exitCode()).isZero();
        // s3://BUCKET/PREFIX/checkpoints/NAME-rolecheck-STAMP/, the job's longest S3 URI, at CheckpointConfig's 1024.
        String prefix = "p".repeat(1024 - "s3://%s//checkpoints/%s-rolecheck-20261125-100000-000/"
                .formatted("b".repeat(63), "n".repeat(33)).length());
        List.of(run("--bucket", "b".repeat(63), "--prefix", prefix, "--repository", "team/" + "r".repeat(251),
                "--instance-type", "ml.p4d.24xlarge", "--max-runtime", "2419200", "--name", "n".repeat(33)),
                run("--repository", "arn:aws:ecr:eu-west-1:444455556666:repository/shared/trainer", "--prefix", ""))
                .forEach(checked -> assertThat(checked.exitCode()).as(checked.err()).isIn(0, 11));
        assertThat(refusal(run("--bucket", "b".repeat(63), "--prefix", prefix + "p", "--name", "n".repeat(33))))
                .contains("at most 1024 characters");

        assertThat(capture.requests()).extracting(RequestCapture::operation).contains("GetRole",
                "SimulatePrincipalPolicy");
        API.assertValid(capture.requests());
    }

    @Test
    void theLiveJobItsUploadFollowingAndCleanupAreValid(@TempDir Path data) {
        dataFiles = LiveJobFakes.dataFiles(data);
        sageMaker.describes.add(LiveJobFakes.completesWithModel(sageMaker, s3, logs));

        String repository = "111122223333.dkr.ecr.us-east-1.amazonaws.com/trainctl-mnist:";
        CliRun run = run("--live", "--yes", "--image", repository + "t".repeat(255 - repository.length()));

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(capture.requests()).extracting(RequestCapture::operation).contains("PutObject",
                "CreateTrainingJob", "DescribeTrainingJob", "DeleteObjects");
        API.assertValid(capture.requests());
    }

    @Test
    void aValuePastAnAwsLimitIsAUsageErrorBeforeAnyRequest() {
        assertThat(refusal(run("--live", "--yes", "--image", "i".repeat(256)))).contains("--image");
        assertThat(refusal(run("--prefix", "p".repeat(1000)))).contains("--prefix");
        assertThat(refusal(run("--repository", "Team Repo"))).contains("--repository");
        assertThat(capture.requests()).isEmpty();
    }

    private static String refusal(CliRun run) {
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        return run.err();
    }
}
