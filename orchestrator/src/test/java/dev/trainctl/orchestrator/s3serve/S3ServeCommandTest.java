package dev.trainctl.orchestrator.s3serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainctl.orchestrator.cli.CliRun;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class S3ServeCommandTest {

    @Test
    @Timeout(60)
    void aPortInUseIsNamedWithAnotherPortToTry(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();

            CliRun run = CliRun.of("s3", "serve", "--port", Integer.toString(port), "--dir", dir.toString());

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).startsWith("trainctl: port " + port + " on 127.0.0.1 is in use")
                    .contains("--port 0 to pick a free one").doesNotContain("Exception");
        }
    }
}
