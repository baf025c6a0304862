package dev.trainctl.orchestrator.emulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainctl.orchestrator.aws.AwsClients;
import dev.trainctl.orchestrator.aws.CallerIdentity;
import dev.trainctl.orchestrator.cli.Console;
import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.GlobalOptions;
import dev.trainctl.orchestrator.cli.Invocation;
import dev.trainctl.orchestrator.cli.OutputFormat;
import dev.trainctl.orchestrator.cli.TrainctlException;
import dev.trainctl.orchestrator.fakes.AwsFaults;
import dev.trainctl.orchestrator.fakes.FakeIam;
import dev.trainctl.orchestrator.fakes.FakeS3;
import dev.trainctl.orchestrator.fakes.FakeSts;
import dev.trainctl.orchestrator.names.ResourceNames;
import dev.trainctl.orchestrator.policy.ExecutionRolePolicies;
import dev.trainctl.orchestrator.s3serve.S3Access;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/**
 * An emulated job on an AWS-compatible endpoint (moto, LocalStack) runs in a real account, not the placeholder: the
 * caller's (STS) or the role's ({@code --role-arn}). The role's real trust policy names that account, so SageMaker's
 * AssumeRole (aws:SourceAccount, aws:SourceArn) must carry it. Both sides use account 123456789012 here; the
 * earlier tests used the placeholder on both sides, which is how the mismatch went unseen.
 */
class EmulatedAccountTest {

    private static final String ACCOUNT = FakeSts.ACCOUNT;
    private static final URI ENDPOINT = URI.create("http://127.0.0.1:5000");
    private static final ResourceNames NAMES = ResourceNames.of("aws", ACCOUNT, "us-east-1", "trainctl-mnist");

    private final FakeSts sts = FakeSts.user();
    private final FakeIam iam = new FakeIam();
    private final FakeS3 s3 = new FakeS3(ACCOUNT);
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    EmulatedAccountTest() {
        s3.exists = true;
    }

    /** A role as 'provision' makes it in the real account: its trust admits only that account's jobs. */
    private void provisionedRole(String name) {
        FakeIam.StoredRole role = new FakeIam.StoredRole();
        role.trust = ExecutionRolePolicies.trust(NAMES).toJson();
        role.inline.put(NAMES.inlinePolicyName(), ExecutionRolePolicies.permissions(NAMES).toJson());
        iam.roles.put(name, role);
    }

    private EmulatedTraining.Role resolve(String... args) throws ParseException {
        Options options = new Options().addOption(null, "bucket", true, "").addOption(null, "role-arn", true, "")
                .addOption(null, "role-policy-file", true, "").addOption(null, "trust-policy-file", true, "");
        Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8), OutputFormat.TEXT, false);
        GlobalOptions global = new GlobalOptions(Optional.of("us-east-1"), Optional.empty(), Optional.of(ENDPOINT),
                false, OutputFormat.TEXT, false);
        Invocation invocation = new Invocation(new DefaultParser().parse(options, args), global, console);
        AwsClients aws = AwsClients.create(global, console, Map.of()).using(Region.US_EAST_1).using(sts).using(iam)
                .using(s3);
        S3Access access = new S3Access(s3, Optional.empty(), Optional.of(ENDPOINT), "S3-compatible server", false);
        EmulatedTarget target = EmulatedTarget.resolve(invocation, aws, access);
        return EmulatedRoleOptions.read(invocation).resolve(aws, target, "trainctl-mnist", console);
    }

    private static RoleSession session(EmulatedTraining.Role role) {
        return role.session("trainctl-mnist-20261205-120000-000", new FakeS3(ACCOUNT), Optional.empty());
    }

    @Test
    void withoutRoleArnTheRoleIsReadInTheCallersAccountAndSageMakerMayAssumeIt() throws Exception {
        provisionedRole(NAMES.roleName());

        EmulatedTraining.Role role = resolve();

        assertThat(role.account()).isEqualTo(ACCOUNT);
        assertThat(role.documents().roleArn()).isEqualTo(NAMES.roleArn());
        assertThat(role.documents().source()).startsWith("the role's documents in IAM (" + NAMES.roleArn() + ")");
        session(role).assume();
        assertThat(session(role).principal()).isEqualTo("arn:aws:sts::" + ACCOUNT
                + ":assumed-role/trainctl-mnist-execution/SageMaker");
    }

    @Test
    void theDefaultBucketIsTheOneProvisionMakesInTheCallersAccount() throws Exception {
        provisionedRole(NAMES.roleName());

        resolve();

        assertThat(s3.recorder.of(software.amazon.awssdk.services.s3.model.HeadBucketRequest.class))
                .extracting(r -> r.bucket()).containsExactly(NAMES.bucket());
    }

    @Test
    void withARoleArnOfTheCallersAccountTheJobIsInThatAccount() throws Exception {
        provisionedRole("ci-training");

        EmulatedTraining.Role role = resolve("--role-arn", "arn:aws:iam::" + ACCOUNT + ":role/ci-training",
                "--bucket", NAMES.bucket());

        assertThat(role.account()).isEqualTo(ACCOUNT);
        session(role).assume();
    }

    @Test
    void anEndpointWithoutStsTakesTheAccountFromTheRoleArn() throws Exception {
        sts.failingWith(AwsFaults.error(400, null, "not an STS endpoint"));
        provisionedRole(NAMES.roleName());

        EmulatedTraining.Role role = resolve("--role-arn", "arn:aws:iam::" + ACCOUNT + ":role/trainctl-mnist-execution",
                "--bucket", NAMES.bucket());

        assertThat(role.account()).isEqualTo(ACCOUNT);
        session(role).assume();
    }

    @Test
    void anEndpointWithoutStsOrRoleArnUsesThePlaceholder() throws Exception {
        sts.failingWith(AwsFaults.error(400, null, "not an STS endpoint"));
        iam.failingWith(AwsFaults.notImplemented());

        EmulatedTraining.Role role = resolve("--bucket", "trainctl-local");

        assertThat(role.account()).isEqualTo(CallerIdentity.PLACEHOLDER_ACCOUNT);
    }

    @Test
    void aRoleOfAnotherAccountThanTheCallersIsAUsageError() {
        provisionedRole(NAMES.roleName());

        assertThatThrownBy(() -> resolve("--role-arn", "arn:aws:iam::999999999999:role/trainctl-mnist-execution",
                "--bucket", NAMES.bucket()))
                .isInstanceOfSatisfying(TrainctlException.class, e -> assertThat(e.exitCode())
                        .isEqualTo(ExitCode.USAGE))
                .hasMessageContaining("is in account 999999999999, but your credentials are in account " + ACCOUNT);
    }

    /** moto speaks only HTTP; the TLS-only bucket policy provision sets makes it refuse every object request. */
    @Test
    void aTlsOnlyBucketPolicyOnAPlainHttpEndpointIsRefusedBeforeAnythingIsUploaded() {
        provisionedRole(NAMES.roleName());
        s3.policy = dev.trainctl.orchestrator.policy.BucketPolicy.document(NAMES).toJson();

        assertThatThrownBy(() -> resolve())
                .isInstanceOfSatisfying(TrainctlException.class, e -> assertThat(e.exitCode())
                        .isEqualTo(ExitCode.AWS_ACCESS_DENIED))
                .hasMessageContaining("the bucket policy of " + NAMES.bucket() + " denies every request without TLS"
                        + " (bucket policy DenyRequestsWithoutTls), and " + ENDPOINT + " is plain HTTP");
        assertThat(s3.recorder.mutating()).isEmpty();
    }
}
