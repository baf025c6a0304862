package dev.trainctl.orchestrator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainctl.orchestrator.cli.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Documents IAM (or S3) refuses are refused here too, with exit 2 and the statement and the rule named: a trust policy
 * with a Resource, a bucket policy statement without one, a repeated Sid, and a Sid IAM's grammar does not allow in
 * an identity policy (reference_policies_elements_sid); and a document nested past the JSON reader's limit is said
 * to be that, not invalid JSON.
 */
class IamDocumentRulesTest {

    private static final String ROLE = "arn:aws:iam::111122223333:role/trainer";

    @TempDir
    Path temp;

    private String write(String name, String json) throws IOException {
        return Files.writeString(temp.resolve(name), json).toString();
    }

    private static String statement(String sid, String body) {
        return "{" + (sid == null ? "" : "\"Sid\": \"" + sid + "\", ") + body + "}";
    }

    private static String policy(String... statements) {
        return "{\"Version\": \"2012-10-17\", \"Statement\": [" + String.join(", ", statements) + "]}";
    }

    private static final String GET = "\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"";

    @Test
    void aTrustPolicyWithAResourceIsRefusedNamingTheStatement() throws IOException {
        String trust = write("trust.json", policy(statement("SageMaker", "\"Effect\": \"Allow\", \"Principal\":"
                + " {\"Service\": \"sagemaker.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\", \"Resource\": \"*\"")));

        CliRun simulate = CliRun.of("policy", "simulate", "--resource-policy-file", trust, "--action",
                "sts:AssumeRole", "--resource", ROLE, "--principal", "sagemaker.amazonaws.com");
        CliRun check = CliRun.of("role", "check", "--trust-file", trust, "--policy-file", write("role.json",
                policy(statement("Read", GET))));

        assertThat(simulate.exitCode()).isEqualTo(2);
        assertThat(simulate.err()).contains("trust.json statement SageMaker has Resource; a role trust policy cannot"
                + " name a resource");
        assertThat(check.exitCode()).isEqualTo(2);
        assertThat(check.err()).contains("--trust-file").contains("trust.json statement SageMaker has Resource");
    }

    @Test
    void aBucketPolicyStatementWithoutResourceIsRefused() throws IOException {
        String bucket = write("bucket.json", policy(statement("Everyone", "\"Effect\": \"Allow\", \"Principal\":"
                + " \"*\", \"Action\": \"s3:GetObject\"")));

        CliRun run = CliRun.of("policy", "simulate", "--resource-policy-file", bucket, "--action", "s3:GetObject",
                "--resource", "arn:aws:s3:::b/k", "--principal", "arn:aws:iam::111122223333:user/alice");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("bucket.json statement Everyone has neither Resource nor NotResource; a bucket"
                + " policy statement must name");
    }

    @Test
    void aRepeatedSidIsRefusedInIdentityAndTrustPolicies() throws IOException {
        String identity = write("twice.json", policy(statement("Read", GET), statement("Read", GET)));

        CliRun run = CliRun.of("policy", "simulate", "--policy-file", identity, "--action", "s3:GetObject",
                "--resource", "arn:aws:s3:::b/k");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("twice.json statement Read: Sid 'Read' is also statement #1's; IAM requires"
                + " each Sid to be unique within a policy");
    }

    @Test
    void aSidWithOtherCharactersIsRefusedInAnIdentityPolicyButNotInABucketPolicy() throws IOException {
        String identity = write("dashed.json", policy(statement("Read-Objects", GET)));
        String bucket = write("bucket.json", policy(statement("Read objects", "\"Effect\": \"Allow\", \"Principal\":"
                + " {\"AWS\": \"arn:aws:iam::111122223333:user/alice\"}, \"Action\": \"s3:GetObject\", \"Resource\":"
                + " \"arn:aws:s3:::b/*\"")));

        CliRun refused = CliRun.of("policy", "simulate", "--policy-file", identity, "--action", "s3:GetObject",
                "--resource", "arn:aws:s3:::b/k");
        CliRun bucketOnly = CliRun.of("policy", "simulate", "--resource-policy-file", bucket, "--action",
                "s3:GetObject", "--resource", "arn:aws:s3:::b/k", "--principal", "arn:aws:iam::111122223333:user/alice");

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("dashed.json statement Read-Objects: Sid 'Read-Objects' has characters"
                + " other than ASCII letters and digits, which IAM refuses in an identity policy");
        assertThat(bucketOnly.exitCode()).as(bucketOnly.err()).isZero();
    }

    @Test
    void aDocumentNestedPastTheLimitSaysSoInsteadOfNotValidJson() throws IOException {
        String deep = write("deep.json", policy(statement("Read", GET)).replaceFirst("\\}$", ", \"Id\": "
                + "[".repeat(5000) + "]".repeat(5000) + "}"));

        CliRun run = CliRun.of("policy", "simulate", "--policy-file", deep, "--action", "s3:GetObject",
                "--resource", "arn:aws:s3:::b/k");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("too deeply nested to read").contains("nested deeper than 255 levels")
                .doesNotContain("not valid JSON");
    }
}
