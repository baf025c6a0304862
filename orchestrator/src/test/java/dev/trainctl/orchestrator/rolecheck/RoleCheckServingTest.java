package dev.trainctl.orchestrator.rolecheck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainctl.orchestrator.policy.ExecutionRolePolicies;
import dev.trainctl.orchestrator.policy.ServingRolePolicies;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code role check --serving}: the serving role, with and without {@code --emulate}. */
class RoleCheckServingTest {

    @TempDir
    Path temp;

    private Path write(String name, String json) throws Exception {
        return Files.writeString(temp.resolve(name), json);
    }

    private RoleCheckCommandTest.Run check(Path trust, Path policy, String... more) {
        String[] args = new String[] {"role", "check", "--serving", "--role-arn", Corpus.NAMES.servingRoleArn(),
            "--trust-file", trust.toString(), "--policy-file", policy.toString(), "--region", Corpus.NAMES.region()};
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return RoleCheckCommandTest.run(new SimulatingIam(Corpus.ours()).denySimulation(), all);
    }

    @Test
    void theProvisionedServingRolePassesWhatAnEndpointNeedsAndDeniesTheRestWithAndWithoutEmulate() throws Exception {
        Path trust = write("trust.json", ServingRolePolicies.trust(Corpus.NAMES).toJson());
        Path policy = write("role.json", ServingRolePolicies.permissions(Corpus.NAMES).toJson());

        RoleCheckCommandTest.Run simulated = check(trust, policy);
        RoleCheckCommandTest.Run emulated = check(trust, policy, "--emulate");

        assertThat(simulated.code()).as(simulated.out()).isZero();
        assertThat(simulated.out()).contains("all 6 actions an endpoint of the name needs are allowed")
                .contains("probes of what it must not do are denied")
                .containsPattern("ok +deny +implicitDeny +s3:PutObject +arn:aws:s3:::" + Corpus.NAMES.bucket()
                        + "/trainctl-mnist/output/")
                .doesNotContain("FAIL");
        assertThat(emulated.code()).as(emulated.out()).isZero();
        assertThat(emulated.out()).containsPattern("emulate +PASS +emulated deploy as the role");
    }

    @Test
    void theServingRoleGivenToATrainingJobFailsAtAssumeRoleNamingItsTrustWithAndWithoutEmulate() throws Exception {
        Path trust = write("trust.json", ServingRolePolicies.trust(Corpus.NAMES).toJson());
        Path policy = write("role.json", ServingRolePolicies.permissions(Corpus.NAMES).toJson());
        String[] training = {"role", "check", "--role-arn", Corpus.NAMES.servingRoleArn(), "--trust-file",
            trust.toString(), "--policy-file", policy.toString(), "--region", Corpus.NAMES.region()};

        RoleCheckCommandTest.Run simulated = RoleCheckCommandTest.run(new SimulatingIam(Corpus.ours()), training);
        RoleCheckCommandTest.Run emulated = RoleCheckCommandTest.run(new SimulatingIam(Corpus.ours()),
                java.util.stream.Stream.concat(java.util.Arrays.stream(training), java.util.stream.Stream.of(
                        "--emulate")).toArray(String[]::new));

        for (RoleCheckCommandTest.Run run : java.util.List.of(simulated, emulated)) {
            assertThat(run.code()).isEqualTo(11);
            assertThat(run.out()).containsPattern("trust\\.sagemaker +FAIL +trust.json / \\(evaluated\\):"
                    + " sagemaker.amazonaws.com may not assume the role for training job trainctl-mnist-rolecheck-"
                    + "\\d{8}-\\d{6}-\\d{3} \\(aws:SourceArn arn:aws:sagemaker:us-east-1:" + Corpus.ACCOUNT
                    + ":training-job/trainctl-mnist-rolecheck-[-0-9]+\\), so CreateTrainingJob fails with \"Could not"
                    + " assume role\" \\(trainctl's evaluator: the trust policy does not allow"
                    + " sagemaker.amazonaws.com\\)")
                    .contains("a serving role refuses every job on purpose: train with the execution role");
        }
        assertThat(simulated.out()).containsPattern("trust\\.tuning-trials +WARN +the trust policy does not let"
                + " SageMaker assume the role for the trials");
        assertThat(emulated.out()).containsPattern("emulate +FAIL +emulated job failed: CreateTrainingJob would fail:"
                + " ValidationException: Could not assume role " + Corpus.NAMES.servingRoleArn() + "\\.")
                .contains("trainctl's evaluator: the trust policy does not allow sagemaker.amazonaws.com");
    }

    @Test
    void theExecutionRoleAsTheServingRoleFailsItsTrustAndItsReadsOfModelsAndEndpointLogs() throws Exception {
        Path trust = write("trust.json", ExecutionRolePolicies.trust(Corpus.NAMES).toJson());
        Path policy = write("role.json", ExecutionRolePolicies.permissions(Corpus.NAMES).toJson());

        RoleCheckCommandTest.Run run = check(trust, policy, "--emulate");

        assertThat(run.code()).isEqualTo(11);
        assertThat(run.out()).containsPattern("trust\\.sagemaker +FAIL +trust.json / \\(evaluated\\):"
                + " sagemaker.amazonaws.com may not assume the role for a model \\(aws:SourceArn arn:aws:sagemaker:"
                + "us-east-1:" + Corpus.ACCOUNT + ":\\*\\), so CreateModel fails")
                .containsPattern("simulate\\.required +FAIL +s3:GetObject on arn:aws:s3:::"
                + Corpus.NAMES.bucket() + "/trainctl-mnist/output/")
                .containsPattern("simulate\\.required +FAIL +logs:PutLogEvents on .*/aws/sagemaker/Endpoints/")
                .containsPattern("emulate +FAIL +emulated deploy failed: CreateModel would fail");
    }
}
