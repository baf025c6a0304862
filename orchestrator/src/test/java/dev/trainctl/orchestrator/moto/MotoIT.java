package dev.trainctl.orchestrator.moto;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trainctl.orchestrator.aws.AwsActions;
import dev.trainctl.orchestrator.cli.CliRun;
import dev.trainctl.orchestrator.fidelity.ApiModelCheck;
import dev.trainctl.orchestrator.fidelity.RequestCapture;
import dev.trainctl.orchestrator.names.ResourceNames;
import dev.trainctl.orchestrator.policy.CallerPolicy;
import dev.trainctl.orchestrator.policy.ExecutionRolePolicies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * trainctl through its real command line against a real AWS emulator, moto's server, as a user runs it with
 * {@code --endpoint-url}: provision (twice), the emulation as the role read from moto's IAM (a real account,
 * 123456789012, on both sides), a spot run with one interruption, tune, a training job on moto's SageMaker, jobs,
 * role check (simulated, and with --emulate), a cost budget, and teardown, which removes trainctl's resources and
 * nothing else.
 *
 * <p>moto's gaps, worked around here and asserted as trainctl documents its behaviour there:
 * <ul>
 * <li>no IAM policy simulator (SimulatePrincipalPolicy answers HTTP 500): role check decides the role and the
 *     caller with trainctl's evaluator over their documents read from moto's IAM, and says so (WARN);
 * <li>plain HTTP only: the TLS-only bucket policy provision sets makes moto refuse every object request, as S3
 *     would over HTTP; trainctl says so before uploading, and the suite then removes that policy;
 * <li>training jobs are Completed the moment they are created and write no model: trainctl reports the job and
 *     the model location SageMaker gives, and evaluating it is "no model" (exit 3);
 * <li>Budgets' ListTagsForResource answers HTTP 500: a second provision --budget and teardown cannot tell the
 *     budget is trainctl's, leave it, and say so.
 * </ul>
 * Every request the commands give the SDK is recorded ({@link RequestCapture#everyClient()}) and validated against
 * AWS's API models ({@link ApiModelCheck}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MotoIT {

    private static final String ACCOUNT = MotoServer.ACCOUNT;
    private static final String REGION = "us-east-1";
    private static final ResourceNames NAMES = ResourceNames.of("aws", ACCOUNT, REGION, ResourceNames.DEFAULT_NAME);
    private static final String ROLE = NAMES.roleArn();
    private static final String BUCKET = NAMES.bucket();
    /** moto's default identity: any key, user "moto". The admin that provisions. */
    private static final AwsBasicCredentials ADMIN = AwsBasicCredentials.create("test", "test");
    private static final String FOREIGN_ROLE = "someone-elses-role";
    private static final String FOREIGN_BUCKET = "someone-elses-bucket";
    private static final String FOREIGN_KEY = "keep/me.txt";
    private static final String SMALL = "300";
    /** A second trainctl name in the same account and region: it shares the default bucket. */
    private static final String OTHER = "trainctl-other";
    private static final String SOMEONE_ELSES_KEY = "someone-else/notes.txt";

    @RegisterExtension
    static final ApiModelCheck API = new ApiModelCheck();

    @TempDir
    static Path temp;

    private static MotoServer moto;
    private static String previousKey;
    private static String previousSecret;
    /** Alice: an IAM user whose caller policy comes from her group, as an organisation grants it. */
    private static AwsBasicCredentials alice;
    private static RequestCapture.Active sent;
    private static String sageMakerJob;

    @BeforeAll
    static void startMotoWithSomeoneElsesResources() throws Exception {
        moto = MotoServer.start(temp.resolve("moto.log"));
        moto.reset();
        previousKey = System.getProperty("aws.accessKeyId");
        previousSecret = System.getProperty("aws.secretAccessKey");
        try (IamClient iam = iam(); S3Client s3 = s3()) {
            iam.createRole(r -> r.roleName(FOREIGN_ROLE).assumeRolePolicyDocument("{\"Version\": \"2012-10-17\","
                    + " \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"ec2.amazonaws.com\"},"
                    + " \"Action\": \"sts:AssumeRole\"}]}"));
            s3.createBucket(b -> b.bucket(FOREIGN_BUCKET));
            s3.putObject(p -> p.bucket(FOREIGN_BUCKET).key(FOREIGN_KEY), RequestBody.fromString("not trainctl's"));
            iam.createUser(u -> u.userName("alice"));
            iam.createGroup(g -> g.groupName("trainers"));
            iam.addUserToGroup(g -> g.groupName("trainers").userName("alice"));
            // The caller's three documents as customer managed policies attached to the group, as docs/iam.md says
            // (together they exceed the 5,120 characters of a group's inline policies).
            CallerPolicy.documents(NAMES).forEach((document, policy) -> {
                String arn = iam.createPolicy(p -> p.policyName("trainctl-" + document)
                        .policyDocument(policy.toJson())).policy().arn();
                iam.attachGroupPolicy(a -> a.groupName("trainers").policyArn(arn));
            });
            AccessKey key = iam.createAccessKey(k -> k.userName("alice")).accessKey();
            alice = AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
        }
        sent = RequestCapture.everyClient();
    }

    @AfterAll
    static void stopMoto() throws InterruptedException {
        if (sent != null) {
            sent.close();
        }
        restore("aws.accessKeyId", previousKey);
        restore("aws.secretAccessKey", previousSecret);
        if (moto != null) {
            moto.close();
        }
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }

    /** The real command line, in this JVM, against moto, as {@code who}: the SDK's system-property credentials. */
    private static CliRun trainctl(AwsBasicCredentials who, String... args) {
        System.setProperty("aws.accessKeyId", who.accessKeyId());
        System.setProperty("aws.secretAccessKey", who.secretAccessKey());
        List<String> all = new ArrayList<>(List.of("--endpoint-url", moto.endpoint().toString(), "--region", REGION));
        all.addAll(List.of(args));
        return CliRun.of(all.toArray(String[]::new));
    }

    private static CliRun trainctl(String... args) {
        return trainctl(ADMIN, args);
    }

    private static JsonObject json(CliRun run) {
        assertThat(run.exitCode()).as(run.err()).isZero();
        return JsonParser.parseString(run.out()).getAsJsonObject();
    }

    private static IamClient iam() {
        return IamClient.builder().endpointOverride(moto.endpoint()).region(Region.AWS_GLOBAL)
                .credentialsProvider(StaticCredentialsProvider.create(ADMIN)).build();
    }

    private static S3Client s3() {
        return S3Client.builder().endpointOverride(moto.endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(ADMIN)).build();
    }

    private static List<String> keys(String bucket, String prefix) {
        try (S3Client s3 = s3()) {
            return s3.listObjectsV2Paginator(l -> l.bucket(bucket).prefix(prefix)).contents().stream()
                    .map(S3Object::key).toList();
        }
    }

    @Test
    @Order(1)
    void provisionCreatesTheRoleTheBucketAndTheRepositoryInMotosAccount() {
        JsonObject result = json(trainctl("provision", "--output", "json"));

        assertThat(result.get("account").getAsString()).isEqualTo(ACCOUNT);
        assertThat(result.get("changed").getAsBoolean()).isTrue();
        try (IamClient iam = iam()) {
            assertThat(iam.getRole(r -> r.roleName(NAMES.roleName())).role().arn()).isEqualTo(ROLE);
        }
    }

    @Test
    @Order(2)
    void aSecondProvisionChangesNothingAndSendsNoMutatingRequest() {
        int before = sent.capture().requests().size();

        JsonObject result = json(trainctl("provision", "--output", "json"));

        assertThat(result.get("changed").getAsBoolean()).isFalse();
        assertThat(result.getAsJsonArray("changes")).isEmpty();
        List<String> mutating = sent.capture().requests().subList(before, sent.capture().requests().size()).stream()
                .filter(r -> !AwsActions.isReadOnly(r)).map(AwsActions::operation).toList();
        assertThat(mutating).isEmpty();
    }

    /** Budgets' ListTagsForResource answers HTTP 500 on moto: the second run cannot tell the budget is trainctl's. */
    @Test
    @Order(3)
    void aSecondProvisionBudgetWhoseTagsMotoCannotReadLeavesItAndSaysWhy() {
        JsonObject first = json(trainctl("provision", "--budget", "20", "--notify", "me@example.com", "--output",
                "json"));
        CliRun second = trainctl("provision", "--budget", "20", "--notify", "me@example.com");

        assertThat(first.get("budget").getAsString()).isEqualTo(NAMES.budgetArn());
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.err()).contains("WARNING: budget " + NAMES.budgetName() + " exists, but the endpoint does"
                + " not answer budgets:ListTagsForResource (HTTP 500), so trainctl cannot tell whether it made it;"
                + " left as it is (monthly limit 20 USD, as asked)");
    }

    /** moto speaks only HTTP: the TLS-only bucket policy makes it refuse object requests, and trainctl says so. */
    @Test
    @Order(4)
    void overPlainHttpTheTlsOnlyBucketPolicyIsNamedBeforeAnyUploadThenTheSuiteRemovesIt() throws IOException {
        CliRun refused = trainctl("train", "--on", "emulated", "--epochs", "1", "--max-train-samples", SMALL);

        assertThat(refused.exitCode()).isEqualTo(6);
        assertThat(refused.err()).contains("the bucket policy of " + BUCKET + " denies every request without TLS")
                .contains("is plain HTTP");
        assertThat(keys(BUCKET, "")).isEmpty();
        try (S3Client s3 = s3()) {
            s3.deleteBucketPolicy(d -> d.bucket(BUCKET));
        }
    }

    /** The role's real trust names account 123456789012, so SageMaker's AssumeRole must carry that account. */
    @Test
    @Order(5)
    void trainOnTheEmulationRunsAsTheRoleReadFromMotosIam() {
        JsonObject result = json(trainctl("train", "--on", "emulated", "--role-arn", ROLE, "--bucket", BUCKET,
                "--epochs", "1", "--max-train-samples", SMALL, "--output", "json"));

        assertThat(result.get("role_documents").getAsString()).startsWith("the role's documents in IAM (" + ROLE
                + ")");
        String model = result.get("model").getAsString();
        assertThat(model).startsWith("s3://" + BUCKET + "/trainctl-mnist/output/trainctl-mnist-");
        assertThat(keys(BUCKET, model.substring(("s3://" + BUCKET + "/").length()))).hasSize(1);
        assertThat(keys(BUCKET, "trainctl-mnist/data/")).hasSize(4);
    }

    @Test
    @Order(6)
    void aSpotRunIsInterruptedOnceAndRestartsFromItsCheckpointsInMoto() {
        JsonObject result = json(trainctl("train", "--on", "emulated", "--spot", "--interrupt-at-epoch", "1",
                "--epochs", "1", "--max-train-samples", SMALL, "--output", "json"));

        assertThat(result.get("container_runs").getAsInt()).isEqualTo(2);
        String job = result.get("job_name").getAsString();
        assertThat(keys(BUCKET, "trainctl-mnist/checkpoints/" + job + "/")).isNotEmpty();
        assertThat(result.getAsJsonArray("unchanged")).hasSize(4);
    }

    /**
     * The trials run as the role's trust from IAM and a permission policy split over two files (reading in one,
     * writing in the other): a trial completes only if both --role-policy-file values take effect.
     */
    @Test
    @Order(7)
    void tuneOnTheEmulationRunsEveryTrialAsTheRoleWithBothPolicyFiles() throws IOException {
        JsonObject role = JsonParser.parseString(ExecutionRolePolicies.permissions(NAMES).toJson()).getAsJsonObject();
        Path reading = Files.writeString(temp.resolve("reading.json"), only(role, "ListOnlyThisNamesPrefix",
                "ReadTrainingData").toString());
        Path writing = Files.writeString(temp.resolve("writing.json"), only(role, "WriteTheModel", "SyncCheckpoints")
                .toString());

        JsonObject result = json(trainctl("tune", "--on", "emulated", "--learning-rate", "0.001:0.01", "--max-jobs",
                "2", "--max-parallel", "1", "--epochs", "1", "--max-train-samples", SMALL, "--role-policy-file",
                reading.toString(), "--role-policy-file", writing.toString(), "--output", "json"));

        assertThat(result.get("status").getAsString()).isEqualTo("Completed");
        assertThat(result.getAsJsonArray("trials")).hasSize(2).allSatisfy(t -> assertThat(t.getAsJsonObject()
                .get("status").getAsString()).isEqualTo("Completed"));
        String best = result.get("best_model").getAsString();
        assertThat(keys(BUCKET, best.substring(("s3://" + BUCKET + "/").length()))).hasSize(1);
    }

    private static JsonObject only(JsonObject policy, String... sids) {
        JsonObject copy = policy.deepCopy();
        Set<String> keep = Set.of(sids);
        JsonArray statements = new JsonArray();
        for (JsonElement s : copy.getAsJsonArray("Statement")) {
            if (keep.contains(s.getAsJsonObject().get("Sid").getAsString())) {
                statements.add(s);
            }
        }
        copy.add("Statement", statements);
        return copy;
    }

    /** moto's training jobs are Completed at once and write no model; trainctl reports what SageMaker says. */
    @Test
    @Order(8)
    void aSageMakerJobOnMotoCompletesAtOnceAndItsModelIsMissingAsDocumented() {
        String image = NAMES.repositoryUri() + ":latest";
        JsonObject result = json(trainctl("train", "--on", "sagemaker", "--image", image, "--epochs", "1",
                "--max-train-samples", SMALL, "--poll", "1", "--output", "json"));

        assertThat(result.get("status").getAsString()).isEqualTo("Completed");
        sageMakerJob = result.get("name").getAsString();
        String model = result.get("model_artifact").getAsString();
        assertThat(model).isEqualTo("s3://" + BUCKET + "/trainctl-mnist/output/" + sageMakerJob
                + "/output/model.tar.gz");
        CliRun evaluate = trainctl("evaluate", "--model", model);
        assertThat(evaluate.exitCode()).isEqualTo(3);
        assertThat(evaluate.err()).contains("no model at " + model);
    }

    @Test
    @Order(9)
    void jobsListAndStatusShowTheJob() {
        CliRun list = trainctl("jobs", "list");
        JsonObject status = json(trainctl("jobs", "status", sageMakerJob, "--output", "json"));

        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).contains(sageMakerJob).contains("Completed").doesNotContain("null");
        assertThat(status.get("status").getAsString()).isEqualTo("Completed");
        assertThat(status.get("instance_type").getAsString()).isEqualTo("ml.t3.medium");
    }

    /**
     * moto has no policy simulator (HTTP 500): the role and alice (caller policy from her group) are decided by the
     * evaluator over their documents read from moto's IAM.
     */
    @Test
    @Order(10)
    void roleCheckAsAliceEvaluatesTheRoleAndHerGroupsPolicyWithoutASimulator() {
        JsonObject report = json(trainctl(alice, "role", "check", "--role-arn", ROLE, "--output", "json"));

        Map<String, String> verdicts = verdicts(report);
        assertThat(verdicts).containsEntry("simulate", "WARN").containsEntry("simulate.required", "PASS")
                .containsEntry("simulate.probes", "PASS").containsEntry("caller.simulate", "WARN")
                .containsEntry("caller.pass-role", "PASS").containsEntry("caller.create-training-job", "PASS")
                .containsEntry("trust.confused-deputy", "PASS")
                // The serving role's trust as provision wrote it to moto, read back with GetRole: it refuses
                // training jobs, so alice's training path is the intended one (and her model path reaches only the serving role).
                .containsEntry("caller.escalation", "PASS");
        assertThat(verdicts.values()).doesNotContain("FAIL");
        assertThat(report.get("caller_arn").getAsString()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":user/alice");
    }

    @Test
    @Order(11)
    void roleCheckEmulateRunsATinyInterruptedJobAsTheRole() {
        JsonObject report = json(trainctl("role", "check", "--role-arn", ROLE, "--emulate", "--output", "json"));

        assertThat(verdicts(report)).containsEntry("emulate", "PASS");
    }

    private static Map<String, String> verdicts(JsonObject report) {
        Map<String, String> verdicts = new java.util.LinkedHashMap<>();
        for (JsonElement check : report.getAsJsonArray("checks")) {
            verdicts.put(check.getAsJsonObject().get("check").getAsString(),
                    check.getAsJsonObject().get("verdict").getAsString());
        }
        return verdicts;
    }

    /**
     * deploy and undeploy on moto's SageMaker, which creates an endpoint InService at once and keeps tags: the
     * serverless endpoint of the SageMaker job's model, a second deploy that changes nothing, undeploy, then a
     * deploy left for teardown. moto's InvokeEndpoint answers a canned body, not the container's JSON, so predict
     * --endpoint fails naming what came back (documented gap; the emulated endpoint runs the real container).
     */
    @Test
    @Order(12)
    void deployIsIdempotentUndeployDeletesWhatItMadeAndPredictNamesMotosCannedAnswer() {
        String image = NAMES.repositoryUri() + ":latest";
        // moto's training jobs write no model; deploy checks the artifact exists before CreateModel.
        try (S3Client s3 = s3()) {
            s3.putObject(p -> p.bucket(BUCKET).key(NAMES.outputPrefix() + sageMakerJob
                    + "/output/model.tar.gz"), RequestBody.fromString("a model"));
        }
        JsonObject deployed = json(trainctl("deploy", "--on", "sagemaker", "--job", sageMakerJob, "--image", image,
                "--poll", "1", "--output", "json"));
        assertThat(deployed.get("endpoint_name").getAsString()).isEqualTo(sageMakerJob);
        assertThat(deployed.get("already_deployed").getAsBoolean()).isFalse();
        int before = sent.capture().requests().size();
        JsonObject again = json(trainctl("deploy", "--on", "sagemaker", "--job", sageMakerJob, "--image", image,
                "--output", "json"));
        assertThat(again.get("already_deployed").getAsBoolean()).isTrue();
        assertThat(sent.capture().requests().subList(before, sent.capture().requests().size()).stream()
                .filter(r -> !AwsActions.isReadOnly(r)).map(AwsActions::operation).toList()).isEmpty();

        CliRun predict = trainctl("predict", "--endpoint", sageMakerJob, "--index", "0");
        assertThat(predict.exitCode()).isEqualTo(1);
        assertThat(predict.err()).contains("endpoint " + sageMakerJob + ": the endpoint answered something other"
                + " than predictions");

        CliRun undeploy = trainctl("undeploy", sageMakerJob);
        assertThat(undeploy.exitCode()).as(undeploy.err()).isZero();
        assertThat(undeploy.out()).contains("deleted endpoint " + sageMakerJob + ", endpoint config " + sageMakerJob
                + ", model " + sageMakerJob);
        assertThat(trainctl("undeploy", sageMakerJob).out()).contains("nothing of " + sageMakerJob + " to delete");
        assertThat(trainctl("deploy", "--on", "sagemaker", "--job", sageMakerJob, "--image", image, "--poll", "1")
                .exitCode()).isZero();
    }

    /**
     * The default bucket is shared by every name: a second name's provision uses it as is (the bucket policy the
     * suite removed stays removed, and the warning says so), and writes under its own prefix, as someone else does.
     */
    @Test
    @Order(13)
    void aSecondNameUsesTheSharedBucketAsIsAndChangesNothingOfIt() {
        int before = sent.capture().requests().size();

        CliRun run = trainctl("provision", "--name", OTHER);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(sent.capture().requests().subList(before, sent.capture().requests().size()).stream()
                .filter(r -> !AwsActions.isReadOnly(r)).map(AwsActions::operation)).doesNotContain("PutBucketPolicy",
                        "PutBucketTagging", "PutBucketEncryption", "PutPublicAccessBlock", "CreateBucket");
        assertThat(run.err()).contains("WARNING: bucket " + BUCKET + " is managed by trainctl for '"
                + ResourceNames.DEFAULT_NAME + "'; used as is, not changed").contains("It lacks: repair: bucket policy");
        try (S3Client s3 = s3()) {
            s3.putObject(p -> p.bucket(BUCKET).key(OTHER + "/data/x"), RequestBody.fromString("the other name's"));
            s3.putObject(p -> p.bucket(BUCKET).key(SOMEONE_ELSES_KEY), RequestBody.fromString("not trainctl's"));
        }
    }

    /**
     * Teardown removes trainctl's endpoints, roles, repository and this name's data, and nothing else: the shared
     * bucket stays while another name's or someone's objects are in it, and goes with the last of them.
     */
    @Test
    @Order(14)
    void teardownRemovesTrainctlsResourcesAndNothingElse() {
        int before = sent.capture().requests().size();

        CliRun run = trainctl("teardown", "--yes", "--delete-data");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("delete the execution role").contains("delete the serving role")
                .contains("delete the repository").contains("under " + ResourceNames.DEFAULT_NAME + "/")
                .doesNotContain("delete the bucket")
                .contains("endpoint " + sageMakerJob + ": delete the endpoint");
        assertThat(sent.capture().requests().subList(before, sent.capture().requests().size()).stream()
                .filter(DeleteObjectsRequest.class::isInstance).map(DeleteObjectsRequest.class::cast)
                .flatMap(d -> d.delete().objects().stream()).map(o -> o.key()).toList()).isNotEmpty()
                .allSatisfy(key -> assertThat(key).startsWith(ResourceNames.DEFAULT_NAME + "/"));
        assertThat(run.err()).contains("WARNING: bucket " + BUCKET + ": kept: it holds 2 object version(s) or delete"
                + " marker(s) that are not under " + ResourceNames.DEFAULT_NAME + "/ (someone-else/ 1, " + OTHER
                + "/ 1)");
        assertThat(keys(BUCKET, "")).containsExactlyInAnyOrder(OTHER + "/data/x", SOMEONE_ELSES_KEY);
        // Documented: the boundary stays (only an administrator deletes it), and a budget whose tags moto cannot
        // read stays, with the command that deletes it.
        assertThat(run.out()).contains("permissions boundary " + NAMES.boundaryPolicyArn() + ": left in place");
        assertThat(run.err()).contains("WARNING: budget " + NAMES.budgetName() + ": left in place")
                .contains("aws budgets delete-budget --account-id " + ACCOUNT);

        CliRun other = trainctl("teardown", "--name", OTHER, "--yes", "--delete-data");
        assertThat(other.exitCode()).as(other.err()).isZero();
        assertThat(other.out()).contains("kept: it is trainctl's for '" + ResourceNames.DEFAULT_NAME + "'");
        assertThat(keys(BUCKET, "")).containsExactly(SOMEONE_ELSES_KEY);
        try (S3Client s3 = s3()) {
            s3.deleteObject(d -> d.bucket(BUCKET).key(SOMEONE_ELSES_KEY));
        }
        CliRun last = trainctl("teardown", "--yes");
        assertThat(last.exitCode()).as(last.err()).isZero();
        assertThat(last.out()).contains("delete the bucket");

        try (IamClient iam = iam(); S3Client s3 = s3()) {
            Set<String> roles = iam.listRolesPaginator().roles().stream().map(r -> r.roleName())
                    .collect(Collectors.toSet());
            Set<String> buckets = s3.listBuckets().buckets().stream().map(b -> b.name()).collect(Collectors.toSet());
            assertThat(roles).contains(FOREIGN_ROLE).doesNotContain(NAMES.roleName(), NAMES.servingRoleName(),
                    OTHER + "-execution", OTHER + "-serving");
            assertThat(buckets).contains(FOREIGN_BUCKET).doesNotContain(BUCKET);
            assertThat(keys(FOREIGN_BUCKET, "")).containsExactly(FOREIGN_KEY);
            assertThat(iam.getUser(u -> u.userName("alice")).user().userName()).isEqualTo("alice");
            assertThat(iam.listAttachedGroupPolicies(g -> g.groupName("trainers")).attachedPolicies().stream()
                    .map(p -> p.policyName()).toList())
                    .containsExactlyInAnyOrder("trainctl-caller", "trainctl-caller-resources", "trainctl-caller-serving");
        }
        CliRun again = trainctl("teardown", "--yes");
        assertThat(again.out()).contains("nothing to tear down");
    }

    /** What the suite sent, reads included, is valid against AWS's API models (botocore's), request by request. */
    @Test
    @Order(15)
    void everyRequestTheCommandsSentIsValidAgainstAwsApiModelsReadsIncluded() {
        List<SdkRequest> requests = sent.capture().requests();
        Set<String> operations = requests.stream().map(AwsActions::operation).collect(Collectors.toSet());

        assertThat(operations).contains("GetCallerIdentity", "GetRole", "ListRolePolicies", "GetRolePolicy",
                "GetBucketPolicy", "ListObjectsV2", "CreateTrainingJob", "DescribeTrainingJob", "ListTrainingJobs",
                "DescribeBudget", "DeleteRole", "DeleteBucket", "CreateModel", "CreateEndpointConfig",
                "CreateEndpoint", "DescribeEndpoint", "InvokeEndpoint", "DeleteEndpoint", "DeleteEndpointConfig",
                "DeleteModel", "ListEndpoints");
        API.assertValid(requests);
    }
}
