package dev.trainctl.orchestrator.emulate;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trainctl.orchestrator.cli.CliRun;
import dev.trainctl.orchestrator.docs.DocBlocks;
import dev.trainctl.orchestrator.s3serve.EmbeddedS3;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The SageMaker path end to end through the real command line, as a user runs it against a separately started
 * S3-compatible server ('trainctl s3 serve'): real MNIST (fetched into the default cache like any first run), one
 * short epoch, model.tar.gz in the bucket, and 'evaluate s3://...' confirming the accuracy the job reported.
 */
class EmulatedCommandLineTest {

    @TempDir
    static Path temp;

    private static EmbeddedS3 server;
    private static JsonObject trained;

    @BeforeAll
    static void trainOnTheEmulatedPath() throws Exception {
        server = EmbeddedS3.start(temp.resolve("s3"), "127.0.0.1", 0);
        CliRun run = CliRun.of("train", "--on", "emulated", "--epochs", "1", "--max-train-samples", "2000",
                "--endpoint-url", server.endpoint().toString(), "--region", "us-east-1", "--output", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        trained = JsonParser.parseString(run.out()).getAsJsonObject();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void theModelLandsWhereSageMakerWouldPutIt() {
        String model = trained.get("model").getAsString();
        assertThat(model).startsWith("s3://" + EmbeddedS3.LOCAL_BUCKET + "/trainctl-mnist/output/trainctl-mnist-")
                .endsWith("/output/model.tar.gz");
        assertThat(trained.get("test_count").getAsInt()).isEqualTo(10_000);
        // One epoch on 2,000 images reaches about 0.79; chance is 0.1.
        assertThat(trained.get("test_accuracy").getAsDouble()).isGreaterThan(0.7);
    }

    @Test
    void theJsonSaysHowTheJobRanAndAsWhatRole() {
        assertThat(trained.get("container_runs").getAsInt()).isEqualTo(1);
        assertThat(trained.get("role_documents").getAsString()).startsWith("the documents 'trainctl provision'"
                + " creates for trainctl-mnist-execution and bucket " + EmbeddedS3.LOCAL_BUCKET);
        assertThat(trained.getAsJsonObject("final_metrics").get("test:accuracy").getAsDouble())
                .isEqualTo(trained.get("test_accuracy").getAsDouble(), org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void evaluateOnTheS3ModelReproducesTheReportedAccuracy() {
        CliRun run = CliRun.of("evaluate", "--model", trained.get("model").getAsString(),
                "--endpoint-url", server.endpoint().toString(), "--region", "us-east-1", "--output", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonObject evaluated = JsonParser.parseString(run.out()).getAsJsonObject();
        assertThat(evaluated.get("test_correct").getAsInt()).isEqualTo(trained.get("test_correct").getAsInt());
    }

    @Test
    void aSecondRunUploadsNoData() {
        CliRun run = CliRun.of("train", "--on", "emulated", "--epochs", "1", "--max-train-samples", "500",
                "--endpoint-url", server.endpoint().toString(), "--region", "us-east-1", "--output", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonObject second = JsonParser.parseString(run.out()).getAsJsonObject();
        assertThat(second.getAsJsonArray("uploaded")).isEmpty();
        assertThat(second.getAsJsonArray("unchanged")).hasSize(4);
        DocBlocks.assertFormat("emulated-endpoint", "$ trainctl --endpoint-url http://127.0.0.1:9000 train --on"
                + " emulated --epochs 1 --max-train-samples 1000\n" + run.err());
    }

    @Test
    void reportOnTheS3ModelRebuildsItFromModelTarGz() throws Exception {
        String model = trained.get("model").getAsString();
        Path out = temp.resolve("report");

        CliRun run = CliRun.of("report", "--model", model, "--out", out.toString(),
                "--endpoint-url", server.endpoint().toString(), "--region", "us-east-1");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(out.resolve("mistakes.png")).isNotEmptyFile();
        assertThat(Files.readString(out.resolve("report.html"))).contains("<code>" + model + "</code>");
    }

    @Test
    void modelTarGzShipsTheReportTheContainerWrote() throws Exception {
        Path model;
        try (S3Client s3 = server.client()) {
            model = ModelLocation.download(s3, trained.get("model").getAsString(), java.util.Optional.empty(), temp);
        }

        assertThat(model.resolve("curves.png")).isNotEmptyFile();
        assertThat(Files.readString(model.resolve("report.html")))
                .contains("in the training container (SageMaker uploads it as model.tar.gz)");
    }

    /**
     * The name's serving role handed to a training job: its trust (as provision creates it, with no IAM to read here)
     * refuses every job, so SageMaker cannot assume it and CreateTrainingJob fails before anything is uploaded.
     */
    @Test
    void theServingRoleGivenToATrainingJobFailsAtAssumeRoleNamingItsTrust() {
        String serving = "arn:aws:iam::111122223333:role/trainctl-mnist-serving";

        CliRun run = CliRun.of("train", "--on", "emulated", "--epochs", "1", "--max-train-samples", "500",
                "--role-arn", serving, "--endpoint-url", server.endpoint().toString(), "--region", "us-east-1");

        assertThat(run.exitCode()).isEqualTo(9);
        assertThat(run.out()).contains("documents: the documents 'trainctl provision' creates for"
                + " trainctl-mnist-serving").doesNotContain("uploaded");
        assertThat(run.err()).contains("trainctl: CreateTrainingJob would fail: ValidationException: Could not"
                        + " assume role " + serving + ".")
                .contains("(trainctl's evaluator: the trust policy does not allow sagemaker.amazonaws.com for"
                        + " aws:SourceAccount=111122223333, aws:SourceArn=arn:aws:sagemaker:us-east-1:111122223333:"
                        + "training-job/trainctl-mnist-");
    }

    @Test
    void evaluatingAModelInABucketThatDoesNotExistIsAMissingModel() {
        CliRun run = CliRun.of("evaluate", "--model",
                "s3://missing-bucket/trainctl-mnist/output/job/output/model.tar.gz",
                "--endpoint-url", server.endpoint().toString(), "--region", "us-east-1");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("trainctl: no model at s3://missing-bucket/trainctl-mnist/output/job/output/"
                + "model.tar.gz: the bucket or the key does not exist (NoSuchBucket)");
    }

    @Test
    void aSpotInterruptionRestartsFromTheCheckpointsInS3AsTheReadmeShows() {
        CliRun run = CliRun.interleaved("train", "--on", "emulated", "--spot", "--interrupt-at-epoch", "2", "--epochs",
                "2", "--max-train-samples", "2000", "--endpoint-url", server.endpoint().toString(), "--region",
                "us-east-1");

        org.assertj.core.api.Assertions.assertThat(run.exitCode()).as(run.out()).isZero();
        DocBlocks.assertFormat("emulated-spot", "$ trainctl train --on emulated --spot --interrupt-at-epoch 2"
                + " --epochs 2 --max-train-samples 2000\n" + run.out());
    }

    @Test
    void aRoleThatCannotReadItsCheckpointsFailsAtTheRestartAsTheReadmeShows() throws Exception {
        Path policy = Files.writeString(temp.resolve("role-before-issue-12.json"), Files.readString(
                Path.of("src/test/resources/rolecheck/role-before-issue-12.json"))
                .replace("trainctl-123456789012-eu-west-1", EmbeddedS3.LOCAL_BUCKET));

        CliRun run = CliRun.interleaved("train", "--on", "emulated", "--spot", "--interrupt-at-epoch", "1", "--epochs",
                "1", "--max-train-samples", "1000", "--role-policy-file", policy.toString(), "--endpoint-url",
                server.endpoint().toString(), "--region", "us-east-1");

        org.assertj.core.api.Assertions.assertThat(run.exitCode()).as(run.out()).isEqualTo(10);
        DocBlocks.assertFormat("emulated-spot-denied", "$ trainctl train --on emulated --spot --interrupt-at-epoch"
                + " 1 --epochs 1 --max-train-samples 1000 --role-policy-file role-before-issue-12.json\n"
                + run.out().replace(policy.toString(), "role-before-issue-12.json"));
    }
}
