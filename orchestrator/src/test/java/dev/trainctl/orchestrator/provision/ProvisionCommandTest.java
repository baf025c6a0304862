package dev.trainctl.orchestrator.provision;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.fakes.AwsFaults;
import dev.trainctl.orchestrator.fakes.Cli;
import dev.trainctl.orchestrator.fakes.FakeIam;
import dev.trainctl.orchestrator.policy.ExecutionRolePolicies;
import dev.trainctl.orchestrator.policy.ServingRolePolicies;
import dev.trainctl.orchestrator.roles.PolicyJson;
import dev.trainctl.orchestrator.names.ResourceNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.iam.model.CreateRoleRequest;
import software.amazon.awssdk.services.iam.model.PutRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.UpdateAssumeRolePolicyRequest;

class ProvisionCommandTest {

    static final ResourceNames NAMES = ResourceNames.of("aws", "123456789012", "us-east-1", "trainctl-mnist");

    final Cli cli = new Cli();
    final List<Duration> sleeps = new ArrayList<>();
    final ProvisionCommand command = new ProvisionCommand(cli.clients(), sleeps::add, Duration.ofSeconds(10));

    @Test
    void firstRunCreatesRolesBucketAndRepositoryInOrder() {
        int code = cli.run(command, "provision");

        assertThat(code).as(cli.err).isEqualTo(0);
        assertThat(cli.mutatingOperations()).containsExactly("CreatePolicy", "CreateRole", "PutRolePolicy",
                "CreateRole", "PutRolePolicy", "CreateBucket", "PutPublicAccessBlock", "PutBucketEncryption", "PutBucketPolicy", "PutBucketTagging",
                "CreateRepository");
        CreateRoleRequest create = cli.iam.recorder.of(CreateRoleRequest.class).get(0);
        assertThat(PolicyJson.equivalent(ExecutionRolePolicies.trust(NAMES), create.assumeRolePolicyDocument())).isTrue();
        assertThat(create.maxSessionDuration()).isEqualTo(3600);
        assertThat(create.description()).contains("managed by trainctl");
        assertThat(create.tags()).extracting(t -> t.key() + "=" + t.value())
                .containsExactly("managed-by=trainctl", "trainctl:name=trainctl-mnist");
        PutRolePolicyRequest inline = cli.iam.recorder.of(PutRolePolicyRequest.class).get(0);
        assertThat(PolicyJson.equivalent(ExecutionRolePolicies.permissions(NAMES), inline.policyDocument())).isTrue();
        assertThat(cli.out).contains("done: 11 change(s) applied");
        CreateRoleRequest serving = cli.iam.recorder.of(CreateRoleRequest.class).get(1);
        assertThat(serving.roleName()).isEqualTo(NAMES.servingRoleName());
        assertThat(serving.permissionsBoundary()).isEqualTo(create.permissionsBoundary());
        assertThat(PolicyJson.equivalent(ServingRolePolicies.trust(NAMES), serving.assumeRolePolicyDocument()))
                .isTrue();
        PutRolePolicyRequest servingInline = cli.iam.recorder.of(PutRolePolicyRequest.class).get(1);
        assertThat(PolicyJson.equivalent(ServingRolePolicies.permissions(NAMES), servingInline.policyDocument()))
                .isTrue();
    }

    @Test
    void aNewRoleIsWaitedForBeforeTheNextStep() {
        cli.run(command, "provision");

        assertThat(sleeps).containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(10));
        // The waiter looked the role up after creating it and before the bucket was touched.
        List<String> iamOps = cli.iam.recorder.all().stream().map(r -> r.getClass().getSimpleName()).toList();
        assertThat(iamOps.subList(iamOps.indexOf("CreateRoleRequest"), iamOps.size())).contains("GetRoleRequest");
    }

    @Test
    void secondRunSendsNoMutatingRequestAndSaysNoChanges() {
        cli.run(command, "provision");
        cli.clearRecords();
        sleeps.clear();

        int code = cli.run(command, "provision");

        assertThat(code).isEqualTo(0);
        assertThat(cli.mutatingOperations()).isEmpty();
        assertThat(cli.out).contains("no changes");
        assertThat(sleeps).isEmpty();
    }

    @Test
    void theRoleIsCreatedWithTrainctlsBoundaryHoldingExactlyTheRolesPermissions() {
        cli.run(command, "provision");

        CreateRoleRequest create = cli.iam.recorder.of(CreateRoleRequest.class).get(0);
        assertThat(create.permissionsBoundary()).isEqualTo(NAMES.boundaryPolicyArn());
        FakeIam.StoredPolicy boundary = cli.iam.policies.get(NAMES.boundaryPolicyArn());
        assertThat(PolicyJson.equivalent(ExecutionRolePolicies.boundary(NAMES, java.util.Optional.empty()),
                boundary.document())).isTrue();
        assertThat(boundary.tags).extracting(t -> t.key() + "=" + t.value())
                .containsExactly("managed-by=trainctl", "trainctl:name=trainctl-mnist");
    }

    @Test
    void aBoundaryChangedByHandIsRepairedAsANewDefaultVersion() {
        cli.run(command, "provision");
        FakeIam.StoredPolicy boundary = cli.iam.policies.get(NAMES.boundaryPolicyArn());
        boundary.versions.put("v1", FakeIam.encode("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
                + "\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"));
        cli.clearRecords();

        cli.run(command, "provision");

        assertThat(cli.mutatingOperations()).containsExactly("CreatePolicyVersion");
        assertThat(cli.out).contains("repair the permissions boundary").contains("an administrator's step");
        assertThat(PolicyJson.equivalent(ExecutionRolePolicies.boundary(NAMES, java.util.Optional.empty()),
                boundary.document())).isTrue();
    }

    @Test
    void anOrganisationsOwnBoundaryIsUsedInsteadOfTrainctls() {
        String theirs = "arn:aws:iam::123456789012:policy/org-boundary";

        cli.run(command, "provision", "--permissions-boundary", theirs);

        assertThat(cli.mutatingOperations()).doesNotContain("CreatePolicy");
        assertThat(cli.iam.recorder.of(CreateRoleRequest.class).get(0).permissionsBoundary()).isEqualTo(theirs);
    }

    @Test
    void trustPolicyChangedByHandIsShownAsADiffAndRepaired() {
        cli.run(command, "provision");
        FakeIam.StoredRole role = cli.iam.roles.get(NAMES.roleName());
        role.trust = FakeIam.encode(PolicyJson.decode(role.trust).replace("123456789012", "999999999999"));
        cli.clearRecords();

        cli.run(command, "provision");

        assertThat(cli.mutatingOperations()).containsExactly("UpdateAssumeRolePolicy");
        assertThat(cli.out).contains("repair the trust policy");
        assertThat(cli.out.lines().filter(l -> l.trim().startsWith("- ")))
                .anyMatch(l -> l.contains("\"999999999999\"")).noneMatch(l -> l.contains("123456789012"));
        assertThat(cli.out.lines().filter(l -> l.trim().startsWith("+ ")))
                .anyMatch(l -> l.contains("\"123456789012\"")).noneMatch(l -> l.contains("999999999999"));
        UpdateAssumeRolePolicyRequest update = cli.iam.recorder.of(UpdateAssumeRolePolicyRequest.class).get(0);
        assertThat(PolicyJson.equivalent(ExecutionRolePolicies.trust(NAMES), update.policyDocument())).isTrue();
    }

    @Test
    void widenedInlinePolicyAndHandAttachedPoliciesAreRepaired() {
        cli.run(command, "provision");
        FakeIam.StoredRole role = cli.iam.roles.get(NAMES.roleName());
        role.inline.put(NAMES.inlinePolicyName(), FakeIam.encode(PolicyJson.decode(role.inline.get(
                NAMES.inlinePolicyName())).replace("\"s3:GetObject\"", "\"s3:*\"")));
        role.inline.put("debugging", FakeIam.encode("{\"Statement\":[]}"));
        role.attached.put("arn:aws:iam::aws:policy/AdministratorAccess", "AdministratorAccess");
        cli.clearRecords();

        cli.run(command, "provision");

        assertThat(cli.mutatingOperations()).containsExactly("PutRolePolicy", "DeleteRolePolicy", "DetachRolePolicy");
        assertThat(cli.out.lines().filter(l -> l.trim().startsWith("- "))).anyMatch(l -> l.contains("\"s3:*\""))
                .anyMatch(l -> l.contains("AdministratorAccess"));
        cli.clearRecords();
        cli.run(command, "provision");
        assertThat(cli.mutatingOperations()).isEmpty();
    }

    @Test
    void loosenedRepositoryIsRepaired() {
        cli.run(command, "provision");
        cli.ecr.loosen("trainctl-mnist");
        cli.clearRecords();

        cli.run(command, "provision");

        assertThat(cli.mutatingOperations()).containsExactly("PutImageScanningConfiguration", "PutImageTagMutability");
    }

    @Test
    void dryRunSendsNoMutatingRequestAndPrintsEveryRequestAsJson() {
        int code = cli.run(command, "provision", "--dry-run");

        assertThat(code).isEqualTo(0);
        assertThat(cli.mutatingOperations()).isEmpty();
        assertThat(cli.iam.recorder.all()).as("read-only calls still run").isNotEmpty();
        assertThat(cli.out).contains("\"operation\": \"CreateRole\"").contains("\"operation\": \"PutBucketPolicy\"")
                .contains("\"service\": \"ecr\"").contains("nothing was sent");
        assertThat(sleeps).isEmpty();
    }

    @Test
    void dryRunWithoutCredentialsUsesAPlaceholderAccountAndSaysSo() {
        cli.sts.failingWith(SdkClientException.create("Unable to load credentials from any of the providers"));

        int code = cli.run(command, "provision", "--dry-run");

        assertThat(code).isEqualTo(0);
        assertThat(cli.err).contains("no AWS credentials: account 111122223333 is a placeholder");
        assertThat(cli.out).contains("trainctl-111122223333-us-east-1");
        assertThat(cli.iam.recorder.all()).isEmpty();
        assertThat(cli.s3.recorder.all()).isEmpty();
    }

    @Test
    void withoutCredentialsARealRunFailsWithTheCredentialsExitCode() {
        cli.sts.failingWith(SdkClientException.create("Unable to load credentials from any of the providers"));

        int code = cli.run(command, "provision");

        assertThat(code).isEqualTo(ExitCode.AWS_CREDENTIALS.code());
        assertThat(cli.err).contains("no AWS credentials found");
    }

    @Test
    void jsonOutputCarriesRoleBucketRepositoryAndChanges() {
        int code = cli.run(command, "provision", "--output", "json");

        assertThat(code).isEqualTo(0);
        JsonObject json = JsonParser.parseString(cli.out).getAsJsonObject();
        assertThat(json.get("role_arn").getAsString()).isEqualTo(NAMES.roleArn());
        assertThat(json.get("bucket").getAsString()).isEqualTo("trainctl-123456789012-us-east-1");
        assertThat(json.get("repository").getAsString()).isEqualTo("trainctl-mnist");
        assertThat(json.get("repository_uri").getAsString())
                .isEqualTo("123456789012.dkr.ecr.us-east-1.amazonaws.com/trainctl-mnist");
        assertThat(json.get("changed").getAsBoolean()).isTrue();
        assertThat(json.getAsJsonArray("changes")).hasSize(11);
        JsonObject first = json.getAsJsonArray("changes").get(0).getAsJsonObject();
        assertThat(first.get("kind").getAsString()).isEqualTo("create");
        assertThat(first.getAsJsonObject("call").get("operation").getAsString()).isEqualTo("CreatePolicy");
        assertThat(json.getAsJsonArray("warnings")).isEmpty();
    }

    @Test
    void aRoleOfTheSameNameNotCreatedByTrainctlIsAConflictAndLeftAlone() {
        FakeIam.StoredRole foreign = new FakeIam.StoredRole();
        foreign.trust = FakeIam.encode("{}");
        cli.iam.roles.put(NAMES.roleName(), foreign);

        int code = cli.run(command, "provision");

        assertThat(code).isEqualTo(ExitCode.AWS_CONFLICT.code());
        assertThat(cli.err).contains("not managed by trainctl");
        assertThat(cli.mutatingOperations()).isEmpty();
    }

    @Test
    void aBucketOwnedByAnotherAccountIsAConflictNeverUsed() {
        cli.s3.exists = true;
        cli.s3.otherOwner = true;

        int code = cli.run(command, "provision");

        assertThat(code).isEqualTo(ExitCode.AWS_CONFLICT.code());
        assertThat(cli.err).contains("not owned by account 123456789012");
        assertThat(cli.s3.recorder.mutating()).isEmpty();
    }

    /** The default bucket is shared: another name's provision changes nothing of it and says what it lacks. */
    @Test
    void aBucketTrainctlManagesForAnotherNameIsUsedAsIsAndNeverChanged() {
        assertThat(cli.run(command, "provision")).isZero();
        cli.s3.policy = null;
        cli.clearRecords();

        int code = cli.run(command, "provision", "--name", "trainctl-other");

        assertThat(code).as(cli.err).isZero();
        assertThat(cli.s3.recorder.mutating()).isEmpty();
        assertThat(cli.out).doesNotContain("repair: bucket policy");
        assertThat(cli.err).contains("WARNING: bucket trainctl-123456789012-us-east-1 is managed by trainctl for "
                + "'trainctl-mnist'; used as is, not changed").contains("It lacks: repair: bucket policy denying every"
                + " request that does not use TLS").contains("Run 'trainctl provision --name trainctl-mnist'");
    }

    @Test
    void accessDeniedNamesTheActionAndExitsWithItsCode() {
        cli.iam.failingWith(AwsFaults.error(403, "AccessDenied", "User: arn:aws:iam::123456789012:user/alice is not "
                + "authorized to perform: iam:GetRole on resource: role trainctl-mnist-execution"));

        int code = cli.run(command, "provision");

        assertThat(code).isEqualTo(ExitCode.AWS_ACCESS_DENIED.code());
        assertThat(cli.err).contains("iam:GetRole").contains("trainctl policy show caller");
    }

    @Test
    void badKmsKeyIsAUsageError() {
        int code = cli.run(command, "provision", "--kms-key", "alias/mine");

        assertThat(code).isEqualTo(ExitCode.USAGE.code());
        assertThat(cli.err).contains("--kms-key must be a KMS key ARN");
    }
}
