package dev.trainctl.orchestrator.cli;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.PrintStream;

/**
 * Where a command writes. In text mode, human lines go to stdout. In JSON mode stdout carries exactly one JSON
 * document (the command's result) and human lines go to stderr, so {@code trainctl ... --output json | jq} works.
 */
public final class Console {

    /** snake_case field names, as in model.json and the AWS CLI's output. */
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping()
            .setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES)
            .serializeSpecialFloatingPointValues().create();

    private final PrintStream out;
    private final PrintStream err;
    private final OutputFormat format;
    private final boolean verbose;

    public Console(PrintStream out, PrintStream err, OutputFormat format, boolean verbose) {
        this.out = out;
        this.err = err;
        this.format = format;
        this.verbose = verbose;
    }

    /**
     * A line for people: stdout in text mode, stderr in JSON mode. Like everything this class prints for people, it
     * passes through {@link TerminalText#escapeKeepingLines}: no control character but tab and newline reaches the
     * terminal. Outside text in it must still be escaped with {@link TerminalText#escape} where it is put in, so
     * that it cannot start a line of its own.
     */
    public void say(String line) {
        (format == OutputFormat.JSON ? err : out).println(TerminalText.escapeKeepingLines(line));
    }

    /** A line only shown with {@code -v}, always on stderr. */
    public void verbose(String line) {
        if (verbose) {
            err.println(TerminalText.escapeKeepingLines(line));
        }
    }

    /** A warning or progress note, always on stderr. */
    public void warn(String line) {
        err.println(TerminalText.escapeKeepingLines(line));
    }

    /** The command's result as JSON on stdout; does nothing in text mode. */
    public void result(Object value) {
        if (format == OutputFormat.JSON) {
            out.println(GSON.toJson(value));
        }
    }

    public boolean json() {
        return format == OutputFormat.JSON;
    }

    public boolean isVerbose() {
        return verbose;
    }

    /** The stream for progress bars and other live output: never stdout, which may carry JSON. */
    public PrintStream progressStream() {
        return err;
    }

    public PrintStream out() {
        return out;
    }

    public static Gson gson() {
        return GSON;
    }
}
