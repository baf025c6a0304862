package dev.trainctl.training.serving;

import ai.djl.Device;
import dev.trainctl.training.artifacts.ModelArtifacts;
import dev.trainctl.training.artifacts.TrainedModel;
import dev.trainctl.training.engine.EngineThreads;
import dev.trainctl.training.sagemaker.ContainerPaths;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * The inference container's entry point: SageMaker runs {@code IMAGE serve} with the model unpacked in
 * {@code /opt/ml/model} (or under {@code $SM_ROOT}) and sends HTTP to port 8080 ({@code SAGEMAKER_BIND_TO_PORT}
 * when SageMaker sets it). It loads the model, then serves {@link InferenceServer} until SIGTERM. Serverless
 * endpoints have no GPU, so the model runs on the CPU.
 *
 * <p>The emulation ({@code deploy --on emulated}) also sets {@value #HOST_VARIABLE} (127.0.0.1), {@value #TOKEN_VARIABLE}
 * (the secret every request must carry) and {@value #STOP_ON_EOF_VARIABLE}: the server then stops when its standard
 * input closes, so it never outlives the trainctl process that started it, even one killed with SIGKILL.
 */
public final class ServingEntryPoint {

    public static final String PORT_VARIABLE = "SAGEMAKER_BIND_TO_PORT";
    public static final int DEFAULT_PORT = 8080;
    public static final String HOST_VARIABLE = "TRAINCTL_SERVE_HOST";
    public static final String TOKEN_VARIABLE = "TRAINCTL_SERVE_TOKEN";
    public static final String STOP_ON_EOF_VARIABLE = "TRAINCTL_SERVE_STOP_ON_STDIN_EOF";
    /** The line that says the server is up; the emulation reads the port from it. */
    public static final String SERVING = "serving on ";
    /**
     * Invocations decoded and predicted at once: a serverless endpoint handles one at a time per instance, and the
     * model runs one pass at a time anyway. Requests are read by {@link HttpServers#THREADS} threads, so /ping and
     * other clients are answered while slow ones send.
     */
    private static final int CONCURRENT_INVOCATIONS = 4;

    private final ContainerPaths paths;
    private final Map<String, String> environment;
    private final PrintStream out;
    private final PrintStream err;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);

    public ServingEntryPoint(ContainerPaths paths, Map<String, String> environment, PrintStream out, PrintStream err) {
        this.paths = paths;
        this.environment = environment;
        this.out = out;
        this.err = err;
    }

    /** Runs {@code serve} until SIGTERM; returns the exit code (1 when the model cannot be loaded or served). */
    public static int serve(Map<String, String> environment) {
        ServingEntryPoint entry = new ServingEntryPoint(ContainerPaths.fromEnvironment(environment), environment,
                System.out, System.err);
        Thread hook = new Thread(entry::stopAndWait, "trainctl-serve-sigterm");
        Runtime.getRuntime().addShutdownHook(hook);
        return entry.run(stdinClosed(environment));
    }

    /** Serves until {@link #stop()} (or, with {@code stdin}, until that stream ends); returns the exit code. */
    public int run(Optional<InputStream> stdin) {
        try {
            return serve(stdin);
        } finally {
            finished.countDown();
        }
    }

    private int serve(Optional<InputStream> stdin) {
        int port;
        try {
            port = port(environment.get(PORT_VARIABLE));
        } catch (IllegalArgumentException e) {
            err.println("trainctl: serve: " + e.getMessage());
            return 1;
        }
        String host = Optional.ofNullable(environment.get(HOST_VARIABLE)).filter(h -> !h.isBlank()).orElse("0.0.0.0");
        Optional<String> token = Optional.ofNullable(environment.get(TOKEN_VARIABLE)).filter(t -> !t.isBlank());
        EngineThreads.configure(EngineThreads.requestedOr(Runtime.getRuntime().availableProcessors()));
        try (TrainedModel model = ModelArtifacts.load(paths.model(), Device.cpu());
                InferenceServer server = InferenceServer.start(host, port, CONCURRENT_INVOCATIONS, Predictor.of(model), token,
                        err::println)) {
            out.println("model " + paths.model() + " loaded (" + model.card().architecture() + ", trained on "
                    + model.card().dataset() + ")");
            out.println(SERVING + host + ":" + server.port() + " (GET " + InferenceServer.PING + ", POST "
                    + InferenceServer.INVOCATIONS + ": " + String.join(", ", Invocations.CONTENT_TYPES) + ")");
            out.flush();
            stdin.ifPresent(this::stopAtEnd);
            stopped.await();
            out.println("stopping");
            return 0;
        } catch (IOException e) {
            err.println("trainctl: serve: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /** Stops serving: the JVM's shutdown hook on SIGTERM, and tests. */
    public void stop() {
        stopped.countDown();
    }

    /** SIGTERM: stop, and hold the JVM open until the server has closed (a few seconds at most). */
    private void stopAndWait() {
        stop();
        try {
            finished.await(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static int port(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_PORT;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException(PORT_VARIABLE + " must be a port number, got '" + value + "'");
    }

    private static Optional<InputStream> stdinClosed(Map<String, String> environment) {
        return "1".equals(environment.get(STOP_ON_EOF_VARIABLE)) ? Optional.of(System.in) : Optional.empty();
    }

    private void stopAtEnd(InputStream stdin) {
        Thread watch = new Thread(() -> {
            try {
                while (stdin.read() >= 0) {
                    // the parent never writes; only the end matters
                }
            } catch (IOException e) {
                // a broken pipe is an end too
            }
            err.println("trainctl: serve: the process that started this server is gone; stopping");
            stop();
        }, "trainctl-serve-parent");
        watch.setDaemon(true);
        watch.start();
    }
}
