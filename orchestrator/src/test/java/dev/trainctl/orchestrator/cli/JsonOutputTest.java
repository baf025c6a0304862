package dev.trainctl.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import dev.trainctl.orchestrator.Commands;
import dev.trainctl.orchestrator.aws.AwsClients;
import dev.trainctl.orchestrator.fakes.Cli;
import dev.trainctl.orchestrator.jobs.JobsCommands;
import dev.trainctl.orchestrator.jobs.RecordingSageMaker;
import dev.trainctl.orchestrator.jobs.ScriptedLogs;
import dev.trainctl.orchestrator.provision.ProvisionCommand;
import dev.trainctl.orchestrator.rolecheck.RoleCheckRuns;
import dev.trainctl.orchestrator.teardown.TeardownCommand;
import dev.trainctl.orchestrator.whoami.WhoamiCommand;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.ListTrainingJobsResponse;
import software.amazon.awssdk.services.sagemaker.model.MetricData;
import software.amazon.awssdk.services.sagemaker.model.TrainingJobStatus;
import software.amazon.awssdk.services.sagemaker.model.TrainingJobSummary;

/**
 * One JSON vocabulary: every command with {@code --output json} prints exactly one JSON document on stdout, with
 * snake_case keys. Keys inside AWS's own documents keep AWS's names: the rule descends only into trainctl's own keys,
 * and the fields in {@link #AWS_DOCUMENTS} hold AWS documents. A command in {@code Commands.all()} must be run here
 * ({@link #runs}) or named in {@link #CHECKED_ELSEWHERE} with the reason; otherwise {@link #everyCommandIsCovered}
 * fails and names it. Train runs one short epoch on MNIST (fetched like RealMnistTrainingTest).
 */
class JsonOutputTest {

    /**
     * Fields whose keys are someone else's names: an AWS request or policy document, IAM condition keys (a
     * simulation row's context), environment variables (doctor), a job's SageMaker metric names (final_metrics, as
 * the MetricDefinitions name them: test:accuracy).
     */
    static final Set<String> AWS_DOCUMENTS = Set.of("request", "document", "policy", "context", "environment",
            "final_metrics");

    /** Commands not run here, and why; each reason names where its JSON keys are checked. */
    static final Map<String, String> CHECKED_ELSEWHERE = Map.of(
            "s3 serve", "runs until Ctrl-C; its keys (endpoint, directory, credentials_file, access_key) are snake_case literals",
            "image push", "builds an image (tens of MB); keys image, digest",
            "account check", "needs six scripted AWS clients; AccountCheckCommandTest.jsonIsOneDocumentWithSnakeCaseKeys",
            "tune", "TuneCommandTest runs it --on emulated and --on sagemaker with --output json and checks the keys",
            "tune status", "TuneCommandTest", "tune wait", "TuneCommandTest", "tune stop", "TuneCommandTest",
            "tune list", "TuneCommandTest",
            "deploy", "DeployCommandTest.deployingTheSameModelAgainChangesNothing (--output json: endpoint_name,"
                    + " already_deployed, ...); --on emulated runs until stopped: EmulatedDeploymentTest"
                    + ".withOutputJsonTheEndpointIsOneDocumentOnStdout... (endpoint_name, url, pid, model, role_arn)",
            "undeploy", "DeployCommandTest and EmulatedDeploymentTest (keys endpoint_name, deleted, stopped)");

    private static final String JOB = "trainctl-mnist-20261125-090000-000";

    @TempDir
    static Path dir;

    private static final Map<String, List<CliRun>> runs = new LinkedHashMap<>();

    @BeforeAll
    static void runEveryCommandWithJsonOutput() {
        String model = dir.resolve("model").toString();
        run("train", CliRun.of("train", "--epochs", "1", "--max-train-samples", "500", "--model-dir", model,
                "--checkpoint-dir", dir.resolve("checkpoints").toString(), "--output", "json"));
        run("train", CliRun.of("--region", "eu-west-1", "train", "--on", "sagemaker", "--dry-run", "--output", "json"));
        run("data fetch", CliRun.of("data", "fetch", "--output", "json"));
        run("evaluate", CliRun.of("evaluate", "--model", model, "--output", "json"));
        run("predict", CliRun.of("predict", "--model", model, "--index", "0", "--output", "json"));
        run("doctor", CliRun.of("doctor", "--output", "json"));
        run("policy show", CliRun.of("--region", "us-east-1", "policy", "show", "--account", "123456789012", "--output",
                "json"));
        run("whoami", faked(cli -> new WhoamiCommand(cli.clients()), "whoami", "--output", "json"));
        run("provision", faked(cli -> new ProvisionCommand(cli.clients(), seconds -> { }, Duration.ZERO),
                "provision", "--dry-run", "--output", "json"));
        run("teardown", faked(cli -> new TeardownCommand(cli.clients(),
                () -> new BufferedReader(new StringReader(""))), "teardown", "--dry-run", "--output", "json"));
        run("role check", RoleCheckRuns.onOurRole("--output", "json"));
        run("report", CliRun.of("report", "--model", model, "--out", dir.resolve("report").toString(), "--output",
                "json"));
        run("policy simulate", CliRun.of("policy", "simulate", "--policy-file", policyFile(), "--action",
                "s3:GetObject", "--resource", "arn:aws:s3:::bucket/key", "--output", "json"));
        run("policy lint", CliRun.of("policy", "lint", "--policy-file", policyFile(), "--policy-file", policyFile(),
                "--output", "json"));
        runJobs();
    }

    /** The jobs commands against a scripted SageMaker and CloudWatch Logs. */
    private static void runJobs() {
        RecordingSageMaker sageMaker = new RecordingSageMaker();
        ScriptedLogs logs = new ScriptedLogs();
        logs.append(JOB + "/algo-1-1700000000", "epoch=1 train_loss=0.35 test_accuracy=0.94");
        Supplier<DescribeTrainingJobResponse> completed = () -> DescribeTrainingJobResponse.builder()
                .trainingJobName(JOB).trainingJobStatus(TrainingJobStatus.COMPLETED).secondaryStatus("Completed")
                .resourceConfig(r -> r.instanceType("ml.t3.medium")).billableTimeInSeconds(120)
                .trainingTimeInSeconds(120).finalMetricDataList(MetricData.builder().metricName("test:accuracy")
                        .value(0.94f).build())
                .modelArtifacts(m -> m.s3ModelArtifacts("s3://b/trainctl-mnist/output/" + JOB + "/output/model.tar.gz"))
                .build();
        for (int i = 0; i < 8; i++) {
            sageMaker.describes.add(completed);
        }
        sageMaker.listPages.add(ListTrainingJobsResponse.builder().trainingJobSummaries(TrainingJobSummary.builder()
                .trainingJobName(JOB).trainingJobStatus(TrainingJobStatus.COMPLETED).secondaryStatus("Completed")
                .creationTime(Instant.parse("2026-11-25T09:00:00Z")).build()).build());
        List<Command> jobs = JobsCommands.all(invocation -> AwsClients.create(invocation.global(), invocation.console(),
                Map.of()).using(Region.EU_WEST_1).using(sageMaker).using(logs), duration -> { });
        run("jobs list", CliRun.with(jobs, "jobs", "list", "--output", "json"));
        run("jobs status", CliRun.with(jobs, "jobs", "status", JOB, "--output", "json"));
        run("jobs wait", CliRun.with(jobs, "jobs", "wait", JOB, "--no-logs", "--poll", "0", "--output", "json"));
        run("jobs logs", CliRun.with(jobs, "jobs", "logs", JOB, "--output", "json"));
        run("jobs stop", CliRun.with(jobs, "jobs", "stop", JOB, "--output", "json"));
    }

    private static String policyFile() {
        Path file = dir.resolve("policy.json");
        try {
            java.nio.file.Files.writeString(file, "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Sid\": \"Read\","
                    + " \"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::bucket/*\"}]}");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return file.toString();
    }

    private static CliRun faked(Function<Cli, Command> command, String... args) {
        Cli cli = new Cli();
        int code = cli.run(command.apply(cli), args);
        return new CliRun(code, cli.out, cli.err);
    }

    private static void run(String command, CliRun run) {
        runs.computeIfAbsent(command, k -> new ArrayList<>()).add(run);
    }

    @Test
    void everyCommandIsCovered() {
        Set<String> uncovered = new TreeSet<>();
        for (Command command : Commands.all()) {
            String name = String.join(" ", command.path());
            if (!runs.containsKey(name) && !CHECKED_ELSEWHERE.containsKey(name)) {
                uncovered.add(name);
            }
        }
        assertThat(uncovered).as("commands neither run by JsonOutputTest nor listed in CHECKED_ELSEWHERE").isEmpty();
    }

    @Test
    void eachPrintsExactlyOneJsonDocumentWithSnakeCaseKeys() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, List<CliRun>> entry : runs.entrySet()) {
            for (CliRun run : entry.getValue()) {
                assertThat(run.exitCode()).as(entry.getKey() + ": " + run.err()).isIn(0, 11);
                JsonElement document = onlyDocument(entry.getKey(), run.out());
                List<String> keys = new ArrayList<>();
                boolean awsRoot = entry.getKey().equals("policy show");
                collectKeys(document, awsRoot ? Set.of("trust", "role", "serving_trust", "serving_role",
                        "boundary", "caller", "caller_resources", "caller_serving", "provisioner", "rolecheck", "account")
                        : Set.of(), keys);
                keys.stream().filter(k -> !k.matches("[a-z][a-z0-9]*(_[a-z0-9]+)*"))
                        .forEach(k -> problems.add(entry.getKey() + ": key '" + k + "'"));
            }
        }
        assertThat(problems).as("keys that are not snake_case").isEmpty();
    }

    @Test
    void aTestResultHasTheSameNamesInTrainAndEvaluate() {
        var trained = JsonParser.parseString(runs.get("train").get(0).out()).getAsJsonObject();
        var evaluated = JsonParser.parseString(runs.get("evaluate").get(0).out()).getAsJsonObject();

        for (String key : List.of("test_accuracy", "test_correct", "test_count")) {
            assertThat(evaluated.get(key)).as(key).isEqualTo(trained.get(key));
        }
    }

    private static JsonElement onlyDocument(String command, String out) throws IOException {
        JsonReader reader = new JsonReader(new StringReader(out));
        JsonElement document = JsonParser.parseReader(reader);
        assertThat(reader.peek()).as(command + ": stdout holds more than one JSON document:\n" + out)
                .isEqualTo(JsonToken.END_DOCUMENT);
        return document;
    }

    /** trainctl's own keys: every key, except below a field that holds an AWS document. */
    private static void collectKeys(JsonElement element, Set<String> awsFields, List<String> keys) {
        if (element.isJsonObject()) {
            element.getAsJsonObject().entrySet().forEach(e -> {
                keys.add(e.getKey());
                if (!AWS_DOCUMENTS.contains(e.getKey()) && !awsFields.contains(e.getKey())) {
                    collectKeys(e.getValue(), Set.of(), keys);
                }
            });
        } else if (element.isJsonArray()) {
            element.getAsJsonArray().forEach(e -> collectKeys(e, awsFields, keys));
        }
    }
}
