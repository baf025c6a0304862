package dev.trainctl.orchestrator.provision;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trainctl.orchestrator.fakes.Cli;
import dev.trainctl.orchestrator.fakes.FakeSts;
import dev.trainctl.orchestrator.fidelity.ApiModelCheck;
import dev.trainctl.orchestrator.fidelity.ModelJson;
import dev.trainctl.orchestrator.fidelity.RequestCapture;
import dev.trainctl.orchestrator.teardown.TeardownCommand;
import java.io.BufferedReader;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Every request {@code provision} and {@code teardown} build, valid against AWS's published API models (botocore):
 * the printed dry-run plans with and without a budget, a KMS key and a boundary, in both kinds of region; the
 * requests of a real run, a repair and a teardown; values at the limits.
 */
class ProvisionApiModelTest {

    @RegisterExtension
    static final ApiModelCheck API = new ApiModelCheck();

    /** A key of the region the test provisions in: S3 and EBS encrypt only with keys of their own region. */
    static final String KMS = key("us-east-1");

    static String key(String region) {
        return "arn:aws:kms:" + region + ":123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    }
    static final String BOUNDARY = "arn:aws:iam::123456789012:policy/org/OrgBoundary";

    private final Cli cli = new Cli();
    private final RequestCapture capture = new RequestCapture();

    private int provision(String... args) {
        List<String> all = new ArrayList<>(List.of("provision"));
        all.addAll(List.of(args));
        return cli.run(new ProvisionCommand(cli.clients(capture), d -> { }, Duration.ZERO), all.toArray(String[]::new));
    }

    private int teardown(String... args) {
        List<String> all = new ArrayList<>(List.of("teardown"));
        all.addAll(List.of(args));
        return cli.run(new TeardownCommand(cli.clients(capture), () -> new BufferedReader(new StringReader(""))),
                all.toArray(String[]::new));
    }

    /** The calls a JSON plan prints: {@code changes[].call}. */
    private List<JsonElement> printedCalls() {
        JsonObject plan = JsonParser.parseString(cli.out).getAsJsonObject();
        List<JsonElement> calls = new ArrayList<>();
        plan.getAsJsonArray("changes").forEach(change -> calls.add(change.getAsJsonObject().get("call")));
        assertThat(calls).isNotEmpty();
        return calls;
    }

    @Test
    void everyDryRunPlanPrintsRequestsTheApiTakes() {
        for (String region : List.of("us-east-1", "eu-west-1")) {
            String kms = key(region);
            List<List<String>> variants = List.of(List.of(), List.of("--budget", "20", "--notify", "me@example.com"),
                    List.of("--kms-key", kms), List.of("--permissions-boundary", BOUNDARY),
                    List.of("--budget", "100000", "--notify", "me@example.com", "--kms-key", kms,
                            "--permissions-boundary", BOUNDARY, "--max-session-duration", "43200", "--name",
                            "n".repeat(33), "--bucket", "b".repeat(63)),
                    List.of("--budget", "0.01", "--notify", "me@example.com"),
                    List.of("--kms-key", kms, "--volume-kms-key", kms.replace("1234abcd-", "0000abcd-"), "--subnets",
                            "subnet-0123456789abcdef0,subnet-01234567", "--security-group-ids",
                            "sg-0123456789abcdef0"));
            for (List<String> variant : variants) {
                List<String> args = new ArrayList<>(List.of("--dry-run", "--output", "json", "--region", region));
                args.addAll(variant);
                assertThat(provision(args.toArray(String[]::new))).as(cli.err).isZero();
                printedCalls().forEach(API::assertValidCall);
            }
        }
        assertThat(capture.requests()).as("the plans' reads").isNotEmpty();
        API.assertValid(capture.requests());
    }

    @Test
    void theJsonDryRunIsExactlyWhatARealRunSendsAndSoIsTeardowns() {
        String[] options = {"--region", "us-east-1", "--budget", "20", "--notify", "me@example.com", "--kms-key", KMS,
            "--permissions-boundary", BOUNDARY};
        List<String> dryRun = new ArrayList<>(List.of("--dry-run", "--output", "json"));
        dryRun.addAll(List.of(options));
        assertThat(provision(dryRun.toArray(String[]::new))).as(cli.err).isZero();
        List<JsonElement> printed = printedCalls();
        capture.clear();

        assertThat(provision(options)).as(cli.err).isZero();

        assertThat(printed).isEqualTo(ModelJson.mutatingCalls(capture.requests()));
        cli.s3.objects.put("trainctl-mnist/data/t10k-labels-idx1-ubyte.gz", "0123");
        assertThat(teardown("--region", "us-east-1", "--dry-run", "--output", "json", "--delete-data")).isZero();
        printed = printedCalls();
        capture.clear();
        assertThat(teardown("--region", "us-east-1", "--yes", "--delete-data")).as(cli.err).isZero();
        assertThat(printed).isEqualTo(ModelJson.mutatingCalls(capture.requests()));
    }

    @Test
    void aDryRunWithoutCredentialsPrintsRequestsTheApiTakes() {
        cli.sts = FakeSts.user().failingWith(SdkClientException.create("Unable to load credentials"));

        assertThat(provision("--dry-run", "--output", "json", "--region", "eu-west-1", "--budget", "50", "--notify",
                "me@example.com")).as(cli.err).isZero();

        printedCalls().forEach(API::assertValidCall);
    }

    @Test
    void aRealRunItsRepairsAndTheTeardownSendRequestsTheApiTakes() {
        assertThat(provision("--region", "us-east-1", "--budget", "20", "--notify", "me@example.com", "--kms-key",
                KMS)).as(cli.err).isZero();
        cli.iam.roles.values().forEach(role -> {
            role.trust = "{\"Version\":\"2012-10-17\",\"Statement\":[]}";
            role.description = "changed by hand";
            role.maxSession = 7200;
            role.inline.put("extra", "{\"Version\":\"2012-10-17\",\"Statement\":[]}");
            role.attached.put("arn:aws:iam::aws:policy/AdministratorAccess", "AdministratorAccess");
        });
        cli.s3.policy = null;
        cli.s3.encryption = null;
        assertThat(provision("--region", "us-east-1", "--budget", "35", "--notify", "me@example.com", "--kms-key",
                KMS)).as(cli.err).isZero();
        cli.s3.objects.put("trainctl-mnist/data/train-images-idx3-ubyte.gz", "0123");

        assertThat(teardown("--region", "us-east-1", "--dry-run", "--output", "json", "--delete-data")).as(cli.err)
                .isZero();
        printedCalls().forEach(API::assertValidCall);
        assertThat(teardown("--region", "us-east-1", "--yes", "--delete-data")).as(cli.err).isZero();

        assertThat(capture.requests()).extracting(RequestCapture::operation).contains("CreateRole", "PutRolePolicy",
                "CreateBudget", "UpdateAssumeRolePolicy", "UpdateRole", "DeleteRolePolicy", "DetachRolePolicy",
                "UpdateBudget", "DeleteObjects", "DeleteBucket", "DeleteRepository", "DeleteBudget");
        API.assertValid(capture.requests());
    }
}
