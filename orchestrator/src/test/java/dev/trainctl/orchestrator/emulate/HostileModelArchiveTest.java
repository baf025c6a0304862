package dev.trainctl.orchestrator.emulate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainctl.orchestrator.cli.CliRun;
import dev.trainctl.orchestrator.s3serve.EmbeddedS3;
import dev.trainctl.training.files.TarBytes;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A model.tar.gz in S3 is outside data: someone who can write the bucket can make it an archive bomb. {@code evaluate},
 * {@code predict} and {@code report} on such a model refuse it with exit 3 and say why, before it fills the disk or
 * the memory.
 */
class HostileModelArchiveTest {

    @TempDir
    static Path temp;
    static EmbeddedS3 server;

    @BeforeAll
    static void putHostileModels() throws Exception {
        server = EmbeddedS3.start(temp.resolve("s3"), "127.0.0.1", 0);
        try (S3Client s3 = server.client()) {
            s3.createBucket(b -> b.bucket("trainctl-local"));
            // 8 GiB declared in one entry, a few hundred bytes of gzip
            s3.putObject(p -> p.bucket("trainctl-local").key("bomb/model.tar.gz"), RequestBody.fromBytes(
                    new TarBytes().header("weights.npz", '0', (1L << 33) - 1).gzipUnterminated()));
            // a 1 GiB PAX header: read whole, it would take the heap
            s3.putObject(p -> p.bucket("trainctl-local").key("pax/model.tar.gz"), RequestBody.fromBytes(
                    new TarBytes().header("././@PaxHeader", 'x', 1L << 30).data(new byte[512]).gzipUnterminated()));
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void evaluateRefusesAnArchiveThatUnpacksBeyondTheLimit() {
        CliRun run = CliRun.of("--endpoint-url", server.endpoint().toString(), "evaluate", "--model",
                "s3://trainctl-local/bomb/model.tar.gz");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("trainctl: cannot fetch the model s3://trainctl-local/bomb/model.tar.gz:"
                + " s3://trainctl-local/bomb/model.tar.gz unpacks to more than 128 MiB (entry 'weights.npz' alone is"
                + " 8589934591 bytes): refused as an archive bomb").doesNotContain("Exception");
    }

    @Test
    void reportRefusesAGibibytePaxHeader() {
        CliRun run = CliRun.of("--endpoint-url", server.endpoint().toString(), "report", "--model",
                "s3://trainctl-local/pax/model.tar.gz", "--out", temp.resolve("report").toString());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("has a PAX header of 1073741824 bytes (the limit is 64 KiB): refused as an"
                + " archive bomb").doesNotContain("OutOfMemoryError");
    }
}
