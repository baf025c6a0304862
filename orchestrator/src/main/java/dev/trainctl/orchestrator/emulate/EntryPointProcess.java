package dev.trainctl.orchestrator.emulate;

import dev.trainctl.orchestrator.train.CpuNatives;
import dev.trainctl.training.sagemaker.ContainerPaths;
import dev.trainctl.training.sagemaker.TrainingEntryPoint;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

/**
 * Runs the training container's entry point as SageMaker would run {@code IMAGE train}, but in a child JVM: the same
 * {@code java} and the same classpath as this process, {@code SM_ROOT} pointing at the staged directory. Its output
 * (stdout and stderr, as CloudWatch would get them) is streamed line by line.
 */
public final class EntryPointProcess {

    /** How long a Ctrl-C waits for the child to checkpoint and stop; SageMaker kills after 120 s. */
    private static final Duration CHILD_GRACE = Duration.ofSeconds(90);

    private final Path java;
    private final String classpath;

    public EntryPointProcess(Path java, String classpath) {
        this.java = java;
        this.classpath = classpath;
    }

    /** The JVM running this code. */
    public static EntryPointProcess current() {
        return new EntryPointProcess(Path.of(System.getProperty("java.home"), "bin", "java"),
                CpuNatives.forChild(System.getProperty("java.class.path"), System.getenv()));
    }

    /** What the emulator can do to the running container from its output handler. */
    public interface Container {
        /** Sends SIGTERM, as SageMaker does when a spot instance is reclaimed or the job is stopped. */
        void terminate();
    }

    /** How the child ended: its exit code, and whether this JVM was interrupted (Ctrl-C) and stopped it. */
    public record Exit(int code, boolean interrupted) {}

    /**
     * Runs job {@code jobName} to the end, handing each output line to {@code output} with a handle on the
     * container; {@code networkIsolation} as in the job's EnableNetworkIsolation. The container gets the job's name
     * as SageMaker gives it ({@code TRAINING_JOB_NAME}), so it keeps its checkpoints where a real job does. A
     * Ctrl-C here is passed on as SIGTERM (as SageMaker stops a job); once the child has stopped,
     * {@code afterInterrupt} runs, still inside this JVM's shutdown, which waits for it.
     */
    public Exit run(ContainerPaths paths, String jobName, boolean networkIsolation,
            BiConsumer<String, Container> output, Runnable afterInterrupt) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java.toString()));
        for (String property : List.of("ai.djl.offline", "ai.djl.pytorch.num_threads")) {
            if (System.getProperty(property) != null) {
                command.add("-D" + property + "=" + System.getProperty(property));
            }
        }
        command.addAll(List.of("-cp", classpath, TrainingEntryPoint.class.getName(), "train"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> environment = environment(builder.environment(), networkIsolation);
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.environment().put(ContainerPaths.ROOT_VARIABLE, paths.root().toAbsolutePath().toString());
        builder.environment().put(TrainingEntryPoint.JOB_NAME_VARIABLE, jobName);
        Process process = builder.start();
        Container container = () -> process.toHandle().destroy();
        AtomicBoolean interrupted = new AtomicBoolean();
        Thread forward = new Thread(() -> {
            interrupted.set(true);
            process.toHandle().destroy();
            try {
                // The entry point saves a checkpoint within its own grace period.
                process.waitFor(CHILD_GRACE.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            afterInterrupt.run();
        }, "trainctl-emulated-sigterm");
        Runtime.getRuntime().addShutdownHook(forward);
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                output.accept(line, container);
            }
            int code = process.waitFor();
            return new Exit(code, interrupted.get());
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(forward);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running and has sent SIGTERM.
            }
        }
    }

    /**
     * The container's environment: under network isolation SageMaker gives the container no credentials (no
     * role credentials endpoint), so every {@code AWS_*} variable of this process (keys, session token, profile,
     * endpoint) is left out; with network access the container gets this process's environment as it is.
     */
    static Map<String, String> environment(Map<String, String> parent, boolean networkIsolation) {
        Map<String, String> environment = new TreeMap<>(parent);
        if (networkIsolation) {
            environment.keySet().removeIf(key -> key.toUpperCase(Locale.ROOT).startsWith("AWS_"));
        }
        return environment;
    }
}
