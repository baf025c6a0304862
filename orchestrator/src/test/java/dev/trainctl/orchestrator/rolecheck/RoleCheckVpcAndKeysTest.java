package dev.trainctl.orchestrator.rolecheck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainctl.orchestrator.fakes.PolicyEdits;
import dev.trainctl.orchestrator.jobsecurity.JobSecurity;
import dev.trainctl.orchestrator.policy.CallerPolicy;
import dev.trainctl.orchestrator.policy.ExecutionRolePolicies;
import dev.trainctl.orchestrator.roles.KeyPolicies;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code role check} for a job in a private VPC with an output and a volume key: the ec2 and kms requests the job makes
 * as the role are simulated (each both ways), each key's policy is evaluated as a resource policy that must let the
 * role in, ec2 grants without a VPC are flagged, and the caller's documents are linted for escalation paths.
 */
class RoleCheckVpcAndKeysTest {

    static final String SUBNET = "subnet-0123456789abcdef0";
    static final String GROUP = "sg-0123456789abcdef0";
    static final String KEY = "arn:aws:kms:" + Corpus.REGION + ":" + Corpus.ACCOUNT
            + ":key/1234abcd-12ab-34cd-56ef-1234567890ab";
    static final String VOLUME_KEY = "arn:aws:kms:" + Corpus.REGION + ":" + Corpus.ACCOUNT
            + ":key/0000abcd-12ab-34cd-56ef-1234567890ab";
    static final JobSecurity SECURITY = JobSecurity.of(Optional.of(SUBNET), Optional.of(GROUP), Optional.of(KEY),
            Optional.of(VOLUME_KEY));

    @TempDir
    Path temp;

    @Test
    void theRoleProvisionedForTheVpcAndKeysPassesWithTheKeysPoliciesChecked() throws Exception {
        RoleCheckCommandTest.Run run = check(ExecutionRolePolicies.permissions(Corpus.NAMES, SECURITY).toJson(),
                defaultKeyPolicy(), "--caller-policy-file", write("caller.json", CallerPolicy.document(Corpus.NAMES,
                        new CallerPolicy.Options(CallerPolicy.DEFAULT_INSTANCE_TYPES,
                                CallerPolicy.DEFAULT_MAX_RUNTIME_SECONDS, SECURITY)).toJson()).toString(), "--role-trust-file",
                Corpus.NAMES.servingRoleArn() + "=" + write("serving-trust.json", Corpus.servingTrust().json()));

        assertThat(run.code()).as(run.out()).isZero();
        assertThat(run.out()).containsPattern("simulate.required +PASS +all 29 actions a training job needs")
                .containsPattern("key.policy +PASS +the key policy of " + KEY + " lets the role use it \\(kms:Decrypt,"
                        + " kms:GenerateDataKey, kms:Encrypt;")
                .containsPattern("key.policy +PASS +the key policy of " + VOLUME_KEY + " lets the role use it"
                        + " \\(kms:CreateGrant;")
                .containsPattern("lint.ec2-without-vpc +PASS +the job runs in a VPC")
                .containsPattern("caller.escalation +PASS +one bounded path, the intended one: iam:PassRole \\+"
                        + " sagemaker:CreateTrainingJob reaches only arn:aws:iam::" + Corpus.ACCOUNT)
                .containsPattern("ec2:CreateNetworkInterface +arn:aws:ec2:us-east-1:" + Corpus.ACCOUNT + ":subnet/"
                        + SUBNET + " +\\[ec2:Region=us-east-1\\]")
                .doesNotContain(" WARN ").doesNotContain(" FAIL ");
    }

    @ParameterizedTest(name = "without {0}: {1} fails")
    @CsvSource({
        "CreateJobNetworkInterfaces, ec2:CreateNetworkInterface",
        "LetSageMakerAttachJobNetworkInterfaces, ec2:CreateNetworkInterfacePermission",
        "DeleteJobNetworkInterfaces, ec2:DeleteNetworkInterface",
        "DescribeTheJobNetwork, ec2:DescribeSubnets",
        "UseTheVolumeKeyForTheJobsVolume, kms:CreateGrant",
        "UseTheBucketKmsKey, kms:GenerateDataKey",
        "EncryptWithTheOutputKey, kms:Encrypt"})
    void aRoleWithoutTheStatementFailsNamingTheActionAndTheStatementToAdd(String sid, String action) throws Exception {
        RoleCheckCommandTest.Run run = check(PolicyEdits.withoutStatement(ExecutionRolePolicies.permissions(Corpus.NAMES, SECURITY).toJson(),
                sid), defaultKeyPolicy());

        assertThat(run.code()).isEqualTo(11);
        assertThat(run.out()).containsPattern("simulate.required +FAIL +" + action + " on ")
                .contains("\"Sid\":\"" + sid + "\"");
    }

    @Test
    void aKeyPolicyThatDoesNotLetTheRoleInFailsEvenThoughIamAllows() throws Exception {
        String otherPrincipal = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\":"
                + " {\"AWS\": \"arn:aws:iam::" + Corpus.ACCOUNT + ":role/someone-else\"}, \"Action\": \"kms:*\","
                + " \"Resource\": \"*\"}]}";
        RoleCheckCommandTest.Run run = check(ExecutionRolePolicies.permissions(Corpus.NAMES, SECURITY).toJson(),
                otherPrincipal);

        assertThat(run.code()).isEqualTo(11);
        assertThat(run.out()).containsPattern("key.policy +FAIL +kms:Decrypt on " + KEY + " \\(.*\\) is denied: the key"
                + " policy does not allow it")
                .contains("add to the key policy {\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"arn:aws:iam::"
                        + Corpus.ACCOUNT + ":role/trainctl-mnist-execution\"}, \"Action\": \"kms:Decrypt\"");
    }

    @Test
    void withoutAKeyPolicyTheKeysSideIsAWarningNotAPass() throws Exception {
        RoleCheckCommandTest.Run run = run(write("role.json", ExecutionRolePolicies.permissions(Corpus.NAMES, SECURITY)
                .toJson()), List.of("--subnets", SUBNET, "--security-group-ids", GROUP, "--kms-key", KEY));

        assertThat(run.code()).isZero();
        assertThat(run.out()).containsPattern("key.policy +WARN +the key policy of " + KEY + " was not read");
    }

    @Test
    void ec2GrantsOnARoleWhoseJobsUseNoVpcAreFlagged() throws Exception {
        RoleCheckCommandTest.Run run = run(write("role.json", ExecutionRolePolicies.permissions(Corpus.NAMES, SECURITY)
                .toJson()), List.of());

        assertThat(run.out()).containsPattern("lint.ec2-without-vpc +WARN +role.json / CreateJobNetworkInterfaces:"
                + " allows ec2:CreateNetworkInterface though the job runs in no VPC");
    }

    @Test
    void aCallerThatMayPassAnyRoleToSageMakerHasOpenEscalationPaths() throws Exception {
        RoleCheckCommandTest.Run run = run(write("role.json", ExecutionRolePolicies.permissions(Corpus.NAMES)
                .toJson()), List.of("--caller-policy-file", write("full.json",
                Corpus.read("amazon-sagemaker-full-access.json")).toString()));

        assertThat(run.code()).isEqualTo(11);
        assertThat(run.out()).containsPattern("caller.escalation +FAIL +iam:PassRole \\+ sagemaker:CreateTrainingJob"
                + " \\(pathfinding.cloud sagemaker-002\\)")
                .containsPattern("caller.escalation +FAIL +sagemaker:CreatePresignedNotebookInstanceUrl");
    }

    private RoleCheckCommandTest.Run check(String role, String keyPolicy, String... more) throws Exception {
        Path keyFile = write("key.json", keyPolicy);
        List<String> args = new ArrayList<>(List.of("--subnets", SUBNET, "--security-group-ids", GROUP, "--kms-key",
                KEY, "--volume-kms-key", VOLUME_KEY, "--key-policy-file", keyFile.toString(),
                "--volume-key-policy-file", keyFile.toString()));
        args.addAll(List.of(more));
        return run(write("role.json", role), args);
    }

    private RoleCheckCommandTest.Run run(Path role, List<String> more) throws Exception {
        List<String> args = new ArrayList<>(List.of("role", "check", "--trust-file", write("trust.json",
                ExecutionRolePolicies.trust(Corpus.NAMES).toJson()).toString(), "--policy-file", role.toString()));
        args.addAll(more);
        return RoleCheckCommandTest.run(new SimulatingIam(Corpus.ours()), args.toArray(String[]::new));
    }

    private static String defaultKeyPolicy() {
        return KeyPolicies.defaultPolicy("aws", Corpus.ACCOUNT);
    }


    private Path write(String name, String json) throws Exception {
        return Files.writeString(temp.resolve(name), json);
    }
}
