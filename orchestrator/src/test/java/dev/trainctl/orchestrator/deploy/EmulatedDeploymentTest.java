package dev.trainctl.orchestrator.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trainctl.orchestrator.cli.CliRun;
import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.TrainctlException;
import dev.trainctl.orchestrator.docs.DocBlocks;
import dev.trainctl.orchestrator.emulate.EmulatedTraining;
import dev.trainctl.orchestrator.emulate.JobRoleDocuments;
import dev.trainctl.orchestrator.endpoints.EmulatedEndpoints;
import dev.trainctl.orchestrator.endpoints.EmulatedRuntimeClient;
import dev.trainctl.orchestrator.endpoints.EndpointInvoker;
import dev.trainctl.orchestrator.endpoints.EndpointSpec;
import dev.trainctl.orchestrator.evaluate.EvaluateCommand;
import dev.trainctl.orchestrator.names.ResourceNames;
import dev.trainctl.orchestrator.names.S3Uri;
import dev.trainctl.orchestrator.predict.PredictCommand;
import dev.trainctl.orchestrator.s3serve.EmbeddedS3;
import dev.trainctl.training.files.Tarball;
import dev.trainctl.training.train.SyntheticModel;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;

/**
 * {@code deploy --on emulated} end to end: a model in a real S3-compatible server, read as the serving role, served
 * by the image's entry point in a child JVM behind the emulated InvokeEndpoint; predict and evaluate through the
 * command line reach it by name, with the model's own accuracy; undeploy leaves nothing running.
 */
class EmulatedDeploymentTest {

    static final String JOB = "trainctl-mnist-20261205-120000-000";

    @TempDir
    static Path temp;

    static EmbeddedS3 server;
    static S3Client s3;
    static ResourceNames names;
    static Map<String, String> environment;

    @BeforeAll
    static void putATrainedModelInTheBucket() throws Exception {
        server = EmbeddedS3.start(temp.resolve("s3"), "127.0.0.1", 0);
        s3 = server.client();
        s3.createBucket(b -> b.bucket(EmbeddedS3.LOCAL_BUCKET));
        Path model = temp.resolve("model");
        SyntheticModel.train(model, 5, 1);
        Path archive = temp.resolve("model.tar.gz");
        Tarball.pack(model, archive);
        names = ResourceNames.of("aws", "111122223333", "us-east-1", "trainctl-mnist")
                .withBucket(EmbeddedS3.LOCAL_BUCKET);
        S3Uri artifact = EndpointSpec.modelOf(names, JOB);
        s3.putObject(b -> b.bucket(artifact.bucket()).key(artifact.key()), archive);
        Files.createDirectories(temp.resolve("xdg"));
        environment = Map.of("XDG_RUNTIME_DIR", temp.resolve("xdg").toString());
    }

    @AfterAll
    static void stop() {
        s3.close();
        server.close();
    }

    static EmulatedEndpoints registry() {
        return EmulatedEndpoints.forUser(environment);
    }

    /** Runs {@code deploy --on emulated} through the command line until it stops; returns it and the endpoint. */
    static CompletableFuture<CliRun> deployCli(String... more) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("deploy", "--on", "emulated", "--job", JOB,
                "--endpoint-url", server.endpoint().toString(), "--region", "us-east-1"));
        args.addAll(List.of(more));
        CompletableFuture<CliRun> run = CompletableFuture.supplyAsync(() -> deploy(args.toArray(String[]::new)));
        while (registry().find(JOB).isEmpty()) {
            if (run.isDone()) {
                throw new AssertionError("deploy ended: " + run.get().err() + run.get().out());
            }
            Thread.onSpinWait();
        }
        return run;
    }

    static CliRun deploy(String... args) {
        return CliRun.with(List.of(new DeployCommand(invocation -> dev.trainctl.orchestrator.aws.AwsClients.create(
                invocation.global(), invocation.console()), environment)), args);
    }

    static CliRun undeploy() {
        return CliRun.with(List.of(new UndeployCommand(invocation -> null, environment)), "undeploy", "--on",
                "emulated", JOB);
    }

    @Test
    void predictAndEvaluateReachTheEmulatedEndpointByNameWithTheModelsOwnAccuracy() throws Exception {
        CompletableFuture<CliRun> deploy = deployCli();
        EmulatedEndpoints.Entry entry = registry().find(JOB).orElseThrow();
        assertThat(entry.url()).startsWith("http://127.0.0.1:");

        // Real MNIST from the default cache (fetched on first use, as 'trainctl evaluate' does for a user).
        CliRun evaluate = CliRun.with(List.of(new EvaluateCommand(environment)), "evaluate", "--on", "emulated",
                "--endpoint", JOB, "--output", "json");
        CliRun predict = CliRun.with(List.of(new PredictCommand(environment)), "predict", "--on", "emulated",
                "--endpoint", JOB, "--index", "3");
        CliRun undeploy = CliRun.with(List.of(new UndeployCommand(invocation -> null, environment)), "undeploy",
                "--on", "emulated", JOB);
        CliRun deployed = deploy.get(60, TimeUnit.SECONDS);

        CliRun local = CliRun.of("evaluate", "--model", temp.resolve("model").toString(), "--dataset", "mnist",
                "--output", "json");
        assertThat(evaluate.exitCode()).as(evaluate.err()).isZero();
        assertThat(local.exitCode()).as(local.err()).isZero();
        JsonObject viaEndpoint = JsonParser.parseString(evaluate.out()).getAsJsonObject();
        JsonObject onTheModel = JsonParser.parseString(local.out()).getAsJsonObject();
        assertThat(viaEndpoint.get("test_count").getAsInt()).isEqualTo(10_000);
        assertThat(viaEndpoint.get("test_correct")).isEqualTo(onTheModel.get("test_correct"));
        assertThat(viaEndpoint.get("test_accuracy")).isEqualTo(onTheModel.get("test_accuracy"));
        assertThat(viaEndpoint.get("confusion_matrix")).isEqualTo(onTheModel.get("confusion_matrix"));
        assertThat(predict.exitCode()).as(predict.err()).isZero();
        assertThat(predict.out()).contains("mnist test image 3 via endpoint " + JOB + ": digit", "(true label ");
        assertThat(undeploy.exitCode()).as(undeploy.err()).isZero();
        assertThat(undeploy.out()).contains("stopped; nothing is left running");
        assertThat(deployed.exitCode()).as(deployed.err()).isZero();
        assertThat(deployed.out()).contains("endpoint " + JOB + ": http://127.0.0.1:", "SageMaker assumed the serving"
                + " role", "serving on 127.0.0.1:", "stopped; nothing is left running");
        DocBlocks.assertFormat("deploy-emulated",
                deployed.out().replace(server.endpoint().toString(), "http://127.0.0.1:9000"));
        DocBlocks.assertFormat("undeploy-emulated", undeploy.out());
        // With --output json the human lines go to stderr.
        DocBlocks.assertFormat("evaluate-endpoint", evaluate.err());
        assertThat(registry().list()).isEmpty();
        assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains(" serve"))).isEmpty();
    }

    @Test
    void theEmulatedRuntimeServesOnlyItsUserAndPassesTheContainersRefusalsOnAsModelErrors() throws Exception {
        CompletableFuture<CliRun> deploy = deployCli();
        EmulatedEndpoints.Entry entry = registry().find(JOB).orElseThrow();
        try {
            HttpResponse<String> stranger = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    entry.url() + "/endpoints/" + JOB + "/invocations")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(stranger.statusCode()).isEqualTo(403);

            try (SageMakerRuntimeClient runtime = EmulatedRuntimeClient.of(entry)) {
                assertThatThrownBy(() -> runtime.invokeEndpoint(r -> r.endpointName(JOB)
                        .contentType("application/json").body(software.amazon.awssdk.core.SdkBytes.fromUtf8String(
                                "{\"pixels\": [1, 2, 3]}"))))
                        .isInstanceOf(software.amazon.awssdk.services.sagemakerruntime.model.ModelErrorException.class)
                        .satisfies(e -> assertThat(((software.amazon.awssdk.services.sagemakerruntime.model
                                .ModelErrorException) e).originalStatusCode()).isEqualTo(400));
                assertThatThrownBy(() -> new EndpointInvoker(runtime).predict("trainctl-mnist-20991231-000000-000",
                        dev.trainctl.training.serving.ImageBatch.of(SyntheticModel.TEST, 0, 1)))
                        .hasMessageContaining("not found");
            }
        } finally {
            CliRun.with(List.of(new UndeployCommand(invocation -> null, environment)), "undeploy", "--on",
                    "emulated", JOB);
            assertThat(deploy.get(60, TimeUnit.SECONDS).exitCode()).isZero();
        }
    }

    @Test
    void aServingRoleThatCannotReadTheModelFailsTheDeployAsCreateEndpointWould() throws Exception {
        // The execution role's documents: it reads data/, not output/, and its trust admits training jobs only.
        EmulatedTraining.Role training = EmulatedTraining.Role.serving(new JobRoleDocuments(names.servingRoleArn(),
                "test", JobRoleDocuments.provisionedServing(names).trust(),
                JobRoleDocuments.provisioned(names).permissions(), Optional.empty(), Optional.empty()), names);
        EmulatedDeployment deployment = new EmulatedDeployment(s3, training, Optional.empty(), registry(),
                line -> { });

        assertThatThrownBy(() -> deployment.run(new EmulatedDeployment.Plan(JOB, EndpointSpec.modelOf(names, JOB),
                0), entry -> { }))
                .isInstanceOf(TrainctlException.class)
                .hasMessageContaining("s3:GetObject")
                .hasMessageContaining("ReadThisNamesModels")
                .satisfies(e -> assertThat(((TrainctlException) e).exitCode()).isEqualTo(ExitCode.AWS_ACCESS_DENIED));

        EmulatedTraining.Role wrongTrust = EmulatedTraining.Role.serving(new JobRoleDocuments(names.servingRoleArn(),
                "test", JobRoleDocuments.provisioned(names).trust(),
                JobRoleDocuments.provisionedServing(names).permissions(), Optional.empty(), Optional.empty()), names);
        assertThatThrownBy(() -> new EmulatedDeployment(s3, wrongTrust, Optional.empty(), registry(), line -> { })
                .run(new EmulatedDeployment.Plan(JOB, EndpointSpec.modelOf(names, JOB), 0), entry -> { }))
                .hasMessageContaining("CreateModel would fail")
                .hasMessageContaining("serving-trust");
        assertThat(registry().list()).isEmpty();
    }

    @Test
    void withOutputJsonTheEndpointIsOneDocumentOnStdoutAndAnOversizedPayloadIsA413AsAtSageMaker() throws Exception {
        CompletableFuture<CliRun> deploy = deployCli("--output", "json");
        EmulatedEndpoints.Entry entry = registry().find(JOB).orElseThrow();
        String invocations = entry.url() + "/endpoints/" + JOB + "/invocations";
        try {
            try (SageMakerRuntimeClient runtime = EmulatedRuntimeClient.of(entry)) {
                byte[] fiveMb = new byte[5 << 20];
                assertThatThrownBy(() -> runtime.invokeEndpoint(r -> r.endpointName(JOB)
                        .contentType("application/json").body(software.amazon.awssdk.core.SdkBytes.fromByteArray(
                                fiveMb))))
                        .isInstanceOf(software.amazon.awssdk.services.sagemakerruntime.model
                                .SageMakerRuntimeException.class)
                        .hasMessageContaining("HTTP content length exceeded 4194304 bytes")
                        .satisfies(e -> assertThat(((software.amazon.awssdk.awscore.exception.AwsServiceException) e)
                                .statusCode()).isEqualTo(413));
            }
            // Chunked, with no length to refuse it by: 7 MB, read up to the limit, answered before the rest.
            HttpResponse<String> chunked = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    invocations)).header(dev.trainctl.training.serving.InferenceServer.TOKEN_HEADER, entry.token())
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofInputStream(() ->
                            new java.io.ByteArrayInputStream(new byte[7 << 20]))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(chunked.statusCode()).isEqualTo(413);
            assertThat(chunked.body()).contains("HTTP content length exceeded");

            HttpResponse<String> get = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(invocations))
                    .header(dev.trainctl.training.serving.InferenceServer.TOKEN_HEADER, entry.token()).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(get.statusCode()).isEqualTo(405);
            assertThat(get.body()).contains("InvokeEndpoint is POST");
        } finally {
            undeploy();
        }
        CliRun deployed = deploy.get(60, TimeUnit.SECONDS);
        assertThat(deployed.exitCode()).as(deployed.err()).isZero();
        JsonObject json = JsonParser.parseString(deployed.out()).getAsJsonObject();
        assertThat(json.get("endpoint_name").getAsString()).isEqualTo(JOB);
        assertThat(json.get("url").getAsString()).isEqualTo(entry.url());
        assertThat(json.get("pid").getAsLong()).isEqualTo(ProcessHandle.current().pid());
        assertThat(json.get("model").getAsString()).isEqualTo(EndpointSpec.modelOf(names, JOB).toString());
        assertThat(json.get("role_arn").getAsString()).isEqualTo(names.servingRoleArn());
        assertThat(json.get("already_running").getAsBoolean()).isFalse();
    }

    @Test
    void aContainerThatIsKilledIsReportedAsStoppedOnItsOwn() throws Exception {
        CompletableFuture<CliRun> deploy = deployCli();
        // The container is this JVM's child java (its command line is too long for /proc to show " serve").
        ProcessHandle container;
        try {
            container = ProcessHandle.current().children()
                    .filter(p -> p.info().command().orElse("").endsWith("/java")).findFirst().orElseThrow();
        } catch (RuntimeException e) {
            undeploy();
            throw e;
        }

        container.destroyForcibly();
        CliRun deployed = deploy.get(60, TimeUnit.SECONDS);

        assertThat(deployed.exitCode()).as(deployed.out()).isEqualTo(1);
        assertThat(deployed.err()).contains("stopped on its own");
        assertThat(registry().list()).isEmpty();
    }

    @Test
    void aPortInUseIsRefusedBeforeTheModelIsFetched() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            CliRun deployed = deploy("deploy", "--on", "emulated", "--job", JOB, "--endpoint-url",
                    server.endpoint().toString(), "--region", "us-east-1", "--port",
                    Integer.toString(taken.getLocalPort()));

            assertThat(deployed.exitCode()).isEqualTo(2);
            assertThat(deployed.err()).contains("port " + taken.getLocalPort() + " on 127.0.0.1 is in use: pass"
                    + " another --port");
            assertThat(deployed.out()).doesNotContain("staged");
        }
    }
}
