package dev.trainctl.training.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
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
}
