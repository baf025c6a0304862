package dev.trainctl.orchestrator.emulate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainctl.orchestrator.cli.CliRun;
import dev.trainctl.orchestrator.s3serve.EmbeddedS3;
import dev.trainctl.training.files.Tarball;
import dev.trainctl.training.train.SyntheticModel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Every form a --model can take, and the near misses: each works or fails in words, before anything starts. */
class ModelLocationTest {

    @TempDir
    Path temp;

    @Test
    void aLocalModelTarGzIsUnpackedAndEvaluated() throws Exception {
        Path model = temp.resolve("model");
        SyntheticModel.train(model, 3, 1);
        Path archive = temp.resolve("model.tar.gz");
        Tarball.pack(model, archive);

        CliRun run = CliRun.of("evaluate", "--model", archive.toString(), "--dataset", "mnist");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("unpacked " + archive + " into ")
                .contains("\n" + archive + " on mnist test set: accuracy ");
    }

    @Test
    void nearMissesOfAnS3UriAreUsageErrorsThatShowTheFixBeforeAnyServerStarts() {
        for (String location : new String[] {"S3://bucket/m/model.tar.gz", "s3:/bucket/m/model.tar.gz",
                "s3:bucket/m/model.tar.gz"}) {
            CliRun run = CliRun.of("evaluate", "--model", location);

            assertThat(run.exitCode()).as(location).isEqualTo(2);
            assertThat(run.err()).as(location).isEqualTo("trainctl: '" + location + "' is not an S3 URI: write"
                    + " s3://bucket/m/model.tar.gz (lower-case s3, two slashes)\nsee 'trainctl evaluate --help'\n");
        }
    }

    @Test
    void anS3LocationThatIsNotAModelTarGzFailsBeforeAnyServerStarts() {
        CliRun run = CliRun.of("predict", "--index", "0", "--model", "s3://bucket/trainctl-mnist/output/job/");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("trainctl: 's3://bucket/trainctl-mnist/output/job/' is not a model.tar.gz")
                .doesNotContain("embedded");
    }

    @Test
    void aFileThatIsNotAnArchiveIsNamedAsSuch() throws Exception {
        Path notes = Files.writeString(temp.resolve("notes.txt"), "not a model");

        CliRun run = CliRun.of("evaluate", "--model", notes.toString());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).isEqualTo("trainctl: " + notes + " is a file: a model is a directory that 'trainctl"
                + " train' wrote, or a model.tar.gz\n");
    }

    @Test
    void anS3ObjectThatIsNotAGzipTarballIsNamedByItsUri() throws Exception {
        try (EmbeddedS3 server = EmbeddedS3.start(temp.resolve("s3"), "127.0.0.1", 0);
                S3Client s3 = server.client()) {
            String key = "trainctl-mnist/output/job/output/model.tar.gz";
            s3.createBucket(b -> b.bucket(EmbeddedS3.LOCAL_BUCKET));
            s3.putObject(b -> b.bucket(EmbeddedS3.LOCAL_BUCKET).key(key),
                    RequestBody.fromString("<html>not a tarball</html>"));
            String location = "s3://" + EmbeddedS3.LOCAL_BUCKET + "/" + key;

            CliRun run = CliRun.of("evaluate", "--model", location, "--endpoint-url", server.endpoint().toString(),
                    "--region", "us-east-1");

            assertThat(run.exitCode()).isEqualTo(3);
            assertThat(run.err()).contains("trainctl: " + location + " is not a readable model.tar.gz (")
                    .doesNotContain("/tmp/").doesNotContain("Exception");
        }
    }
}
