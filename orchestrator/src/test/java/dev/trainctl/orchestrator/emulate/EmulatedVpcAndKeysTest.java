package dev.trainctl.orchestrator.emulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.TrainctlException;
import dev.trainctl.orchestrator.fakes.PolicyEdits;
import dev.trainctl.orchestrator.iam.ParsedPolicy;
import dev.trainctl.orchestrator.jobsecurity.JobSecurity;
import dev.trainctl.orchestrator.names.ResourceNames;
import dev.trainctl.orchestrator.policy.ExecutionRolePolicies;
import dev.trainctl.orchestrator.roles.KeyPolicies;
import dev.trainctl.orchestrator.s3serve.EmbeddedS3;
import dev.trainctl.training.data.DataFiles;
import dev.trainctl.training.data.Dataset;
import dev.trainctl.training.data.IdxBytes;
import dev.trainctl.training.sagemaker.JobHyperparameters;
import dev.trainctl.training.train.DeviceChoice;
import dev.trainctl.training.train.Hyperparameters;
import dev.trainctl.training.train.SyntheticDigits;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An emulated job in a private VPC with an output and a volume key needs what a real one needs, as the role: its
 * network interfaces (ec2, over the role's policies) before the container starts, the volume key's grant, and the
 * output key for every S3 read and write (over the role's policies and the key's policy). Each permission both ways:
 * with the provisioned role the job completes; without it, it fails naming the action.
 */
class EmulatedVpcAndKeysTest {

    static final ResourceNames NAMES = ResourceNames.of("aws", "123456789012", "eu-west-1", "trainctl-mnist");
    static final String KEY = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    static final String VOLUME_KEY = "arn:aws:kms:eu-west-1:123456789012:key/0000abcd-12ab-34cd-56ef-1234567890ab";
    static final JobSecurity SECURITY = JobSecurity.of(Optional.of("subnet-0123456789abcdef0"),
            Optional.of("sg-0123456789abcdef0"), Optional.of(KEY), Optional.of(VOLUME_KEY));
    private static final JobHyperparameters ONE_EPOCH = new JobHyperparameters(new Hyperparameters(1, 32, 1e-3, 7,
            16), JobHyperparameters.CUSTOM_DATASET, 0, DeviceChoice.CPU);

    @TempDir
    static Path temp;

    private static EmbeddedS3 server;
    private static S3Client s3;
    private static List<Path> files;
    private static final List<String> log = new ArrayList<>();
    private static EmulatedTraining.Result provisioned;

    @BeforeAll
    static void runWithTheProvisionedRole() throws Exception {
        server = EmbeddedS3.start(temp.resolve("s3"), "127.0.0.1", 0);
        s3 = server.client();
        s3.createBucket(b -> b.bucket(NAMES.bucket()));
        Path data = temp.resolve("data");
        DataFiles mnist = Dataset.MNIST.files();
        IdxBytes.writeAll(data, mnist, SyntheticDigits.generate(300, 1), SyntheticDigits.generate(50, 2));
        files = mnist.all().stream().map(file -> data.resolve(file.name())).toList();
        provisioned = training(JobRoleDocuments.provisioned(NAMES, SECURITY), defaultKeyPolicies(), log::add)
                .run(plan("trainctl-mnist-20261201-110000-000"));
    }

    @AfterAll
    static void stop() {
        s3.close();
        server.close();
    }

    @Test
    void withTheProvisionedRoleTheJobCompletesAndSaysWhatWasAuthorized() {
        assertThat(provisioned.containerRuns()).isEqualTo(1);
        assertThat(log).anyMatch(l -> l.startsWith("network interfaces in subnets subnet-0123456789abcdef0 with security"
                + " groups sg-0123456789abcdef0 authorized as the role"))
                .anyMatch(l -> l.contains("routes, VPC endpoints and security group rules are not emulated"))
                .anyMatch(l -> l.startsWith("storage volume encrypted with " + VOLUME_KEY));
    }

    @ParameterizedTest(name = "without {0}: {1} is denied")
    @CsvSource({
        "DescribeTheJobNetwork, ec2:DescribeNetworkInterfaces, Could not create the job's network interfaces in the VPC",
        "CreateJobNetworkInterfaces, ec2:CreateNetworkInterface, Could not create the job's network interfaces in the VPC",
        "LetSageMakerAttachJobNetworkInterfaces, ec2:CreateNetworkInterfacePermission, Could not create the job's"
                + " network interfaces in the VPC",
        "DeleteJobNetworkInterfaces, ec2:DeleteNetworkInterfacePermission, Could not create the job's network"
                + " interfaces in the VPC",
        "UseTheVolumeKeyForTheJobsVolume, kms:CreateGrant, Could not encrypt the job's storage volume with the"
                + " volume key",
        "UseTheBucketKmsKey, kms:Decrypt, Data download failed"})
    void aRoleWithoutTheStatementFailsTheJobBeforeTheContainerStartsNamingTheAction(String sid, String action,
            String stage) {
        JobRoleDocuments role = permissions(PolicyEdits.withoutStatement(ExecutionRolePolicies.permissions(NAMES,
                SECURITY).toJson(), sid));

        assertThatThrownBy(() -> training(role, defaultKeyPolicies(), line -> { }).run(plan(
                "trainctl-mnist-20261201-110100-000")))
                .isInstanceOfSatisfying(TrainctlException.class, e -> assertThat(e.exitCode())
                        .isEqualTo(ExitCode.JOB_FAILED))
                .hasMessageContaining("ClientError: " + stage)
                .hasMessageContaining("User: arn:aws:sts::123456789012:assumed-role/trainctl-mnist-execution/SageMaker"
                        + " is not authorized to perform: " + action)
                .hasMessageContaining("The statement that would allow it: trainctl-mnist-training-job " + sid);
    }

    @Test
    void aRoleThatMayNotEncryptTheOutputFailsAtTheModelUpload() {
        JobRoleDocuments role = permissions(PolicyEdits.withoutStatement(ExecutionRolePolicies.permissions(NAMES,
                SECURITY).toJson(), "EncryptWithTheOutputKey"));
        String job = "trainctl-mnist-20261201-110200-000";

        assertThatThrownBy(() -> training(role, defaultKeyPolicies(), line -> { }).run(plan(job)))
                .hasMessageContaining("ClientError: Uploading the model artifact failed: AccessDeniedException: User:")
                .hasMessageContaining("kms:Encrypt on resource: \"" + KEY + "\"")
                .hasMessageContaining("trainctl-mnist-training-job EncryptWithTheOutputKey");
        assertThat(s3.listObjectsV2(b -> b.bucket(NAMES.bucket()).prefix("trainctl-mnist/output/" + job + "/"))
                .contents()).isEmpty();
    }

    @Test
    void aKeyPolicyThatDoesNotLetTheRoleInFailsTheJobEvenThoughIamAllows() {
        String otherPrincipalOnly = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\","
                + " \"Principal\": {\"AWS\": \"arn:aws:iam::123456789012:role/someone-else\"}, \"Action\": \"kms:*\","
                + " \"Resource\": \"*\"}]}";
        JobKeys keys = new JobKeys(SECURITY, Map.of(KEY, ParsedPolicy.parse("key policy of " + KEY,
                otherPrincipalOnly), VOLUME_KEY, defaultKeyPolicy()));

        assertThatThrownBy(() -> training(JobRoleDocuments.provisioned(NAMES, SECURITY), keys, line -> { })
                .run(plan("trainctl-mnist-20261201-110300-000")))
                .hasMessageContaining("ClientError: Data download failed: AccessDenied (403): User: arn:aws:sts::"
                        + "123456789012:assumed-role/trainctl-mnist-execution/SageMaker is not authorized to perform:"
                        + " kms:Decrypt on resource: " + KEY + " because no resource-based policy allows the"
                        + " kms:Decrypt action.")
                .hasMessageContaining("The key policy of " + KEY + " must allow the role too");
    }

    @Test
    void kmsRequestsThroughAnotherServiceThanS3AreNotWhatTheRoleAllows() {
        // The role's UseTheBucketKmsKey is limited to kms:ViaService = s3.eu-west-1.amazonaws.com: the same decrypt
        // made directly (no ViaService) is denied, which is what keeps the key's use to SSE-KMS.
        RoleSession session = EmulatedTraining.Role.of(JobRoleDocuments.provisioned(NAMES, SECURITY), NAMES,
                defaultKeyPolicies()).session("trainctl-mnist-20261201-110400-000", s3, Optional.empty());
        assertThat(dev.trainctl.orchestrator.iam.PolicyEvaluator.evaluate(defaultKeyPolicies().forKey(
                JobRoleDocuments.provisioned(NAMES, SECURITY), SECURITY.outputKey().orElseThrow()),
                new dev.trainctl.orchestrator.iam.Request("kms:Decrypt", KEY, Optional.of(session.principal()),
                        Map.of("kms:CallerAccount", List.of("123456789012")))).allowed()).isFalse();
    }

    private static EmulatedTraining training(JobRoleDocuments documents, JobKeys keys,
            java.util.function.Consumer<String> out) {
        return new EmulatedTraining(s3, EmulatedTraining.Role.of(documents, NAMES, keys), EntryPointProcess.current(),
                out);
    }

    private static EmulatedTraining.Plan plan(String job) {
        return new EmulatedTraining.Plan(job, NAMES.bucket(), Optional.empty(), NAMES.name(), files, ONE_EPOCH,
                temp.resolve("work"), false, Optional.empty(), true);
    }

    private static JobKeys defaultKeyPolicies() {
        return new JobKeys(SECURITY, Map.of(KEY, defaultKeyPolicy(), VOLUME_KEY, defaultKeyPolicy()));
    }

    private static ParsedPolicy defaultKeyPolicy() {
        return ParsedPolicy.parse("default key policy", KeyPolicies.defaultPolicy("aws", "123456789012"));
    }

    private static JobRoleDocuments permissions(String policy) {
        JobRoleDocuments provisioned = JobRoleDocuments.provisioned(NAMES, SECURITY);
        return new JobRoleDocuments(provisioned.roleArn(), "test", provisioned.trust(),
                List.of(ParsedPolicy.parse(NAMES.inlinePolicyName(), policy)), Optional.empty(),
                provisioned.bucketPolicy());
    }

}
