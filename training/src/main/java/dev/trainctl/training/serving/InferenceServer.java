package dev.trainctl.training.serving;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * SageMaker's inference container contract over the JDK's own HTTP server: {@code GET /ping} answers 200 (the model
 * is loaded before the server starts), {@code POST /invocations} reads the images ({@link Invocations}) and answers
 * {@link PredictionsJson}. A malformed request is a 400, an oversized one a 413, an unknown type a 415, each with
 * {@code {"error": "..."}}; whatever goes wrong inside is a 500 for that request only, and the server keeps serving.
 *
 * <p>With an access token (the emulation sets one), every request must carry it in {@value #TOKEN_HEADER}, so only
 * the user who started the server can use it; a real endpoint is reached only through SageMaker and has none.
 */
public final class InferenceServer implements AutoCloseable {

    public static final String TOKEN_HEADER = "X-Trainctl-Token";
    public static final String PING = "/ping";
    public static final String INVOCATIONS = "/invocations";

    private final HttpServers.Running server;
    private final Semaphore working;
    private final Predictor predictor;
    private final Optional<byte[]> token;
    private final Consumer<String> log;

    private InferenceServer(HttpServers.Running server, int concurrency, Predictor predictor, Optional<String> token,
            Consumer<String> log) {
        this.server = server;
        this.working = new Semaphore(concurrency, true);
        this.predictor = predictor;
        this.token = token.map(t -> t.getBytes(StandardCharsets.UTF_8));
        this.log = log;
    }

    /**
     * Starts serving on {@code host:port} ({@code port} 0: any free port), decoding and predicting at most
     * {@code concurrency} invocations at once (the others wait their turn, so memory stays bounded);
     * {@code log} hears of each refused or failed request.
     */
    public static InferenceServer start(String host, int port, int concurrency, Predictor predictor,
            Optional<String> token, Consumer<String> log) throws IOException {
        InferenceServer[] inference = new InferenceServer[1];
        HttpServers.Running server = HttpServers.start(new InetSocketAddress(host, port), "trainctl-serve",
                exchange -> inference[0].handle(exchange));
        inference[0] = new InferenceServer(server, concurrency, predictor, token, log);
        return inference[0];
    }

    /** The port it listens on (the one chosen when started with 0). */
    public int port() {
        return server.port();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (token.isPresent() && !authorized(exchange)) {
                drain(exchange);
                reply(exchange, 403, PredictionsJson.error("missing or wrong " + TOKEN_HEADER + ": this server"
                        + " serves only the user who started it"));
                return;
            }
            if (path.equals(PING)) {
                drain(exchange);
                if (method.equals("GET") || method.equals("HEAD")) {
                    reply(exchange, 200, new byte[0]);
                } else {
                    reply(exchange, 405, PredictionsJson.error("use GET " + PING));
                }
            } else if (path.equals(INVOCATIONS)) {
                if (!method.equals("POST")) {
                    drain(exchange);
                    reply(exchange, 405, PredictionsJson.error("use POST " + INVOCATIONS));
                    return;
                }
                invoke(exchange);
            } else {
                drain(exchange);
                reply(exchange, 404, PredictionsJson.error("no such path: the server answers GET " + PING
                        + " and POST " + INVOCATIONS));
            }
        } catch (IOException e) {
            log.accept("request failed: " + e.getMessage());
        }
    }

    private void invoke(HttpExchange exchange) throws IOException {
        byte[] answer;
        int status;
        try {
            byte[] body = body(exchange);
            working.acquire();
            try {
                ImageBatch batch = Invocations.read(exchange.getRequestHeaders().getFirst("Content-Type"), body);
                answer = PredictionsJson.response(predictor.predict(batch));
                status = 200;
            } finally {
                working.release();
            }
        } catch (InvocationException e) {
            status = e.status();
            answer = PredictionsJson.error(e.getMessage());
            log.accept("refused a request (" + status + "): " + e.getMessage());
        } catch (OutOfMemoryError e) {
            status = InvocationException.UNAVAILABLE;
            answer = PredictionsJson.error(InvocationException.outOfMemory().getMessage());
            log.accept("refused a request (503): out of memory");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = InvocationException.UNAVAILABLE;
            answer = PredictionsJson.error("the server is stopping");
        } catch (RuntimeException e) {
            status = 500;
            answer = PredictionsJson.error("the model failed on this request: " + e.getMessage());
            log.accept("failed a request (500): " + e);
        }
        reply(exchange, status, answer);
    }

    /** The body, read no further than the payload limit: a longer one is a 413 without buffering the rest. */
    private static byte[] body(HttpExchange exchange) throws IOException, InvocationException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(ServingLimits.MAX_PAYLOAD_BYTES + 1);
            if (body.length > ServingLimits.MAX_PAYLOAD_BYTES) {
                throw tooLarge();
            }
            return body;
        }
    }

    private static InvocationException tooLarge() {
        return new InvocationException(InvocationException.TOO_LARGE, "the request is larger than "
                + ServingLimits.MAX_PAYLOAD_BYTES + " bytes, SageMaker serverless inference's payload limit: send"
                + " fewer images per request");
    }

    private boolean authorized(HttpExchange exchange) {
        String given = exchange.getRequestHeaders().getFirst(TOKEN_HEADER);
        return given != null && MessageDigest.isEqual(token.get(), given.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Closes the request body unread: the server discards a small rest so the connection can carry the next request,
     * and closes the connection after a large one.
     */
    private static void drain(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().close();
    }

    private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** Stops accepting requests, lets those in flight finish (up to a second), and ends the request threads. */
    @Override
    public void close() {
        server.stop(1);
    }
}
