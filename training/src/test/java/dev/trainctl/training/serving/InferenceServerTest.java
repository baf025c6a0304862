package dev.trainctl.training.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InferenceServerTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final AtomicBoolean fail = new AtomicBoolean();
    private InferenceServer server;

    /** Predicts the first pixel's value modulo 10, or fails when asked to. */
    private final Predictor stub = batch -> {
        if (fail.get()) {
            throw new IllegalStateException("boom");
        }
        List<Prediction> out = new ArrayList<>();
        for (int i = 0; i < batch.count(); i++) {
            float[] p = new float[10];
            p[(int) batch.pixels()[i * 784] % 10] = 1;
            out.add(Prediction.of(p));
        }
        return out;
    };

    private void start(Optional<String> token) throws Exception {
        server = InferenceServer.start("127.0.0.1", 0, 2, stub, token, log::add);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder at(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
    }

    private HttpRequest.Builder invoke(String contentType, byte[] body) {
        return at("/invocations").header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    private static byte[] image(int value) {
        int[] pixels = new int[784];
        Arrays.fill(pixels, value);
        return ("{\"pixels\":" + Arrays.toString(pixels) + "}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void pingAnswers200() throws Exception {
        start(Optional.empty());
        assertThat(send(at("/ping").GET()).statusCode()).isEqualTo(200);
    }

    @Test
    void anInvocationAnswersTheDigitAndTenProbabilities() throws Exception {
        start(Optional.empty());
        HttpResponse<String> response = send(invoke("application/json", image(3)));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(PredictionsJson.parse(response.body().getBytes(StandardCharsets.UTF_8)))
                .singleElement().satisfies(p -> {
                    assertThat(p.digit()).isEqualTo(3);
                    assertThat(p.probabilities()).hasSize(10);
                });
    }

    @Test
    void badRequestsGetTheirStatusAndTheServerKeepsServing() throws Exception {
        start(Optional.empty());
        assertThat(send(invoke("application/json", "{oops".getBytes(StandardCharsets.UTF_8))).statusCode())
                .isEqualTo(400);
        assertThat(send(invoke("text/plain", "1".getBytes(StandardCharsets.UTF_8))).statusCode()).isEqualTo(415);
        HttpResponse<String> large = send(invoke("application/json", new byte[ServingLimits.MAX_PAYLOAD_BYTES + 1]));
        assertThat(large.statusCode()).isEqualTo(413);
        assertThat(large.body()).contains("\"error\"", "payload limit");
        assertThat(send(at("/invocations").GET()).statusCode()).isEqualTo(405);
        assertThat(send(at("/elsewhere").GET()).statusCode()).isEqualTo(404);
        assertThat(send(invoke("application/json", image(4))).statusCode()).isEqualTo(200);
        assertThat(log).anyMatch(line -> line.contains("(413)"));
    }

    @Test
    void aFailureInsideTheModelIsA500ForThatRequestOnly() throws Exception {
        start(Optional.empty());
        fail.set(true);
        HttpResponse<String> failed = send(invoke("application/json", image(1)));
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(failed.body()).contains("boom");
        fail.set(false);
        assertThat(send(invoke("application/json", image(1))).statusCode()).isEqualTo(200);
    }

    @Test
    void withATokenOnlyRequestsCarryingItAreServed() throws Exception {
        start(Optional.of("s3cret"));
        assertThat(send(at("/ping").GET()).statusCode()).isEqualTo(403);
        assertThat(send(at("/ping").header(InferenceServer.TOKEN_HEADER, "guess").GET()).statusCode()).isEqualTo(403);
        assertThat(send(invoke("application/json", image(2))).statusCode()).isEqualTo(403);
        assertThat(send(at("/ping").header(InferenceServer.TOKEN_HEADER, "s3cret").GET()).statusCode())
                .isEqualTo(200);
        assertThat(send(invoke("application/json", image(2)).header(InferenceServer.TOKEN_HEADER, "s3cret"))
                .statusCode()).isEqualTo(200);
    }

    /** Clients that open a connection, send one byte and wait: the attack that used to hold every request thread. */
    private static List<Socket> halfOpen(int port, int count) throws Exception {
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Socket socket = new Socket("127.0.0.1", port);
            socket.getOutputStream().write('G');
            socket.getOutputStream().flush();
            sockets.add(socket);
        }
        return sockets;
    }

    @Test
    void halfOpenConnectionsDoNotStarveOtherClients() throws Exception {
        start(Optional.empty());
        List<Socket> attack = halfOpen(server.port(), 8);
        try {
            HttpResponse<String> ping = send(at("/ping").GET().timeout(Duration.ofSeconds(10)));
            HttpResponse<String> invoked = send(invoke("application/json", image(3)).timeout(Duration.ofSeconds(10)));

            assertThat(ping.statusCode()).isEqualTo(200);
            assertThat(invoked.statusCode()).isEqualTo(200);
        } finally {
            for (Socket socket : attack) {
                socket.close();
            }
        }
    }

    @Test
    void theJdkServerIsToldToBoundTheTimeToReadARequest() throws Exception {
        start(Optional.empty());
        assertThat(System.getProperty("sun.net.httpserver.maxReqTime"))
                .isEqualTo(Integer.toString(HttpServers.REQUEST_SECONDS));
        assertThat(System.getProperty("sun.net.httpserver.maxRspTime"))
                .isEqualTo(Integer.toString(HttpServers.RESPONSE_SECONDS));
    }

    /**
     * That the JDK 17 server honours the bound: in a JVM of its own (the server reads it once, at its first start)
     * with 2 seconds instead of {@link HttpServers#REQUEST_SECONDS}, a half-open client is cut off.
     */
    @Test
    void aClientThatNeverFinishesItsRequestIsCutOff() throws Exception {
        start(Optional.empty());
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dsun.net.httpserver.maxReqTime=2", "-cp", System.getProperty("java.class.path"),
                StubServer.class.getName()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line = lines.readLine();
            assertThat(line).startsWith("port ");
            Socket socket = halfOpen(Integer.parseInt(line.substring(5)), 1).get(0);
            socket.setSoTimeout(15_000);
            long start = System.nanoTime();
            int read;
            try {
                read = socket.getInputStream().read();
            } catch (SocketException reset) {
                read = -1;
            }
            assertThat(read).isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            socket.close();
        } finally {
            child.getOutputStream().close();
            child.waitFor(10, TimeUnit.SECONDS);
            child.destroyForcibly();
        }
    }
}
