package dev.trainctl.orchestrator.moto;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real AWS emulator for the integration suite: moto's server ({@code python3 -m moto.server}) on a free port of
 * 127.0.0.1, started once per suite and stopped by its process handle. Its account is 123456789012 and any access key
 * works. Without moto the suite fails, saying how to install it: CI must never pass it by skipping it.
 */
final class MotoServer implements AutoCloseable {

    static final String ACCOUNT = "123456789012";
    static final String INSTALL = "pip install 'moto[server]==5.2.1' (the version these tests were measured with)";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final URI endpoint;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private MotoServer(Process process, URI endpoint, Path log) {
        this.process = process;
        this.endpoint = endpoint;
        this.log = log;
    }

    /** Starts moto and waits until {@code GET /moto-api/} answers; fails with the install command if it cannot. */
    static MotoServer start(Path log) throws IOException, InterruptedException {
        requireMoto();
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Process process = new ProcessBuilder(List.of("python3", "-m", "moto.server", "-p", Integer.toString(port),
                "-H", "127.0.0.1")).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        MotoServer server = new MotoServer(process, URI.create("http://127.0.0.1:" + port), log);
        try {
            server.awaitReady();
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private static void requireMoto() throws IOException, InterruptedException {
        Process check;
        try {
            check = new ProcessBuilder("python3", "-c", "import moto, moto.server; print(moto.__version__)")
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("the moto integration suite needs python3 on PATH with moto: " + INSTALL, e);
        }
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!check.waitFor(60, TimeUnit.SECONDS) || check.exitValue() != 0) {
            throw new AssertionError("the moto integration suite needs moto for python3 (" + lastLine(output)
                    + "): " + INSTALL);
        }
    }

    private void awaitReady() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("moto exited with " + process.exitValue() + ": "
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            try {
                if (http.send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/")).GET().build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            process.waitFor(200, TimeUnit.MILLISECONDS);
        }
        throw new AssertionError("moto did not answer GET /moto-api/ within " + START_TIMEOUT.toSeconds() + " s: "
                + Files.readString(log, StandardCharsets.UTF_8));
    }

    URI endpoint() {
        return endpoint;
    }

    /** Wipes every resource: what the next test sees is what it makes. */
    void reset() throws IOException, InterruptedException {
        int status = http.send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/reset"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status != 200) {
            throw new AssertionError("POST /moto-api/reset answered " + status);
        }
    }

    private static String lastLine(String output) {
        String[] lines = output.split("\\R");
        return lines.length == 0 ? "no output" : lines[lines.length - 1];
    }

    /** Stops moto (and anything it started) by its process handle; never leaves it running. */
    @Override
    public void close() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
