package dev.trainctl.orchestrator.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainctl.orchestrator.Trainctl;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** trainctl in a JVM of its own, as a user runs it: its output line by line, and a Ctrl-C (SIGINT) to send. */
public final class TrainctlProcess {

    /**
     * A shell without job control starts background commands with SIGINT ignored, and the JVM then never sees a
     * Ctrl-C (a CI runner or {@code mvn verify &} does that); the child gets the default action back first.
     */
    private static final List<String> SIGINT_RESET = sigintResettable() ? List.of("env", "--default-signal=INT")
            : List.of();

    private final Process process;
    private final BufferedReader reader;
    private final List<String> output = new ArrayList<>();

    private TrainctlProcess(Process process) {
        this.process = process;
        this.reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    public static TrainctlProcess start(List<String> jvmOptions, List<String> args, Path directory) throws IOException {
        return start(jvmOptions, args, directory, java.util.Map.of(), List.of());
    }

    /**
     * As {@link #start(List, List, Path)}, with {@code environment} set and the variables named in {@code removed}
     * taken out (a run with no AWS credentials whatever this machine has).
     */
    public static TrainctlProcess start(List<String> jvmOptions, List<String> args, Path directory,
            java.util.Map<String, String> environment, List<String> removed) throws IOException {
        List<String> command = new ArrayList<>(SIGINT_RESET);
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Trainctl.class.getName()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        builder.environment().put("DJL_OFFLINE", "true");
        builder.environment().keySet().removeIf(name -> removed.stream().anyMatch(name::startsWith));
        builder.environment().putAll(environment);
        return new TrainctlProcess(builder.start());
    }

    public long pid() {
        return process.pid();
    }

    /** Reads lines until one matches (true) or the output ends (false). */
    public boolean readUntil(Predicate<String> line) throws IOException {
        for (String next; (next = reader.readLine()) != null; ) {
            output.add(next);
            if (line.test(next)) {
                return true;
            }
        }
        return false;
    }

    public void sigint() throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
    }

    /** Reads the rest, waits for the exit, checks its code and returns every line. */
    public List<String> finish(int expectedExit) throws IOException, InterruptedException {
        readUntil(line -> false);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(String.join("\n", output)).isTrue();
        assertThat(process.exitValue()).as(String.join("\n", output)).isEqualTo(expectedExit);
        return output;
    }

    private static boolean sigintResettable() {
        try {
            return new ProcessBuilder("env", "--default-signal=INT", "true").start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
