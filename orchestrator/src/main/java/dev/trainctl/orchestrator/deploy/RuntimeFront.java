package dev.trainctl.orchestrator.deploy;

import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * SageMaker Runtime, emulated for one endpoint: {@code POST /endpoints/NAME/invocations} (InvokeEndpoint's HTTP
 * shape, so the SDK's own client calls it) is passed to the serving container's {@code /invocations}. As SageMaker
 * does, a payload over 4 MB is a ValidationError, and an answer other than 200 from the container comes back as a
 * ModelError (424) carrying the container's status and message. Only requests with the endpoint's secret are
 * served, so only the user who deployed it can call it; {@code POST /trainctl/stop} with the secret ends the
 * emulation ({@code undeploy --on emulated}).
 */
final class RuntimeFront implements AutoCloseable {

    static final String STOP = "/trainctl/stop";

    private final HttpServer server;
    private final ExecutorService workers;
    private final String endpoint;
    private final byte[] token;
    private final URI container;
    private final Runnable onStop;
    private final Consumer<String> log;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private RuntimeFront(HttpServer server, ExecutorService workers, String endpoint, String token, URI container,
            Runnable onStop, Consumer<String> log) {
        this.server = server;
        this.workers = workers;
        this.endpoint = endpoint;
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.container = container;
        this.onStop = onStop;
        this.log = log;
    }

    /** Listens on 127.0.0.1:{@code port} (0: any free port). */
    static RuntimeFront start(int port, String endpoint, String token, URI container, Runnable onStop,
            Consumer<String> log) throws IOException {
        // As for the container's server: no Nagle delay on small answers.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        ExecutorService workers = Executors.newFixedThreadPool(4, r -> {
            Thread thread = new Thread(r, "trainctl-runtime-front");
            thread.setDaemon(true);
            return thread;
        });
        RuntimeFront front = new RuntimeFront(server, workers, endpoint, token, container, onStop, log);
        server.createContext("/", front::handle);
        server.setExecutor(workers);
        server.start();
        return front;
    }

    URI address() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
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
            if (path.equals(STOP) && exchange.getRequestMethod().equals("POST")) {
                exchange.getRequestBody().close();
                exchange.sendResponseHeaders(202, -1);
                onStop.run();
            } else if (path.equals("/endpoints/" + endpoint + "/invocations")
                    && exchange.getRequestMethod().equals("POST")) {
                invoke(exchange);
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
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(ServingLimits.MAX_PAYLOAD_BYTES + 1);
        }
        if (body.length > ServingLimits.MAX_PAYLOAD_BYTES) {
            error(exchange, 400, "ValidationError", "the request payload is larger than "
                    + ServingLimits.MAX_PAYLOAD_BYTES + " bytes, the limit of a serverless endpoint");
            return;
        }
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
        workers.shutdownNow();
    }
}
