package dev.trainctl.orchestrator.rolecheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trainctl.orchestrator.aws.AwsClients;
import dev.trainctl.orchestrator.aws.Sleeper;
import dev.trainctl.orchestrator.cli.CommandLineInterface;
import dev.trainctl.orchestrator.fakes.FakePricing;
import dev.trainctl.orchestrator.fakes.FakeServiceQuotas;
import dev.trainctl.orchestrator.fakes.FakeSts;
import dev.trainctl.orchestrator.image.DefaultImage;
import dev.trainctl.orchestrator.jobs.RecordingSageMaker;
import dev.trainctl.orchestrator.jobs.ScriptedLogs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemaker.model.CreateTrainingJobRequest;

class RoleCheckCommandTest {

    static final String ROLE_ARN = "arn:aws:iam::111122223333:role/trainctl-mnist-execution";

    /** Runs 'trainctl ARGS' against a fake IAM and STS; returns exit code, stdout, stderr. */
    record Run(int code, String out, String err) {}

    static Run run(SimulatingIam iam, String... args) {
        return run(iam, new RecordingSageMaker(), new ScriptedLogs(), new LiveJobFakes.FakeS3(), List.of(), args);
    }

    /** The same, with the clients and local data files {@code --live} uses. */
    static Run run(SimulatingIam iam, RecordingSageMaker sageMaker, ScriptedLogs logs, LiveJobFakes.FakeS3 s3,
            List<Path> dataFiles, String... args) {
        return run(iam, sageMaker, logs, s3, new FakeServiceQuotas().withDefaults(1), dataFiles, args);
    }

    /** The same, with the training quotas the live job's pre-flight reads. */
    static Run run(SimulatingIam iam, RecordingSageMaker sageMaker, ScriptedLogs logs, LiveJobFakes.FakeS3 s3,
            FakeServiceQuotas quotas, List<Path> dataFiles, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        RoleCheckCommand command = new RoleCheckCommand(invocation -> AwsClients
                .create(invocation.global(), invocation.console(), Map.of())
                .using(Region.US_EAST_1).using(iam).using(new FakeSts(Corpus.CALLER))
                .using(sageMaker).using(logs).using(s3).using(quotas).using(new FakePricing()),
                invocation -> dataFiles, Sleeper.NONE,
                // The time the job name is made from: Corpus.JOB_NAME's.
                java.time.Clock.fixed(java.time.Instant.parse("2026-11-25T10:00:00Z"), java.time.ZoneOffset.UTC));
        int code = new CommandLineInterface("test", List.of(command), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void goodRoleExitsZeroWithAllPassTable() {
        Run run = run(Corpus.iam(Corpus.ours()), "role", "check", "--role-arn", ROLE_ARN);

        assertThat(run.code()).isZero();
        assertThat(run.out()).containsPattern("trust.confused-deputy +PASS")
                .contains("Result: PASS (0 failed, 0 warnings, 18 passed)")
                .doesNotContain(" WARN ").doesNotContain(" FAIL ");
    }

    @Test
    void sageMakerFullAccessRoleExitsWithCheckFailed() {
        Run run = run(Corpus.iam(Corpus.role(Corpus.oursTrust(), Corpus.sageMakerFullAccess())),
                "role", "check", "--role-arn", ROLE_ARN);

        assertThat(run.code()).isEqualTo(11);
        assertThat(run.out()).contains("lint.managed-policy").contains("fix: detach it").contains("Result: FAIL");
    }

    @Test
    void jsonOutputIsOneDocumentWithChecksAndTheSimulationMatrix() {
        Run run = run(Corpus.iam(Corpus.role(Corpus.oursTrust(), Corpus.oursPermissions(), Corpus.s3FullAccess())),
                "role", "check", "--role-arn", ROLE_ARN, "--output", "json");

        assertThat(run.code()).isEqualTo(11);
        JsonObject json = JsonParser.parseString(run.out()).getAsJsonObject();
        assertThat(json.keySet()).containsExactly("role_arn", "caller_arn", "verdict", "counts", "checks", "simulation",
                "caller_simulation", "notes");
        assertThat(json.get("role_arn").getAsString()).isEqualTo(ROLE_ARN);
        assertThat(json.get("caller_arn").getAsString()).isEqualTo(Corpus.CALLER);
        assertThat(json.get("verdict").getAsString()).isEqualTo("FAIL");
        assertThat(json.getAsJsonObject("counts").keySet()).containsExactly("pass", "warn", "fail");
        JsonArray checks = json.getAsJsonArray("checks");
        for (JsonElement element : checks) {
            JsonObject check = element.getAsJsonObject();
            assertThat(check.keySet()).contains("check", "verdict", "reason");
            assertThat(check.has("fix")).isEqualTo(!check.get("verdict").getAsString().equals("PASS"));
        }
        assertThat(json.getAsJsonObject("counts").get("fail").getAsInt())
                .isEqualTo((int) checks.asList().stream()
                        .filter(c -> c.getAsJsonObject().get("verdict").getAsString().equals("FAIL")).count());
        JsonObject first = json.getAsJsonArray("simulation").get(0).getAsJsonObject();
        assertThat(first.get("action").getAsString()).isEqualTo("s3:ListBucket");
        assertThat(first.get("expected").getAsString()).isEqualTo("ALLOWED");
        assertThat(first.get("decision").getAsString()).isEqualTo("allowed");
        assertThat(first.getAsJsonObject("context").getAsJsonArray("s3:prefix").get(0).getAsString())
                .isEqualTo("trainctl-mnist/data/");
        assertThat(json.getAsJsonArray("caller_simulation")).hasSize(3);
    }

    @Test
    void liveRunsTheJobWithTheRoleAndAddsItsRowsToThePassingTable(@TempDir Path data) {
        RecordingSageMaker sageMaker = new RecordingSageMaker();
        ScriptedLogs logs = new ScriptedLogs();
        LiveJobFakes.FakeS3 s3 = new LiveJobFakes.FakeS3();
        sageMaker.describes.add(LiveJobFakes.completesWithModel(sageMaker, s3, logs));

        Run run = run(Corpus.iam(Corpus.ours()), sageMaker, logs, s3, LiveJobFakes.dataFiles(data),
                "role", "check", "--role-arn", ROLE_ARN, "--live", "--yes", "--image", "example/trainctl:1");

        assertThat(run.code()).isZero();
        assertThat(sageMaker.requestsOf(CreateTrainingJobRequest.class)).singleElement().satisfies(request -> {
            assertThat(request.trainingJobName()).startsWith("trainctl-mnist-rolecheck-");
            assertThat(request.roleArn()).isEqualTo(ROLE_ARN);
            assertThat(request.algorithmSpecification().trainingImage()).isEqualTo("example/trainctl:1");
        });
        assertThat(run.out()).contains("cost:    worst-case cost: $0.01 (ml.t3.medium")
                .containsPattern("live.job +PASS").containsPattern("live.artifact +PASS")
                .containsPattern("live.logs +PASS").containsPattern("live.cleanup +PASS")
                .contains("Result: PASS (0 failed, 0 warnings, 22 passed)");
        assertThat(s3.keys).allMatch(k -> k.startsWith("trainctl-mnist/data/")).hasSize(4);
    }

    @Test
    void liveStopsWithExitEightOnAZeroTrainingQuotaBeforeUploadingOrSubmitting(@TempDir Path data) {
        RecordingSageMaker sageMaker = new RecordingSageMaker();
        LiveJobFakes.FakeS3 s3 = new LiveJobFakes.FakeS3();

        Run run = run(Corpus.iam(Corpus.ours()), sageMaker, new ScriptedLogs(), s3,
                new FakeServiceQuotas().withDefaults(0), LiveJobFakes.dataFiles(data), "role", "check", "--role-arn",
                ROLE_ARN, "--live", "--yes", "--image", "example/trainctl:1");

        assertThat(run.code()).isEqualTo(8);
        assertThat(run.err()).contains("'ml.t3.medium for training job usage' (sagemaker L-TEST0002) is 0 in us-east-1")
                .contains("aws service-quotas request-service-quota-increase --service-code sagemaker --quota-code "
                        + "L-TEST0002");
        assertThat(s3.keys).isEmpty();
        assertThat(sageMaker.requestsOf(CreateTrainingJobRequest.class)).isEmpty();
    }

    @Test
    void liveDryRunShowsTheQuotaRequestItWouldMakeAndSendsNone() {
        FakeServiceQuotas quotas = new FakeServiceQuotas().withDefaults(0);

        Run run = run(Corpus.iam(Corpus.ours()), new RecordingSageMaker(), new ScriptedLogs(),
                new LiveJobFakes.FakeS3(), quotas, List.of(), "role", "check", "--role-arn", ROLE_ARN, "--live",
                "--dry-run");

        assertThat(run.code()).isZero();
        assertThat(run.err()).contains("would be read with this request (not sent").contains("\"ServiceCode\": \"sagemaker\"");
        assertThat(quotas.answers.recorder.all()).isEmpty();
    }

    @Test
    void liveJobThatFailsExitsWithCheckFailedAndNamesTheReason(@TempDir Path data) {
        RecordingSageMaker sageMaker = new RecordingSageMaker();
        sageMaker.describes.add(() -> LiveJobFakes.failed(
                sageMaker.requestsOf(CreateTrainingJobRequest.class).get(0).trainingJobName(),
                "ClientError: access denied pulling the image"));

        Run run = run(Corpus.iam(Corpus.ours()), sageMaker, new ScriptedLogs(), new LiveJobFakes.FakeS3(),
                LiveJobFakes.dataFiles(data), "role", "check", "--role-arn", ROLE_ARN, "--live", "--yes",
                "--image", "example/trainctl:1");

        assertThat(run.code()).isEqualTo(11);
        assertThat(run.out()).containsPattern("live.job +FAIL")
                .contains("ended Failed: ClientError: access denied pulling the image").contains("Result: FAIL");
    }

    @Test
    void liveDefaultImageIsTheOneImagePushTagsForThisBuildNotLatest() {
        Run run = run(Corpus.iam(Corpus.ours()), "role", "check", "--role-arn", ROLE_ARN, "--live", "--dry-run");

        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("\"TrainingImage\": \""
                        + DefaultImage.in("111122223333.dkr.ecr.us-east-1.amazonaws.com/trainctl-mnist") + "\"")
                .doesNotContain(":latest").contains("--dry-run: no data was uploaded and the job was not submitted");
    }

    @Test
    void liveIsSkippedForAFailingRole() {
        Run run = run(Corpus.iam(Corpus.role(Corpus.oursTrust(), Corpus.sageMakerFullAccess())),
                "role", "check", "--role-arn", ROLE_ARN, "--live", "--yes");

        assertThat(run.code()).isEqualTo(11);
        assertThat(run.err()).contains("--live skipped");
    }

    @Test
    void missingOrMalformedRoleArnIsAUsageError() {
        assertThat(run(Corpus.iam(Corpus.ours()), "role", "check").code()).isEqualTo(2);
        Run bad = run(Corpus.iam(Corpus.ours()), "role", "check", "--role-arn", "trainctl-mnist-execution");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--role-arn must be an IAM role ARN");
    }

    @Test
    void unknownInstanceTypeIsAUsageError() {
        Run run = run(Corpus.iam(Corpus.ours()), "role", "check", "--role-arn", ROLE_ARN, "--instance-type", "t3.big");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("--instance-type: 't3.big' is not a SageMaker training instance type");
    }

    @Test
    void unknownRoleTranslatesToAClearError() {
        Run run = run(Corpus.iam(Corpus.ours()), "role", "check", "--role-arn",
                "arn:aws:iam::111122223333:role/does-not-exist");
        assertThat(run.code()).isNotZero();
        assertThat(run.err()).contains("iam:GetRole").contains("does-not-exist");
    }
}
