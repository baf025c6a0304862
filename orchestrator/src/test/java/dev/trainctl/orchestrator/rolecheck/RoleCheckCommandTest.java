package dev.trainctl.orchestrator.rolecheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trainctl.orchestrator.aws.AwsClients;
import dev.trainctl.orchestrator.cli.CommandLineInterface;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

class RoleCheckCommandTest {

    static final String ROLE_ARN = "arn:aws:iam::111122223333:role/trainctl-mnist-execution";

    /** Runs 'trainctl ARGS' against a fake IAM and STS; returns exit code, stdout, stderr. */
    record Run(int code, String out, String err) {}

    static Run run(FakeIam iam, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        RoleCheckCommand command = new RoleCheckCommand(invocation -> AwsClients
                .create(invocation.global(), invocation.console(), Map.of())
                .using(Region.US_EAST_1).using(iam).using(new FakeSts(Corpus.CALLER)), Optional.empty());
        int code = new CommandLineInterface("test", List.of(command), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void goodRoleExitsZeroWithAllPassTable() {
        Run run = run(Corpus.iam(Corpus.ours()), "role", "check", "--role-arn", ROLE_ARN);

        assertThat(run.code()).isZero();
        assertThat(run.out()).containsPattern("trust.confused-deputy +PASS")
                .contains("Result: PASS (0 failed, 0 warnings, 13 passed)")
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
        assertThat(json.keySet()).containsExactly("roleArn", "callerArn", "verdict", "counts", "checks", "simulation",
                "callerSimulation", "notes");
        assertThat(json.get("roleArn").getAsString()).isEqualTo(ROLE_ARN);
        assertThat(json.get("callerArn").getAsString()).isEqualTo(Corpus.CALLER);
        assertThat(json.get("verdict").getAsString()).isEqualTo("FAIL");
        assertThat(json.getAsJsonObject("counts").keySet()).containsExactly("PASS", "WARN", "FAIL");
        JsonArray checks = json.getAsJsonArray("checks");
        for (JsonElement element : checks) {
            JsonObject check = element.getAsJsonObject();
            assertThat(check.keySet()).contains("check", "verdict", "reason");
            assertThat(check.has("fix")).isEqualTo(!check.get("verdict").getAsString().equals("PASS"));
        }
        assertThat(json.getAsJsonObject("counts").get("FAIL").getAsInt())
                .isEqualTo((int) checks.asList().stream()
                        .filter(c -> c.getAsJsonObject().get("verdict").getAsString().equals("FAIL")).count());
        JsonObject first = json.getAsJsonArray("simulation").get(0).getAsJsonObject();
        assertThat(first.get("action").getAsString()).isEqualTo("s3:ListBucket");
        assertThat(first.get("expected").getAsString()).isEqualTo("ALLOWED");
        assertThat(first.get("decision").getAsString()).isEqualTo("allowed");
        assertThat(first.getAsJsonObject("context").getAsJsonArray("s3:prefix").get(0).getAsString())
                .isEqualTo("trainctl-mnist/data/");
        assertThat(json.getAsJsonArray("callerSimulation")).hasSize(2);
    }

    @Test
    void liveSaysItIsNotAvailableInThisBuildAndExitsNonZeroAfterThePreviewAndTable() {
        Run run = run(Corpus.iam(Corpus.ours()), "role", "check", "--role-arn", ROLE_ARN, "--live", "--yes");

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("worst case: at most 900 s of 1 x ml.t3.medium").contains("Result: PASS");
        assertThat(run.err()).contains("--live is not available in this build");
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
        assertThat(run.err()).contains("--instance-type must be a SageMaker training instance type");
    }

    @Test
    void unknownRoleTranslatesToAClearError() {
        Run run = run(Corpus.iam(Corpus.ours()), "role", "check", "--role-arn",
                "arn:aws:iam::111122223333:role/does-not-exist");
        assertThat(run.code()).isNotZero();
        assertThat(run.err()).contains("iam:GetRole").contains("does-not-exist");
    }
}
