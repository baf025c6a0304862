package dev.trainctl.orchestrator.emulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.TrainctlException;
import dev.trainctl.orchestrator.fakes.PolicyEdits;
import dev.trainctl.orchestrator.iam.ParsedPolicy;
import dev.trainctl.orchestrator.names.S3Uri;
import dev.trainctl.orchestrator.policy.ExecutionRolePolicies;
import dev.trainctl.orchestrator.names.ResourceNames;
import dev.trainctl.orchestrator.s3serve.EmbeddedS3;
import dev.trainctl.training.artifacts.ModelArtifacts;
import dev.trainctl.training.data.DataFiles;
import dev.trainctl.training.data.Dataset;
import dev.trainctl.training.data.IdxBytes;
import dev.trainctl.training.sagemaker.JobHyperparameters;
import dev.trainctl.training.train.DeviceChoice;
import dev.trainctl.training.train.Hyperparameters;
import dev.trainctl.training.train.SyntheticDigits;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The emulated job runs as the execution role: with the role {@code provision} creates it completes, a spot
 * interruption restarts it from its checkpoints in S3 with the same final weights, and a role missing one permission
 * fails the job as SageMaker would, naming the action, the resource and the statement that would allow it.
 */
class EmulatedRoleTest {

    private static final ResourceNames NAMES = ResourceNames.of("aws", "123456789012", "eu-west-1", "trainctl-mnist");
    private static final JobHyperparameters THREE_EPOCHS = new JobHyperparameters(new Hyperparameters(3, 32, 1e-3, 7,
            16), JobHyperparameters.CUSTOM_DATASET, 0, DeviceChoice.CPU);
    private static final JobHyperparameters ONE_EPOCH = new JobHyperparameters(new Hyperparameters(1, 32, 1e-3, 7,
            16), JobHyperparameters.CUSTOM_DATASET, 0, DeviceChoice.CPU);

    private static final String THREADS = "ai.djl.pytorch.num_threads";
    private static String threadsBefore;

    @TempDir
    static Path temp;

    private static EmbeddedS3 server;
    private static S3Client s3;
    private static List<Path> files;
    private static EmulatedTraining.Result uninterrupted;
    private static EmulatedTraining.Result interrupted;
    private static final List<String> interruptedLog = new ArrayList<>();

    @BeforeAll
    static void trainWithAndWithoutAnInterruption() throws Exception {
        // One intra-op thread in the containers: PyTorch's CPU kernels then give the same bits on every run, so the
        // two runs can be compared exactly (with two threads they differed by up to 3e-7 in one run of four).
        threadsBefore = System.setProperty(THREADS, "1");
        server = EmbeddedS3.start(temp.resolve("s3"), "127.0.0.1", 0);
        s3 = server.client();
        s3.createBucket(b -> b.bucket(NAMES.bucket()));
        Path data = temp.resolve("data");
        DataFiles mnist = Dataset.MNIST.files();
        IdxBytes.writeAll(data, mnist, SyntheticDigits.generate(1500, 1), SyntheticDigits.generate(100, 2));
        files = mnist.all().stream().map(file -> data.resolve(file.name())).toList();
        uninterrupted = training(JobRoleDocuments.provisioned(NAMES), line -> { })
                .run(plan("trainctl-mnist-20261201-100000-000", THREE_EPOCHS, false, Optional.empty()));
        interrupted = training(JobRoleDocuments.provisioned(NAMES), interruptedLog::add)
                .run(plan("trainctl-mnist-20261201-100100-000", THREE_EPOCHS, true, Optional.of(2)));
    }

    @AfterAll
    static void stop() {
        if (threadsBefore == null) {
            System.clearProperty(THREADS);
        } else {
            System.setProperty(THREADS, threadsBefore);
        }
        s3.close();
        server.close();
    }

    @Test
    void theProvisionedRoleRunsTheJobToTheEnd() {
        assertThat(uninterrupted.containerRuns()).isEqualTo(1);
        assertThat(uninterrupted.roleDocuments()).contains("'trainctl provision' creates");
        assertThat(s3.headObject(b -> b.bucket(NAMES.bucket()).key("trainctl-mnist/output/"
                + "trainctl-mnist-20261201-100000-000/output/model.tar.gz")).contentLength()).isPositive();
    }

    @Test
    void aSpotInterruptionRestartsTheContainerFromItsCheckpointsInS3() {
        assertThat(interrupted.containerRuns()).isEqualTo(2);
        assertThat(interruptedLog).anyMatch(l -> l.startsWith("spot interruption: SIGTERM to the container during"
                + " epoch 2")).anyMatch(l -> l.contains("| stopped by SIGTERM in epoch"))
                .anyMatch(l -> l.startsWith("restored ") && l.contains(" checkpoint files from s3://"
                        + NAMES.bucket() + "/trainctl-mnist/checkpoints/trainctl-mnist-20261201-100100-000/"))
                .anyMatch(l -> l.contains("| resuming from the checkpoint"));
        assertThat(s3.listObjectsV2(b -> b.bucket(NAMES.bucket()).prefix("trainctl-mnist/checkpoints/"
                + "trainctl-mnist-20261201-100100-000/")).contents()).extracting(o -> o.key())
                .noneMatch(key -> key.endsWith(".tmp")).isNotEmpty()
                // The job's checkpoint URI is its own, so its checkpoints sit once under its name (only a tuning trial,
                // whose URI it shares with the other trials, adds a folder of its own name).
                .contains("trainctl-mnist/checkpoints/trainctl-mnist-20261201-100100-000/checkpoint.json");
    }

    @Test
    void theInterruptedRunEndsWithTheSameWeightsAsTheUninterruptedOne() throws Exception {
        Map<String, float[]> expected = weights(uninterrupted);
        Map<String, float[]> actual = weights(interrupted);

        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet()).isNotEmpty();
        expected.forEach((name, values) -> assertThat(actual.get(name)).as(name).containsExactly(values));
    }

    @Test
    void finalMetricsAreTheLastValuesTheMetricDefinitionsMatched() {
        assertThat(uninterrupted.finalMetrics()).containsEntry("epoch", 3.0)
                .containsKeys("train:loss", "train:accuracy", "test:loss", "test:accuracy", "epoch:seconds");
        assertThat(uninterrupted.finalMetrics().get("test:accuracy")).isCloseTo(uninterrupted.testAccuracy(),
                offset(1e-6));
    }

    @Test
    void aRoleThatCannotReadTheDataFailsTheJobBeforeTheContainerStarts() {
        JobRoleDocuments role = permissions(PolicyEdits.withoutStatement(ExecutionRolePolicies.permissions(NAMES).toJson(),
                "ReadTrainingData"));

        assertThatThrownBy(() -> training(role, line -> { }).run(plan("trainctl-mnist-20261201-100200-000",
                ONE_EPOCH, false, Optional.empty())))
                .isInstanceOfSatisfying(TrainctlException.class, e -> assertThat(e.exitCode())
                        .isEqualTo(ExitCode.JOB_FAILED))
                .hasMessageContaining("ClientError: Data download failed: AccessDenied (403): User: arn:aws:sts::"
                        + "123456789012:assumed-role/trainctl-mnist-execution/SageMaker is not authorized to perform:"
                        + " s3:GetObject on resource: \"arn:aws:s3:::" + NAMES.bucket() + "/trainctl-mnist/data/")
                .hasMessageContaining("The statement that would allow it: trainctl-mnist-training-job"
                        + " ReadTrainingData");
    }

    @Test
    void aRoleThatCannotWriteTheModelFailsTheJobAndLeavesNoArtifact() {
        JobRoleDocuments role = permissions(PolicyEdits.withoutStatement(ExecutionRolePolicies.permissions(NAMES).toJson(),
                "WriteTheModel"));
        String job = "trainctl-mnist-20261201-100300-000";

        assertThatThrownBy(() -> training(role, line -> { }).run(plan(job, ONE_EPOCH, false, Optional.empty())))
                .hasMessageContaining("ClientError: Uploading the model artifact failed: AccessDenied (403)")
                .hasMessageContaining("s3:PutObject on resource: \"arn:aws:s3:::" + NAMES.bucket()
                        + "/trainctl-mnist/output/" + job + "/output/model.tar.gz\"")
                .hasMessageContaining("trainctl-mnist-training-job WriteTheModel");
        assertThat(keys("trainctl-mnist/output/" + job + "/")).isEmpty();
    }

    @Test
    void aRoleThatCannotWriteCheckpointsFailsTheSyncAndLeavesNoCheckpoint() {
        JobRoleDocuments role = permissions(withoutAction(ExecutionRolePolicies.permissions(NAMES).toJson(),
                "SyncCheckpoints", "s3:PutObject"));
        String job = "trainctl-mnist-20261201-100400-000";

        assertThatThrownBy(() -> training(role, line -> { }).run(plan(job, ONE_EPOCH, true, Optional.of(1))))
                .hasMessageContaining("ClientError: Checkpoint upload failed: AccessDenied (403)")
                .hasMessageContaining("s3:PutObject on resource: \"arn:aws:s3:::" + NAMES.bucket()
                        + "/trainctl-mnist/checkpoints/" + job + "/")
                .hasMessageContaining("trainctl-mnist-training-job SyncCheckpoints");
        assertThat(keys("trainctl-mnist/checkpoints/" + job + "/")).isEmpty();
    }

    @Test
    void theRoleBeforeIssue12CannotRestoreItsCheckpointsAfterASpotInterruption() throws Exception {
        String before = Files.readString(Path.of("src/test/resources/rolecheck/role-before-issue-12.json"));
        String job = "trainctl-mnist-20261201-100500-000";

        assertThatThrownBy(() -> training(permissions(before), line -> { }).run(plan(job, ONE_EPOCH, true,
                Optional.of(1))))
                .hasMessageContaining("ClientError: Checkpoint restore failed: AccessDenied (403)")
                .hasMessageContaining("s3:GetObject on resource: \"arn:aws:s3:::" + NAMES.bucket()
                        + "/trainctl-mnist/checkpoints/" + job + "/")
                .hasMessageContaining("trainctl-mnist-training-job SyncCheckpoints");
    }

    @Test
    void aTrustPolicyForAnotherAccountFailsAsCreateTrainingJobWouldBeforeAnythingRuns() {
        ResourceNames other = ResourceNames.of("aws", "444455556666", "eu-west-1", "trainctl-mnist");
        JobRoleDocuments provisioned = JobRoleDocuments.provisioned(NAMES);
        JobRoleDocuments role = new JobRoleDocuments(provisioned.roleArn(), "test", ParsedPolicy.parse("trust",
                ExecutionRolePolicies.trust(other).toJson()), provisioned.permissions(), Optional.empty(),
                provisioned.bucketPolicy());
        List<String> log = new ArrayList<>();

        assertThatThrownBy(() -> training(role, log::add).run(plan("trainctl-mnist-20261201-100600-000", ONE_EPOCH,
                false, Optional.empty())))
                .isInstanceOfSatisfying(TrainctlException.class, e -> assertThat(e.exitCode())
                        .isEqualTo(ExitCode.AWS_INVALID))
                .hasMessageContaining("ValidationException: Could not assume role "
                        + "arn:aws:iam::123456789012:role/trainctl-mnist-execution")
                .hasMessageContaining("aws:SourceArn=arn:aws:sagemaker:eu-west-1:123456789012:training-job/"
                        + "trainctl-mnist-20261201-100600-000");
        assertThat(log).noneMatch(line -> line.startsWith("staging "));
    }

    @Test
    void aCheckpointSyncUploadsCompleteFilesOnlyAndMirrorsDeletes() throws Exception {
        String job = "trainctl-mnist-20261201-100700-000";
        S3Uri prefix = new S3Uri(NAMES.bucket(), "trainctl-mnist/checkpoints/" + job + "/");
        s3.putObject(b -> b.bucket(NAMES.bucket()).key(prefix.key() + "deleted-in-the-container"),
                RequestBody.fromString("old"));
        Path local = Files.createDirectories(temp.resolve("sync-" + job));
        Files.writeString(local.resolve("checkpoint.json"), "{}");
        Files.writeString(local.resolve("checkpoint.ndlist.tmp"), "half");

        int uploaded = new CheckpointSync(session(JobRoleDocuments.provisioned(NAMES), job), prefix).up(local);

        assertThat(uploaded).isEqualTo(1);
        assertThat(keys(prefix.key())).containsExactly(prefix.key() + "checkpoint.json");
    }

    @Test
    void aSyncThatMayNotDeleteSendsNothingAtAll() throws Exception {
        String job = "trainctl-mnist-20261201-100800-000";
        S3Uri prefix = new S3Uri(NAMES.bucket(), "trainctl-mnist/checkpoints/" + job + "/");
        s3.putObject(b -> b.bucket(NAMES.bucket()).key(prefix.key() + "stale"), RequestBody.fromString("old"));
        Path local = Files.createDirectories(temp.resolve("sync-" + job));
        Files.writeString(local.resolve("checkpoint.json"), "{}");
        JobRoleDocuments role = permissions(withoutAction(ExecutionRolePolicies.permissions(NAMES).toJson(),
                "SyncCheckpoints", "s3:DeleteObject"));

        assertThatThrownBy(() -> new CheckpointSync(session(role, job), prefix).up(local))
                .hasMessageContaining("s3:DeleteObject on resource: \"arn:aws:s3:::" + NAMES.bucket() + "/"
                        + prefix.key() + "stale\"");
        assertThat(keys(prefix.key())).containsExactly(prefix.key() + "stale");
    }

    @Test
    void underNetworkIsolationTheContainerGetsNoAwsVariables() {
        Map<String, String> parent = Map.of("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE", "AWS_SECRET_ACCESS_KEY", "secret",
                "aws_profile", "dev", "PATH", "/usr/bin");

        assertThat(EntryPointProcess.environment(parent, true)).containsOnlyKeys("PATH");
        assertThat(EntryPointProcess.environment(parent, false)).containsAllEntriesOf(parent);
    }

    private static EmulatedTraining training(JobRoleDocuments documents, Consumer<String> log) {
        return new EmulatedTraining(s3, EmulatedTraining.Role.of(documents, NAMES), EntryPointProcess.current(),
                log);
    }

    private static RoleSession session(JobRoleDocuments documents, String job) {
        return EmulatedTraining.Role.of(documents, NAMES).session(job, s3, Optional.empty());
    }

    private static EmulatedTraining.Plan plan(String job, JobHyperparameters hyperparameters, boolean spot,
            Optional<Integer> interruptAt) {
        return new EmulatedTraining.Plan(job, NAMES.bucket(), Optional.empty(), NAMES.name(), files, hyperparameters,
                temp.resolve("work"), spot, interruptAt, true);
    }

    /** The provisioned trust and bucket policy, with this permission policy and no boundary. */
    private static JobRoleDocuments permissions(String policy) {
        JobRoleDocuments provisioned = JobRoleDocuments.provisioned(NAMES);
        return new JobRoleDocuments(provisioned.roleArn(), "test", provisioned.trust(),
                List.of(ParsedPolicy.parse(NAMES.inlinePolicyName(), policy)), Optional.empty(),
                provisioned.bucketPolicy());
    }


    private static String withoutAction(String policy, String sid, String action) {
        JsonObject document = JsonParser.parseString(policy).getAsJsonObject();
        for (JsonElement statement : document.getAsJsonArray("Statement")) {
            JsonObject s = statement.getAsJsonObject();
            if (sid.equals(s.get("Sid").getAsString())) {
                JsonArray actions = new JsonArray();
                s.getAsJsonArray("Action").forEach(a -> {
                    if (!a.getAsString().equals(action)) {
                        actions.add(a);
                    }
                });
                s.add("Action", actions);
            }
        }
        return document.toString();
    }

    private static List<String> keys(String prefix) {
        return s3.listObjectsV2(b -> b.bucket(NAMES.bucket()).prefix(prefix)).contents().stream()
                .map(o -> o.key()).toList();
    }

    private static Map<String, float[]> weights(EmulatedTraining.Result result) throws Exception {
        Path model = ModelLocation.download(s3, result.model(), Optional.empty(), temp);
        Map<String, float[]> arrays = new LinkedHashMap<>();
        try (NDManager manager = NDManager.newBaseManager(Device.cpu());
                InputStream in = Files.newInputStream(model.resolve(ModelArtifacts.WEIGHTS_NPZ))) {
            for (NDArray array : NDList.decode(manager, in)) {
                arrays.put(array.getName(), array.toFloatArray());
            }
        }
        return arrays;
    }
}
