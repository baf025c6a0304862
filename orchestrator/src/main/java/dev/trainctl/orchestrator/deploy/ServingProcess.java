package dev.trainctl.orchestrator.deploy;

import dev.trainctl.orchestrator.train.CpuNatives;
import dev.trainctl.training.sagemaker.ContainerEntryPoint;
import dev.trainctl.training.sagemaker.ContainerPaths;
import dev.trainctl.training.serving.ServingEntryPoint;
import dev.trainctl.training.serving.ServingLimits;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The serving container, emulated: the image's entry point run with {@code serve} in a child JVM (the same java
 * and classpath as this process), {@code SM_ROOT} at the staged {@code /opt/ml}, listening on a free port of
 * 127.0.0.1 and answering only requests that carry the secret. Its standard input is a pipe from this process, so it
 * stops by itself when this process is gone however it ends. No {@code AWS_*} variable reaches it: the container
 * needs no credentials, and the user's must not leak into it.
 */
public final class ServingProcess implements AutoCloseable {

    private static final Pattern SERVING = Pattern.compile(Pattern.quote(ServingEntryPoint.SERVING)
            + "127\\.0\\.0\\.1:(\\d+)");

    private final Process process;
    private final URI address;
    /** One future for the exit: {@link Process#onExit()} makes a new one per call, each completed asynchronously. */
    private final CompletableFuture<Process> exit;

    private ServingProcess(Process process, URI address) {
        this.process = process;
        this.address = address;
        this.exit = process.onExit();
    }

    /**
     * Starts the container and returns once it serves (its "serving on" line), within the 3 minutes SageMaker gives
     * a serverless container to answer /ping; {@code output} hears every line it prints.
     */
    public static ServingProcess start(ContainerPaths paths, String token, Consumer<String> output)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        for (String property : List.of("ai.djl.offline", "ai.djl.pytorch.num_threads")) {
            if (System.getProperty(property) != null) {
                command.add("-D" + property + "=" + System.getProperty(property));
            }
        }
        command.addAll(List.of("-cp", CpuNatives.forChild(System.getProperty("java.class.path"), System.getenv()),
                ContainerEntryPoint.class.getName(), "serve"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(key -> key.toUpperCase(Locale.ROOT).startsWith("AWS_"));
        builder.environment().put(ContainerPaths.ROOT_VARIABLE, paths.root().toAbsolutePath().toString());
        builder.environment().put(ServingEntryPoint.PORT_VARIABLE, "0");
        builder.environment().put(ServingEntryPoint.HOST_VARIABLE, "127.0.0.1");
        builder.environment().put(ServingEntryPoint.TOKEN_VARIABLE, token);
        builder.environment().put(ServingEntryPoint.STOP_ON_EOF_VARIABLE, "1");
        Process process = builder.start();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    output.accept(line);
                    Matcher m = SERVING.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    }
                }
            } catch (IOException e) {
                // the child is gone; its exit is handled below
            }
            port.completeExceptionally(new IOException("the serving container exited (code "
                    + waitQuietly(process) + ") before it served"));
        }, "trainctl-serving-output");
        reader.setDaemon(true);
        reader.start();
        try {
            int chosen = port.get(ServingLimits.PING_DEADLINE_SECONDS, TimeUnit.SECONDS);
            return new ServingProcess(process, URI.create("http://127.0.0.1:" + chosen));
        } catch (ExecutionException e) {
            process.destroyForcibly();
            throw new IOException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            process.destroyForcibly();
            throw new IOException("the serving container did not serve within " + ServingLimits.PING_DEADLINE_SECONDS
                    + " seconds (SageMaker's limit for a serverless endpoint)");
        }
    }

    private static int waitQuietly(Process process) {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The container's own address: {@code http://127.0.0.1:PORT}. */
    public URI address() {
        return address;
    }

    /** Ends with the child process; the same future on every call. */
    public CompletableFuture<Process> onExit() {
        return exit;
    }

    public long pid() {
        return process.pid();
    }

    /** SIGTERM, as SageMaker stops a container, then SIGKILL if it has not stopped within 10 seconds. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
