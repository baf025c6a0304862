package dev.trainctl.orchestrator.emulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainctl.orchestrator.aws.AwsErrors;
import dev.trainctl.orchestrator.cli.CliRun;
import dev.trainctl.orchestrator.cli.Console;
import dev.trainctl.orchestrator.cli.OutputFormat;
import dev.trainctl.orchestrator.fakes.AwsFaults;
import dev.trainctl.orchestrator.fakes.FakeIam;
import dev.trainctl.orchestrator.fakes.FakeS3;
import dev.trainctl.orchestrator.policy.BucketPolicy;
import dev.trainctl.orchestrator.policy.ExecutionRolePolicies;
import dev.trainctl.orchestrator.names.ResourceNames;
import dev.trainctl.orchestrator.roles.PolicyDocument;
import dev.trainctl.orchestrator.roles.RoleArn;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.model.IamException;

class RoleDocumentsSourceTest {

    private static final ResourceNames NAMES = ResourceNames.of("aws", "111122223333", "us-east-1", "trainctl-mnist")
            .withBucket("trainctl-local");

    private static final String MINE = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\","
            + " \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}]}";

    private static AwsServiceException answer(int status, String code) {
        return IamException.builder().statusCode(status).awsErrorDetails(AwsErrorDetails.builder().errorCode(code)
                .build()).build();
    }

    @Test
    void anEndpointThatAnswersIamWithNotImplementedAServerErrorOrAnS3ErrorHasNoIam() {
        assertThat(AwsErrors.isServiceMissing(answer(501, "NotImplemented"))).isTrue();
        assertThat(AwsErrors.isServiceMissing(answer(503, "ServiceUnavailable"))).isTrue();
        assertThat(AwsErrors.isServiceMissing(answer(400, null))).isTrue();
        assertThat(AwsErrors.isServiceMissing(answer(400, "InvalidAction"))).isTrue();
    }

    @Test
    void iamsOwnAnswersAreNotMistakenForNoIam() {
        assertThat(AwsErrors.isServiceMissing(answer(404, "NoSuchEntity"))).isFalse();
        assertThat(AwsErrors.isServiceMissing(answer(403, "AccessDenied"))).isFalse();
        assertThat(AwsErrors.isServiceMissing(answer(403, null))).isFalse();
    }

    @Test
    void filesReplaceTheTrustOrThePermissionsAndTheSourceSaysWhich() {
        JobRoleDocuments provisioned = JobRoleDocuments.provisioned(NAMES);
        PolicyDocument policy = PolicyDocument.inline("mine.json", MINE);

        JobRoleDocuments overridden = provisioned.overriddenBy(Optional.empty(), List.of(policy));

        assertThat(overridden.permissions()).extracting(p -> p.name()).containsExactly("mine.json");
        assertThat(overridden.boundary()).isEmpty();
        assertThat(overridden.trust()).isEqualTo(provisioned.trust());
        assertThat(overridden.bucketPolicy()).isEqualTo(provisioned.bucketPolicy());
        assertThat(overridden.source()).startsWith("permissions from mine.json (no boundary); otherwise the"
                + " documents 'trainctl provision' creates");
    }

    @Test
    void withIamTheRolesOwnDocumentsAndTheBucketsPolicyAreUsed() {
        FakeIam iam = new FakeIam();
        FakeIam.StoredRole role = new FakeIam.StoredRole();
        role.trust = ExecutionRolePolicies.trust(NAMES).toJson();
        role.inline.put("handwritten", MINE);
        iam.roles.put(NAMES.roleName(), role);
        FakeS3 s3 = bucket();
        s3.policy = BucketPolicy.document(NAMES).toJson();

        JobRoleDocuments documents = resolve(iam, s3);

        assertThat(documents.source()).startsWith("the role's documents in IAM (" + NAMES.roleArn() + ")");
        assertThat(documents.permissions()).extracting(p -> p.name()).containsExactly("handwritten");
        assertThat(documents.boundary()).isEmpty();
        assertThat(documents.bucketPolicy()).isPresent();
    }

    @Test
    void aBucketPolicyTheServerCannotKeepIsTheOneProvisionSets() {
        FakeIam iam = new FakeIam();
        FakeIam.StoredRole role = new FakeIam.StoredRole();
        role.trust = ExecutionRolePolicies.trust(NAMES).toJson();
        iam.roles.put(NAMES.roleName(), role);
        FakeS3 s3 = bucket();
        s3.notImplemented.add("GetBucketPolicy");

        assertThat(resolve(iam, s3).bucketPolicy()).isEqualTo(JobRoleDocuments.provisioned(NAMES).bucketPolicy());
    }

    @Test
    void anEndpointWithoutIamGetsTheProvisionedDocuments() {
        FakeIam iam = new FakeIam().failingWith(AwsFaults.notImplemented());

        JobRoleDocuments documents = resolve(iam, bucket());

        assertThat(documents.source()).startsWith("the documents 'trainctl provision' creates");
        assertThat(documents.permissions()).isEqualTo(JobRoleDocuments.provisioned(NAMES).permissions());
    }

    @Test
    void aRoleThatDoesNotExistSaysHowToRehearseItBeforeItDoes() {
        assertThatThrownBy(() -> resolve(new FakeIam(), bucket()))
                .hasMessageContaining("the execution role " + NAMES.roleArn() + " does not exist")
                .hasMessageContaining("--trust-policy-file and --role-policy-file");
    }

    private static FakeS3 bucket() {
        FakeS3 s3 = new FakeS3(NAMES.account());
        s3.exists = true;
        return s3;
    }

    private static JobRoleDocuments resolve(FakeIam iam, FakeS3 s3) {
        Console console = new Console(new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream()), OutputFormat.TEXT, false);
        return RoleDocumentsSource.resolve(Optional.of(iam), s3, NAMES, RoleArn.parse(NAMES.roleArn()),
                Optional.of(NAMES.account()), Optional.empty(), List.of(),
                dev.trainctl.orchestrator.jobsecurity.JobSecurity.none(), console);
    }

    @Test
    void aPolicyFileTheEvaluatorCannotEvaluateIsRefusedBeforeAnythingRuns(@TempDir Path temp) throws Exception {
        Path file = Files.writeString(temp.resolve("regex.json"), "{\"Version\": \"2012-10-17\", \"Statement\": [{"
                + "\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\", \"Condition\":"
                + " {\"StringMatchesRegex\": {\"s3:prefix\": \"x\"}}}]}");
        Path broken = Files.writeString(temp.resolve("broken.json"), "{not json");

        CliRun unsupported = CliRun.of("train", "--on", "emulated", "--role-policy-file", file.toString());
        CliRun invalid = CliRun.of("train", "--on", "emulated", "--trust-policy-file", broken.toString());

        assertThat(unsupported.exitCode()).isEqualTo(2);
        assertThat(unsupported.err()).contains("trainctl: the emulation cannot evaluate the role's documents:"
                + " regex.json statement #1: condition operator StringMatchesRegex is not supported")
                .doesNotContain("embedded S3");
        assertThat(invalid.exitCode()).isEqualTo(2);
        assertThat(invalid.err()).contains("--trust-policy-file " + broken + ": not valid JSON");
    }

    @Test
    void anInterruptionWithoutSpotIsAUsageError() {
        CliRun run = CliRun.of("train", "--on", "emulated", "--interrupt-at-epoch", "1");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--interrupt-at-epoch only applies with --spot");
    }
}
