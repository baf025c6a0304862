package dev.trainctl.orchestrator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.trainctl.orchestrator.cli.CliRun;
import dev.trainctl.orchestrator.endpoints.EmulatedEndpoints;
import dev.trainctl.orchestrator.evaluate.EvaluateCommand;
import dev.trainctl.orchestrator.predict.PredictCommand;
import dev.trainctl.training.serving.InferenceServer;
import java.awt.image.BufferedImage;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After a crash (kill -9 of deploy) its registration stays behind with the endpoint's secret. Whoever binds the
 * recorded port then must get nothing: undeploy, predict and evaluate see the entry is stale, say so, remove it, and
 * send no request at all.
 */
class StaleRegistrationTest {

    static final String NAME = "trainctl-mnist-20261205-120000-000";

    @TempDir
    Path temp;

    Map<String, String> environment;
    HttpServer forged;
    final List<String> tokensReceived = new CopyOnWriteArrayList<>();

    /** A server on the port an endpoint used: it answers as the endpoint would, and keeps every token sent to it. */
    @BeforeEach
    void someoneElseListensOnTheRecordedPort() throws Exception {
        environment = Map.of("XDG_RUNTIME_DIR", Files.createDirectories(temp.resolve("xdg")).toString());
        forged = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        forged.createContext("/", exchange -> {
            tokensReceived.add(String.valueOf(exchange.getRequestHeaders().getFirst(InferenceServer.TOKEN_HEADER)));
            byte[] answer = "{\"predictions\":[{\"digit\":7,\"probabilities\":[0,0,0,0,0,0,0,1,0,0]}]}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().equals(RuntimeFront.STOP) ? 202 : 200,
                    answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        forged.start();
    }

    @AfterEach
    void stop() {
        forged.stop(0);
    }

    /** The entry a deploy left: its process is gone, or the pid now belongs to a process started after it. */
    void leftBehind(long pid, String started, Path work) throws Exception {
        EmulatedEndpoints.forUser(environment).register(new EmulatedEndpoints.Entry(NAME, "http://127.0.0.1:"
                + forged.getAddress().getPort(), "the-secret", "s3://b/k", "arn:aws:iam::1:role/r", pid, started,
                work == null ? null : work.toString()));
    }

    static long endedProcess() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        return ended.pid();
    }

    @Test
    void undeployRemovesAStaleRegistrationAndItsFilesWithoutSendingTheSecret() throws Exception {
        Path staged = Files.createTempDirectory(EmulatedEndpoints.WORK_PREFIX);
        leftBehind(endedProcess(), Instant.now().toString(), staged);

        CliRun undeploy = CliRun.with(List.of(new UndeployCommand(invocation -> null, environment)), "undeploy",
                "--on", "emulated", NAME);

        assertThat(undeploy.exitCode()).as(undeploy.err()).isZero();
        assertThat(undeploy.out()).contains("emulated endpoint " + NAME + " is not running; its stale registration"
                + " was removed").doesNotContain("stopped;");
        assertThat(tokensReceived).isEmpty();
        assertThat(staged).doesNotExist();
        assertThat(EmulatedEndpoints.forUser(environment).find(NAME)).isEmpty();
    }

    @Test
    void predictAndEvaluateOnAReusedPidAreExit3AndSendNothing() throws Exception {
        Path picture = temp.resolve("seven.png");
        ImageIO.write(new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY), "png", picture.toFile());
        leftBehind(ProcessHandle.current().pid(), "2000-01-01T00:00:00Z", null);

        CliRun predict = CliRun.with(List.of(new PredictCommand(environment)), "predict", "--on", "emulated",
                "--endpoint", NAME, "--image", picture.toString());

        assertThat(predict.exitCode()).isEqualTo(3);
        assertThat(predict.err()).contains("emulated endpoint " + NAME + " is not running; its stale registration"
                + " was removed", "'trainctl deploy --on emulated --job " + NAME + "'");
        assertThat(predict.out()).doesNotContain("digit 7");
        assertThat(tokensReceived).isEmpty();

        leftBehind(endedProcess(), Instant.now().toString(), null);
        forged.stop(0); // nothing on the port now: still the stale registration's message, not "Connection refused"
        CliRun evaluate = CliRun.with(List.of(new EvaluateCommand(environment)), "evaluate", "--on", "emulated",
                "--endpoint", NAME);
        assertThat(evaluate.exitCode()).isEqualTo(3);
        assertThat(evaluate.err()).contains("is not running; its stale registration was removed")
                .doesNotContain("Connection refused");
        assertThat(tokensReceived).isEmpty();
    }
}
