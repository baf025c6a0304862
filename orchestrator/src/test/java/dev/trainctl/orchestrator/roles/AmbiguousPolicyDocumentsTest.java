package dev.trainctl.orchestrator.roles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainctl.orchestrator.aws.Sleeper;
import dev.trainctl.orchestrator.cli.CliRun;
import dev.trainctl.orchestrator.fakes.Cli;
import dev.trainctl.orchestrator.policy.PolicySimulateCommand;
import dev.trainctl.orchestrator.rolecheck.RoleCheckCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.model.CreateRoleRequest;
import software.amazon.awssdk.services.iam.model.PutRolePolicyRequest;

/**
 * A policy document with a key twice ({@code "Effect": "Deny", ..., "Effect": "Allow"}) is read one way by one parser
 * and the other way by another, and AWS documents no answer: every command that reads a document refuses it (exit
 * 2), naming the key and where it is, wherever the document comes from (a file, a request line, IAM).
 */
class AmbiguousPolicyDocumentsTest {

    /** Reads as a Deny to a first-key reader and as an Allow to Gson or the SDK (last key wins). */
    static final String DENY_THEN_ALLOW = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Sid\": \"Data\","
            + " \"Effect\": \"Deny\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\", \"Effect\": \"Allow\"}]}";
    static final String TRUST_TWICE = "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\","
            + " \"Principal\": {\"Service\": \"sagemaker.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\","
            + " \"Principal\": {\"AWS\": \"*\"}}}";
    static final String REASON = "key \"Effect\" appears twice in $.Statement[0]";

    @TempDir
    Path dir;
    final Cli cli = new Cli();

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private int simulate(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("policy", "simulate"));
        all.addAll(List.of(args));
        return cli.run(new PolicySimulateCommand(cli.clients()), all.toArray(String[]::new));
    }

    @Test
    void policySimulateRefusesEachDocumentOptionWithARepeatedKey() throws IOException {
        Path ambiguous = file("ambiguous.json", DENY_THEN_ALLOW);
        Path plain = file("plain.json", "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\","
                + " \"Action\": \"s3:*\", \"Resource\": \"*\"}}");
        String[] request = {"--action", "s3:GetObject", "--resource", "arn:aws:s3:::bucket/k"};

        for (String option : List.of("--policy-file", "--boundary-file", "--resource-policy-file")) {
            List<String> args = new java.util.ArrayList<>(List.of(option, ambiguous.toString()));
            if (!option.equals("--policy-file")) {
                args.addAll(List.of("--policy-file", plain.toString()));
            }
            args.addAll(List.of(request));
            args.addAll(List.of("--principal", "arn:aws:iam::111122223333:user/alice"));

            int code = simulate(args.toArray(String[]::new));

            assertThat(code).as(option).isEqualTo(2);
            assertThat(cli.err).as(option).startsWith("trainctl: ambiguous.json is ambiguous: " + REASON)
                    .doesNotContain("allowed");
            assertThat(cli.out).as(option).isEmpty();
        }
    }

    @Test
    void aRequestLineWithAKeyTwiceIsRefusedByLine() throws IOException {
        Path policy = file("plain.json", "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\","
                + " \"Action\": \"s3:*\", \"Resource\": \"*\"}}");
        Path requests = file("requests.jsonl", "{\"action\": \"s3:GetObject\", \"resource\": \"arn:aws:s3:::b/k\","
                + " \"resource\": \"arn:aws:s3:::other/k\"}\n");

        int code = simulate("--policy-file", policy.toString(), "--requests", requests.toString());

        assertThat(code).isEqualTo(2);
        assertThat(cli.err).startsWith("trainctl: " + requests + " line 1 is ambiguous: key \"resource\" appears"
                + " twice in $");
    }

    @Test
    void aRolesDocumentFromIamWithAKeyTwiceIsRefused() {
        cli.iam.createRole(CreateRoleRequest.builder().roleName("trainer").assumeRolePolicyDocument("{}")
                .maxSessionDuration(3600).build());
        cli.iam.putRolePolicy(PutRolePolicyRequest.builder().roleName("trainer").policyName("inline")
                .policyDocument(DENY_THEN_ALLOW).build());

        int code = simulate("--role-arn", "arn:aws:iam::123456789012:role/trainer", "--action", "s3:GetObject",
                "--resource", "arn:aws:s3:::bucket/k");

        assertThat(code).isEqualTo(2);
        assertThat(cli.err).startsWith("trainctl: inline policy inline is ambiguous: " + REASON);
    }

    @Test
    void roleCheckRefusesARoleWhoseTrustPolicyHasAKeyTwice() {
        cli.iam.createRole(CreateRoleRequest.builder().roleName("trainctl-mnist-execution")
                .assumeRolePolicyDocument(TRUST_TWICE).maxSessionDuration(3600).build());
        RoleCheckCommand command = new RoleCheckCommand(invocation -> cli.clients().apply(invocation.global(),
                invocation.console()), invocation -> List.of(), Sleeper.NONE, java.time.Clock.systemUTC());

        int code = cli.run(command, "role", "check", "--role-arn",
                "arn:aws:iam::123456789012:role/trainctl-mnist-execution");

        assertThat(code).isEqualTo(2);
        assertThat(cli.err).startsWith("trainctl: trust policy trust policy is ambiguous: key \"Principal\" appears"
                + " twice in $.Statement");
        assertThat(cli.out).doesNotContain("PASS");
    }

    @Test
    void theEmulationRefusesRoleDocumentFilesWithAKeyTwiceBeforeAnythingRuns() throws IOException {
        Path policy = file("role.json", DENY_THEN_ALLOW);
        Path trust = file("trust.json", TRUST_TWICE);

        CliRun permissions = CliRun.of("train", "--on", "emulated", "--role-policy-file", policy.toString());
        CliRun trusts = CliRun.of("train", "--on", "emulated", "--trust-policy-file", trust.toString());

        assertThat(permissions.exitCode()).isEqualTo(2);
        assertThat(permissions.err()).startsWith("trainctl: --role-policy-file " + policy + " is ambiguous: " + REASON)
                .doesNotContain("embedded S3");
        assertThat(trusts.exitCode()).isEqualTo(2);
        assertThat(trusts.err()).startsWith("trainctl: --trust-policy-file " + trust + " is ambiguous: key"
                + " \"Principal\" appears twice in $.Statement");
    }

    @Test
    void aDocumentWithAKeyTwiceCannotBeMadeAndNeverEqualsTheWantedOne() {
        assertThatThrownBy(() -> PolicyDocument.inline("inline", DENY_THEN_ALLOW))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(REASON);
        String allow = DENY_THEN_ALLOW.replace("\"Effect\": \"Deny\", ", "");

        assertThat(PolicyJson.equivalent(allow, DENY_THEN_ALLOW)).as("provision sees drift and rewrites it").isFalse();
        assertThat(PolicyJson.pretty(DENY_THEN_ALLOW)).as("the diff shows both keys").contains("\"Deny\"")
                .contains("\"Allow\"");
    }
}
