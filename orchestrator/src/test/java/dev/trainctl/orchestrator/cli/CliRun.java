package dev.trainctl.orchestrator.cli;

import dev.trainctl.orchestrator.Commands;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs the real CLI in-process and captures what it prints. */
public record CliRun(int exitCode, String out, String err) {

    public static CliRun of(String... args) {
        return with(Commands.all(), args);
    }

    /** Runs with stdout and stderr into one stream, in the order a terminal shows them (in {@code out}). */
    public static CliRun interleaved(String... args) {
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(both, true, StandardCharsets.UTF_8);
        int code = new CommandLineInterface("test", Commands.all(), Commands.VALUE_PROBLEMS, stream, stream).run(args);
        return new CliRun(code, both.toString(StandardCharsets.UTF_8), "");
    }

    public static CliRun with(List<Command> commands, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new CommandLineInterface("test", commands, Commands.VALUE_PROBLEMS, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
