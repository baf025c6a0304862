package dev.trainctl.orchestrator.deploy;

import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import dev.trainctl.training.serving.HttpServers;
import dev.trainctl.training.serving.InferenceServer;
import dev.trainctl.training.serving.ServingLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * SageMaker Runtime, emulated for one endpoint: {@code POST /endpoints/NAME/invocations} (InvokeEndpoint's HTTP
 * shape, so the SDK's own client calls it) is passed to the serving container's {@code /invocations}. As SageMaker
 * Runtime does, a payload over the limit (4 MB for a serverless endpoint) is a 413 "HTTP content length exceeded",
 * and an answer other than 200 from the container comes back as a ModelError (424) carrying the container's status
 * and message. Only requests with the endpoint's secret are
 * served, so only the user who deployed it can call it; {@code POST /trainctl/stop} with the secret ends the
 * emulation ({@code undeploy --on emulated}).
 */
final class RuntimeFront implements AutoCloseable {

    static final String STOP = "/trainctl/stop";

    /** How much of an oversized request is read and thrown away after the 413, so the client gets to read it. */
    private static final long DISCARD_LIMIT = 8L * ServingLimits.MAX_PAYLOAD_BYTES;

    private final HttpServers.Running server;
    private final String endpoint;
    private final byte[] token;
    private final URI container;
    private final Runnable onStop;
    private final Consumer<String> log;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private RuntimeFront(HttpServers.Running server, String endpoint, String token, URI container, Runnable onStop,
            Consumer<String> log) {
        this.server = server;
        this.endpoint = endpoint;
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.container = container;
        this.onStop = onStop;
        this.log = log;
    }

    /** Listens on 127.0.0.1:{@code port} (0: any free port). */
    static RuntimeFront start(int port, String endpoint, String token, URI container, Runnable onStop,
            Consumer<String> log) throws IOException {
        RuntimeFront[] front = new RuntimeFront[1];
        HttpServers.Running server = HttpServers.start(new InetSocketAddress("127.0.0.1", port),
                "trainctl-runtime-front", exchange -> front[0].handle(exchange));
        front[0] = new RuntimeFront(server, endpoint, token, container, onStop, log);
        return front[0];
    }

    URI address() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String given = exchange.getRequestHeaders().getFirst(InferenceServer.TOKEN_HEADER);
            if (given == null || !MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8))) {
                exchange.getRequestBody().close();
                error(exchange, 403, "AccessDeniedException", "this emulated endpoint serves only the user who"
                        + " deployed it (missing or wrong " + InferenceServer.TOKEN_HEADER + ")");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            boolean post = exchange.getRequestMethod().equals("POST");
            String invocations = "/endpoints/" + endpoint + "/invocations";
            if (path.equals(STOP) && post) {
                exchange.getRequestBody().close();
                exchange.sendResponseHeaders(202, -1);
                onStop.run();
            } else if (path.equals(invocations) && post) {
                invoke(exchange);
            } else if (path.equals(invocations) || path.equals(STOP)) {
                exchange.getRequestBody().close();
                exchange.getResponseHeaders().set("Allow", "POST");
                error(exchange, 405, "MethodNotAllowed", printable(exchange.getRequestMethod()) + " " + path
                        + " is not served: InvokeEndpoint is POST " + path);
            } else {
                exchange.getRequestBody().close();
                String name = path.startsWith("/endpoints/") ? path.substring("/endpoints/".length())
                        .replaceFirst("/.*", "") : path;
                error(exchange, 400, "ValidationError", "Endpoint " + printable(name) + " not found: this emulation"
                        + " serves " + endpoint + " only");
            }
        } catch (IOException | RuntimeException e) {
            log.accept("request failed: " + e.getMessage());
        }
    }

    private void invoke(HttpExchange exchange) throws IOException {
        InputStream in = exchange.getRequestBody();
        byte[] body = declaredLength(exchange) > ServingLimits.MAX_PAYLOAD_BYTES ? null
                : in.readNBytes(ServingLimits.MAX_PAYLOAD_BYTES + 1);
        if (body == null || body.length > ServingLimits.MAX_PAYLOAD_BYTES) {
            tooLarge(exchange, in);
            return;
        }
        in.close();
        HttpRequest.Builder request = HttpRequest.newBuilder(container.resolve("/invocations"))
                .timeout(Duration.ofSeconds(ServingLimits.INVOCATION_TIMEOUT_SECONDS))
                .header(InferenceServer.TOKEN_HEADER, new String(token, StandardCharsets.UTF_8))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        Optional.ofNullable(exchange.getRequestHeaders().getFirst("Content-Type"))
                .ifPresent(type -> request.header("Content-Type", type));
        HttpResponse<byte[]> answer;
        try {
            answer = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error(exchange, 500, "InternalFailure", "interrupted");
            return;
        } catch (IOException e) {
            error(exchange, 424, "ModelError", "the serving container did not answer: " + e.getMessage());
            return;
        }
        if (answer.statusCode() == 200) {
            exchange.getResponseHeaders().set("Content-Type", answer.headers().firstValue("Content-Type")
                    .orElse("application/json"));
            exchange.getResponseHeaders().set("x-Amzn-Invoked-Production-Variant", "AllTraffic");
            send(exchange, 200, answer.body());
            return;
        }
        String original = new String(answer.body(), StandardCharsets.UTF_8);
        JsonObject json = new JsonObject();
        json.addProperty("ErrorCode", answer.statusCode() < 500 ? "CLIENT_ERROR_FROM_MODEL" : "SERVER_ERROR_FROM_MODEL");
        json.addProperty("Message", "Received " + (answer.statusCode() < 500 ? "client" : "server") + " error ("
                + answer.statusCode() + ") from primary with message \"" + original + "\".");
        json.addProperty("OriginalStatusCode", answer.statusCode());
        json.addProperty("OriginalMessage", original);
        exchange.getResponseHeaders().set("x-amzn-ErrorType", "ModelError");
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        send(exchange, 424, json.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static long declaredLength(HttpExchange exchange) {
        try {
            return Long.parseLong(exchange.getRequestHeaders().getFirst("Content-Length"));
        } catch (NumberFormatException e) {
            return -1; // chunked: counted as it is read
        }
    }

    /**
     * SageMaker Runtime's answer to a payload over the limit: 413 with {@code HTTP content length exceeded N bytes}
     * and no error type (botocore reports "An error occurred (413)"). The answer is sent first; then the rest of
     * the request is read and thrown away (up to {@link #DISCARD_LIMIT}), so a client that sends its whole request
     * before it reads gets the answer instead of a reset connection.
     */
    private static void tooLarge(HttpExchange exchange, InputStream in) throws IOException {
        JsonObject json = new JsonObject();
        json.addProperty("message", "HTTP content length exceeded " + ServingLimits.MAX_PAYLOAD_BYTES + " bytes (the"
                + " payload limit of a serverless endpoint: send fewer images per request)");
        byte[] answer = json.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(413, answer.length);
        OutputStream out = exchange.getResponseBody();
        out.write(answer);
        out.flush();
        byte[] discard = new byte[64 << 10];
        long read = 0;
        for (int n; read < DISCARD_LIMIT && (n = in.read(discard)) > 0; ) {
            read += n;
        }
        out.close();
    }

    /** An error as AWS's JSON protocols send it: the type in a header and in the body. */
    private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        JsonObject json = new JsonObject();
        json.addProperty("__type", type);
        json.addProperty("message", message);
        exchange.getResponseHeaders().set("x-amzn-ErrorType", type);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        send(exchange, status, json.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static String printable(String text) {
        String shortened = text.length() > 63 ? text.substring(0, 63) + "..." : text;
        return shortened.replaceAll("[^A-Za-z0-9._-]", "?");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
