package dev.trainctl.orchestrator.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trainctl.orchestrator.aws.Sleeper;
import dev.trainctl.orchestrator.cli.CliRun;
import dev.trainctl.orchestrator.cli.Command;
import dev.trainctl.orchestrator.fakes.UploadFiles;
import dev.trainctl.orchestrator.fakes.VpcAndKeysArgs;
import dev.trainctl.orchestrator.fidelity.ApiModelCheck;
import dev.trainctl.orchestrator.fidelity.CapturedAccount;
import dev.trainctl.orchestrator.fidelity.ModelJson;
import dev.trainctl.orchestrator.fidelity.RequestCapture;
import dev.trainctl.orchestrator.train.TrainCommand;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sagemaker.model.CreateTrainingJobRequest;
import software.amazon.awssdk.services.sagemaker.model.ModelArtifacts;
import software.amazon.awssdk.services.sagemaker.model.TrainingJobStatus;

/**
 * Every request {@code train --on sagemaker} and {@code jobs ...} build, for every instance family and option, valid
 * against AWS's published API models (botocore): the printed dry-run request and every request the SDK is given.
 */
class TrainApiModelTest {

    @RegisterExtension
    static final ApiModelCheck API = new ApiModelCheck();

    @TempDir
    static Path data;
    static List<Path> files;

    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");
    private final RecordingSageMaker sageMaker = new RecordingSageMaker();
    private final ScriptedLogs logs = new ScriptedLogs();
    private final CapturedAccount account = new CapturedAccount(sageMaker, logs);
    private final RequestCapture capture = account.capture;

    @BeforeAll
    static void dataFiles() {
        files = UploadFiles.in(data);
    }

    private CliRun run(String... args) {
        List<Command> commands = new ArrayList<>(List.of(new TrainCommand(account::clients, invocation -> files,
                Sleeper.NONE, Clock.fixed(NOW, ZoneOffset.UTC))));
        commands.addAll(JobsCommands.all(account::clients, Sleeper.NONE));
        return CapturedAccount.run(commands, args);
    }

    private JsonObject dryRun(String... args) {
        List<String> all = new ArrayList<>(List.of("train", "--on", "sagemaker", "--dry-run", "--output", "json"));
        all.addAll(List.of(args));
        CliRun run = run(all.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        return JsonParser.parseString(run.out()).getAsJsonObject();
    }

    /** One instance type of every training family the SDK knows, as {@code --instance-type} accepts them. */
    static List<String> oneTypePerFamily() {
        Map<String, String> families = new TreeMap<>();
        for (String type : dev.trainctl.orchestrator.trainingjob.InstanceTypes.known()) {
            families.putIfAbsent(type.replaceFirst("^ml\\.([a-z0-9-]+)\\..*", "$1"), type);
        }
        return List.copyOf(families.values());
    }

    @Test
    void theDryRunRequestIsValidOnEveryInstanceFamily() {
        List<String> types = oneTypePerFamily();
        assertThat(types).extracting(t -> t.split("\\.")[1]).contains("t3", "m5", "c5", "p3", "g4dn", "g7e",
                "p6-b300");
        for (String type : types) {
            API.assertValidCall(dryRun("--instance-type", type));
        }
        API.assertValidCall(dryRun("--gpu"));
    }

    @Test
    void theDryRunRequestIsValidWithEveryOptionAtItsLimits() {
        String image = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/" + "i".repeat(255 - 49) + ":tag";
        assertThat(image).hasSize(255);
        API.assertValidCall(dryRun("--spot", "--max-wait", "172800", "--max-runtime", "86400", "--allow-network",
                "--image", image, "--role-arn", "arn:aws:iam::123456789012:role/service-role/team_a/Role+=,.@-9",
                "--name", "n".repeat(33), "--bucket", "b".repeat(63), "--dataset", "fashion-mnist",
                "--max-train-samples", "1", "--epochs", "1000", "--batch-size", "60000", "--hidden-size", "65536",
                "--learning-rate", "9.99", "--seed", String.valueOf(Long.MAX_VALUE), "--device", "cpu"));
        API.assertValidCall(dryRun("--gpu", "--device", "gpu", "--epochs", "1", "--batch-size", "1",
                "--hidden-size", "1", "--learning-rate", "1e-38", "--seed", "0", "--name", "a"));
    }

    /** SageMaker's 28 days hold for the wait too: the default wait of a 28-day spot job is 28 days, not 56. */
    @Test
    void aSpotJobAtTheLongestRuntimeWaitsAtMostTwentyEightDays() {
        JsonObject call = dryRun("--spot", "--max-runtime", "2419200");

        API.assertValidCall(call);
        assertThat(call.toString()).contains("\"MaxWaitTimeInSeconds\":2419200")
                .contains("\"MaxRuntimeInSeconds\":2419200");
    }

    private static final String KEY = VpcAndKeysArgs.KEY;

    @Test
    void aJobInAVpcWithBothKeysIsValidAndEveryUploadIsUnderTheKey() {
        List<String> args = new ArrayList<>(List.of("--spot", "--instance-type",
                "ml.m5.large"));
        args.addAll(List.of(VpcAndKeysArgs.atTheirLimits()));
        JsonObject printed = dryRun(args.toArray(String[]::new));
        JsonObject request = printed.getAsJsonObject("request");
        assertThat(request.getAsJsonObject("VpcConfig").getAsJsonArray("Subnets")).hasSize(16);
        assertThat(request.getAsJsonObject("VpcConfig").getAsJsonArray("SecurityGroupIds")).hasSize(5);
        assertThat(request.getAsJsonObject("OutputDataConfig").get("KmsKeyId").getAsString()).isEqualTo(KEY);
        assertThat(request.getAsJsonObject("ResourceConfig").get("VolumeKmsKeyId").getAsString())
                .isEqualTo(VpcAndKeysArgs.VOLUME_KEY);
        API.assertValidCall(printed);
        assertThat(printed.getAsJsonArray("uploads")).isNotEmpty().allSatisfy(upload -> {
            API.assertValidCall(upload);
            JsonObject put = upload.getAsJsonObject().getAsJsonObject("request");
            assertThat(put.get("ServerSideEncryption").getAsString()).isEqualTo("aws:kms");
            assertThat(put.get("SSEKMSKeyId").getAsString()).isEqualTo(KEY);
        });
        capture.clear();

        List<String> real = new ArrayList<>(List.of("train", "--on", "sagemaker", "--detach"));
        real.addAll(args);
        CliRun run = run(real.toArray(String[]::new));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(ModelJson.dryRunJobCalls(printed)).isEqualTo(ModelJson.mutatingCalls(capture.requests()));
        API.assertValid(capture.requests());
    }

    @Test
    void aValuePastAnAwsLimitIsAUsageErrorBeforeAnyRequest() {
        assertThat(CapturedAccount.refusal(run("train", "--on", "sagemaker", "--image", "i".repeat(256))))
                .contains("--image 'iiii").contains("at most 255 characters (CreateTrainingJob's"
                        + " AlgorithmSpecification.TrainingImage), got 256");
        assertThat(CapturedAccount.refusal(run("train", "--on", "sagemaker", "--image", "example/trainer:1\nx")))
                .contains("one line of text");
        assertThat(CapturedAccount.refusal(run("train", "--on", "sagemaker", "--role-arn", "arn:aws:iam::123456789012:role/a#b")))
                .contains("--role-arn 'arn:aws:iam::123456789012:role/a#b': an IAM role ARN");
        // IAM allows '#' in a role's path; SageMaker's RoleArn pattern does not.
        assertThat(CapturedAccount.refusal(run("train", "--on", "sagemaker", "--role-arn",
                "arn:aws:iam::123456789012:role/team#1/Role"))).contains("CreateTrainingJob's RoleArn");
        assertThat(CapturedAccount.refusal(run("jobs", "list", "--name", "a#b"))).contains("letters, digits and hyphens only");
        assertThat(CapturedAccount.refusal(run("jobs", "list", "--name", "a".repeat(64)))).contains("at most 63 characters");
        assertThat(capture.requests()).isEmpty();
    }

    @Test
    void theJsonDryRunIsExactlyWhatARealRunSendsUploadsFirst() {
        JsonObject printed = dryRun("--spot");
        capture.clear();

        CliRun run = run("train", "--on", "sagemaker", "--spot", "--detach");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(ModelJson.dryRunJobCalls(printed)).isEqualTo(ModelJson.mutatingCalls(capture.requests()));
        assertThat(printed.getAsJsonArray("uploads")).extracting(upload -> upload.getAsJsonObject().get("body")
                .getAsString()).containsExactlyElementsOf(files.stream().map(f -> f.toAbsolutePath().toString())
                        .toList());
    }

    @Test
    void everyRequestOfASubmittedAndFollowedJobIsValid() {
        sageMaker.describes.add(() -> ScriptedJobs.job(submitted(), NOW, TrainingJobStatus.COMPLETED, 5)
                .toBuilder().billableTimeInSeconds(61).modelArtifacts(ModelArtifacts.builder().s3ModelArtifacts(
                        "s3://trainctl-123456789012-eu-west-1/trainctl-mnist/output/job/output/model.tar.gz")
                        .build()).build());
        logs.append(submittedStream(), "epoch=1 train_loss=0.3", "done");

        CliRun run = run("train", "--on", "sagemaker", "--spot", "--poll", "1");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(capture.requests()).extracting(RequestCapture::operation).contains("PutObject",
                "CreateTrainingJob", "DescribeTrainingJob", "GetLogEvents");
        API.assertValid(capture.requests());
    }

    private String submitted() {
        return sageMaker.requestsOf(CreateTrainingJobRequest.class).get(0).trainingJobName();
    }

    private String submittedStream() {
        return "trainctl-mnist-20261205-100000-000/algo-1-1";
    }

    @Test
    void everyJobsSubcommandSendsValidRequests() {
        String job = "trainctl-mnist-20261205-100000-000";
        sageMaker.describes.add(() -> ScriptedJobs.job(job, NOW, TrainingJobStatus.COMPLETED, 5));
        logs.append(job + "/algo-1-1", "epoch=1 train_loss=0.3");
        for (int i = 0; i < 3; i++) {
            sageMaker.listPages.add(software.amazon.awssdk.services.sagemaker.model.ListTrainingJobsResponse.builder()
                    .build());
        }

        assertThat(run("jobs", "list").exitCode()).isZero();
        assertThat(run("jobs", "list", "--name", "a-" + "b".repeat(61), "--max", "1000").exitCode()).isZero();
        assertThat(run("jobs", "list", "--all").exitCode()).isZero();
        assertThat(run("jobs", "status", job).exitCode()).isZero();
        assertThat(run("jobs", "wait", job, "--poll", "1").exitCode()).isZero();
        assertThat(run("jobs", "logs", job).exitCode()).isZero();
        assertThat(run("jobs", "stop", job).exitCode()).isZero();
        CliRun dryStop = run("jobs", "stop", job, "--dry-run", "--output", "json");
        assertThat(dryStop.exitCode()).isZero();

        API.assertValid(capture.requests());
        API.assertValidCall(JsonParser.parseString(dryStop.out()));
        assertThat(JsonParser.parseString(dryStop.out())).as("the dry run prints what the real stop sent")
                .isEqualTo(ModelJson.call(capture.requests().stream()
                        .filter(r -> RequestCapture.operation(r).equals("StopTrainingJob")).findFirst().orElseThrow()));
    }
}
