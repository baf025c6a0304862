package dev.trainctl.orchestrator.tune;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trainctl.orchestrator.cli.CliRun;
import dev.trainctl.orchestrator.names.JobNames;
import dev.trainctl.orchestrator.s3serve.EmbeddedS3;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code tune --on emulated} end to end through the command line: four small trials (real MNIST, 300 images, one
 * epoch), two at a time, against an S3-compatible server started here; the best trial is chosen by the objective
 * read from each trial's log, as SageMaker reads it.
 */
class EmulatedTuningTest {

    @TempDir
    static Path temp;

    private static EmbeddedS3 server;
    private static CliRun run;
    private static JsonObject summary;

    @BeforeAll
    static void tuneFourSmallTrials() throws Exception {
        server = EmbeddedS3.start(temp.resolve("s3"), "127.0.0.1", 0);
        run = CliRun.of("tune", "--on", "emulated", "--strategy", "bayesian", "--learning-rate", "0.0003:0.03",
                "--hidden-size", "16,64", "--epochs", "1", "--max-train-samples", "300", "--max-jobs", "4",
                "--max-parallel", "2", "--endpoint-url", server.endpoint().toString(), "--region", "us-east-1",
                "--output", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        summary = JsonParser.parseString(run.out()).getAsJsonObject();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void fourTrialsRanNamedAsSageMakerNamesTrials() {
        List<JsonElement> trials = summary.getAsJsonArray("trials").asList();
        assertThat(trials).hasSize(4);
        Pattern trialName = Pattern.compile(JobNames.trialWildcard(summary.get("tuning_job_name").getAsString()
                .replaceAll("-\\d{6}-\\d{6}$", "")).replace("?", "."));
        for (JsonElement trial : trials) {
            JsonObject t = trial.getAsJsonObject();
            assertThat(t.get("status").getAsString()).isEqualTo("Completed");
            assertThat(t.get("name").getAsString()).matches(trialName).startsWith(summary.get("tuning_job_name")
                    .getAsString() + "-");
            assertThat(t.getAsJsonObject("hyperparameters").keySet()).containsExactlyInAnyOrder("learning_rate",
                    "hidden_size");
            assertThat(t.get("objective").getAsDouble()).isBetween(0.1, 1.0);
        }
    }

    @Test
    void theBestTrialHasTheHighestAccuracyAndItsModelIsInTheBucket() {
        double best = summary.getAsJsonArray("trials").asList().stream()
                .mapToDouble(t -> t.getAsJsonObject().get("objective").getAsDouble()).max().orElseThrow();

        assertThat(summary.getAsJsonObject("best_trial").get("objective").getAsDouble()).isEqualTo(best);
        String model = summary.get("best_model").getAsString();
        assertThat(model).startsWith("s3://" + EmbeddedS3.LOCAL_BUCKET + "/trainctl-mnist/output/"
                + summary.getAsJsonObject("best_trial").get("name").getAsString() + "/output/model.tar.gz");
        try (S3Client s3 = server.client()) {
            String key = model.substring(("s3://" + EmbeddedS3.LOCAL_BUCKET + "/").length());
            assertThat(s3.headObject(h -> h.bucket(EmbeddedS3.LOCAL_BUCKET).key(key)).contentLength()).isPositive();
        }
    }

    @Test
    void bayesianSearchSaysItRunsAsRandomSearchOffline() {
        assertThat(run.err()).contains("--strategy bayesian needs SageMaker's search service; offline it runs as"
                + " random search");
        assertThat(summary.get("strategy").getAsString()).isEqualTo("random");
    }

    @Test
    void theSameSeedDrawsTheSameTrials() {
        var first = EmulatedTuning.plans("t-261201-100000", List.of(new SearchRange("learning_rate",
                SearchRange.Kind.CONTINUOUS_LOG, 1e-4, 1e-2, List.of())), Strategy.RANDOM, 3, 42, 1);
        var again = EmulatedTuning.plans("t-261201-100000", List.of(new SearchRange("learning_rate",
                SearchRange.Kind.CONTINUOUS_LOG, 1e-4, 1e-2, List.of())), Strategy.RANDOM, 3, 42, 1);

        assertThat(first).isEqualTo(again);
        assertThat(first).extracting(p -> Double.parseDouble(p.tuned().get("learning_rate")))
                .allMatch(lr -> lr >= 1e-4 && lr <= 1e-2).doesNotHaveDuplicates();
    }

    @Test
    void theObjectiveIsTheLastMatchOfItsRegexInTheLog() {
        List<String> log = List.of("  | epoch=1 train_loss=0.9 train_accuracy=0.7 test_loss=0.5 test_accuracy=0.81",
                "  | epoch=2 train_loss=0.4 train_accuracy=0.9 test_loss=0.3 test_accuracy=0.88",
                "  | final test_accuracy=0.880000 test_loss=0.300000 test_correct=88 test_count=100");

        assertThat(EmulatedTuning.objectiveOf(log, TuningObjective.TEST_ACCURACY)).isEqualTo(0.88);
        assertThat(EmulatedTuning.objectiveOf(log, TuningObjective.TEST_LOSS)).isEqualTo(0.3);
    }

    @Test
    void trialsRunAsTheRoleSoATrustThatAdmitsOnlyTrainingJobsFailsThem() throws Exception {
        // The trust policy as it was before tuning: it admits NAME-????????-??????-??? but no trial name.
        Path trust = temp.resolve("trust-training-jobs-only.json");
        java.nio.file.Files.writeString(trust, """
                {"Version": "2012-10-17", "Statement": {"Effect": "Allow",
                  "Principal": {"Service": "sagemaker.amazonaws.com"}, "Action": "sts:AssumeRole",
                  "Condition": {"StringEquals": {"aws:SourceAccount": "111122223333"},
                    "ArnLike": {"aws:SourceArn":
                      "arn:aws:sagemaker:us-east-1:111122223333:training-job/trainctl-mnist-????????-??????-???"}}}}
                """);

        CliRun denied = CliRun.of("tune", "--on", "emulated", "--learning-rate", "0.0003:0.03", "--epochs", "1",
                "--max-train-samples", "100", "--max-jobs", "2", "--max-parallel", "1", "--trust-policy-file",
                trust.toString(), "--endpoint-url", server.endpoint().toString(), "--region", "us-east-1",
                "--output", "json");

        assertThat(denied.exitCode()).as(denied.err()).isEqualTo(10);
        JsonObject result = JsonParser.parseString(denied.out()).getAsJsonObject();
        assertThat(result.get("status").getAsString()).isEqualTo("Failed");
        for (JsonElement trial : result.getAsJsonArray("trials")) {
            assertThat(trial.getAsJsonObject().get("status").getAsString()).isEqualTo("Failed");
            assertThat(trial.getAsJsonObject().get("failure_reason").getAsString()).contains("Could not assume role");
        }
    }
}
