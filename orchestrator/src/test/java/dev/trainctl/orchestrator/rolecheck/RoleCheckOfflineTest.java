package dev.trainctl.orchestrator.rolecheck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainctl.orchestrator.docs.DocBlocks;
import dev.trainctl.orchestrator.jobs.RecordingSageMaker;
import dev.trainctl.orchestrator.jobs.ScriptedLogs;
import dev.trainctl.orchestrator.policy.ExecutionRolePolicies;
import dev.trainctl.training.data.DataFiles;
import dev.trainctl.training.data.Dataset;
import dev.trainctl.training.data.IdxBytes;
import dev.trainctl.training.train.SyntheticDigits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code role check --trust-file FILE --policy-file FILE}: a role definition checked before the role exists. */
class RoleCheckOfflineTest {

    @TempDir
    Path temp;

    @Test
    void theProvisionedDocumentsPassFromFilesWithNoAws() throws Exception {
        Path trust = write("trust.json", ExecutionRolePolicies.trust(Corpus.NAMES).toJson());
        Path policy = write("role.json", ExecutionRolePolicies.permissions(Corpus.NAMES).toJson());

        RoleCheckCommandTest.Run run = RoleCheckCommandTest.run(new SimulatingIam(Corpus.ours()).denySimulation(),
                "role", "check", "--trust-file", trust.toString(), "--policy-file", policy.toString());

        assertThat(run.code()).as(run.err() + run.out()).isZero();
        assertThat(run.out()).contains("Role:   arn:aws:iam::111122223333:role/trainctl-mnist-execution")
                .contains("simulate.required").contains("all 14 actions a training job needs are allowed")
                .contains("Simulated as the execution role (trainctl's evaluator)")
                .contains("note: simulated with trainctl's IAM evaluator").contains("caller not checked")
                .doesNotContain("FAIL");
    }

    @Test
    void theRoleBeforeIssue12FailsFromFilesNamingTheCheckpointRead() throws Exception {
        Path trust = write("trust.json", ExecutionRolePolicies.trust(Corpus.NAMES).toJson());
        Path policy = write("role.json", Corpus.read("role-before-issue-12.json")
                .replace("trainctl-123456789012-eu-west-1", Corpus.NAMES.bucket()));

        RoleCheckCommandTest.Run run = RoleCheckCommandTest.run(new SimulatingIam(Corpus.ours()), "role", "check",
                "--trust-file", trust.toString(), "--policy-file", policy.toString());

        assertThat(run.code()).isEqualTo(11);
        assertThat(run.out()).containsPattern("simulate\\.required +FAIL +s3:GetObject on arn:aws:s3:::"
                + Corpus.NAMES.bucket() + "/trainctl-mnist/checkpoints/");
    }

    @Test
    void aTrustFileWithoutPolicyFilesIsAUsageError() throws Exception {
        Path trust = write("trust.json", ExecutionRolePolicies.trust(Corpus.NAMES).toJson());

        RoleCheckCommandTest.Run run = RoleCheckCommandTest.run(new SimulatingIam(Corpus.ours()), "role", "check",
                "--trust-file", trust.toString());

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("needs both --trust-file and at least one --policy-file");
    }

    @Test
    void emulateRunsATinyInterruptedJobUnderTheDocumentsAsItsOwnRow() throws Exception {
        Path trust = write("trust.json", ExecutionRolePolicies.trust(Corpus.NAMES).toJson());
        Path good = write("role.json", ExecutionRolePolicies.permissions(Corpus.NAMES).toJson());
        Path old = write("old.json", Corpus.read("role-before-issue-12.json")
                .replace("trainctl-123456789012-eu-west-1", Corpus.NAMES.bucket()));
        List<Path> data = syntheticData();

        RoleCheckCommandTest.Run passing = emulate(data, trust, good);
        RoleCheckCommandTest.Run failing = emulate(data, trust, old);

        assertThat(passing.code()).as(passing.err() + passing.out()).isZero();
        assertThat(passing.out()).containsPattern("emulate +PASS +emulated job trainctl-mnist-rolecheck-"
                + "20261125-100000-000 completed as the role").contains("2 container runs (one spot interruption");
        assertThat(failing.code()).isEqualTo(11);
        DocBlocks.assertFormat("role-check-emulate", "$ trainctl role check --trust-file trust.json --policy-file"
                + " role-before-issue-12.json --emulate\n" + failing.out());
        assertThat(failing.out()).containsPattern("emulate +FAIL +emulated job failed: emulated training job "
                + "trainctl-mnist-rolecheck-20261125-100000-000 failed: ClientError: Checkpoint restore failed:"
                + " AccessDenied \\(403\\)").contains("s3:GetObject on resource: \"arn:aws:s3:::"
                + Corpus.NAMES.bucket() + "/trainctl-mnist/checkpoints/trainctl-mnist-rolecheck-");
    }

    @Test
    void emulateWorksOnARoleReadFromIamToo() throws Exception {
        RoleCheckCommandTest.Run run = RoleCheckCommandTest.run(Corpus.iam(Corpus.ours()), new RecordingSageMaker(),
                new ScriptedLogs(), new LiveJobFakes.FakeS3(), syntheticData(), "role", "check", "--role-arn",
                RoleCheckCommandTest.ROLE_ARN, "--emulate");

        assertThat(run.code()).as(run.err() + run.out()).isZero();
        assertThat(run.out()).containsPattern("emulate +PASS +emulated job trainctl-mnist-rolecheck-");
    }

    private RoleCheckCommandTest.Run emulate(List<Path> data, Path trust, Path policy) {
        return RoleCheckCommandTest.run(new SimulatingIam(Corpus.ours()), new RecordingSageMaker(),
                new ScriptedLogs(), new LiveJobFakes.FakeS3(), data, "role", "check", "--trust-file",
                trust.toString(), "--policy-file", policy.toString(), "--emulate");
    }

    private List<Path> syntheticData() throws Exception {
        Path data = temp.resolve("data");
        DataFiles mnist = Dataset.MNIST.files();
        IdxBytes.writeAll(data, mnist, SyntheticDigits.generate(600, 1), SyntheticDigits.generate(100, 2));
        return mnist.all().stream().map(file -> data.resolve(file.name())).toList();
    }

    private Path write(String name, String json) throws Exception {
        return Files.writeString(temp.resolve(name), json);
    }
}
