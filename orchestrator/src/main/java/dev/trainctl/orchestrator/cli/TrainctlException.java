package dev.trainctl.orchestrator.cli;

/**
 * A failure the user can act on: the message says what failed, why, and what to do, and the exit code says which
 * kind of failure it was. The CLI prints the message as one line (no stack trace unless {@code -v}).
 */
public class TrainctlException extends RuntimeException {

    private final ExitCode exitCode;

    public TrainctlException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public TrainctlException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }

    /** A bad command line: printed with the command's usage, exit code 2. */
    public static TrainctlException usage(String message) {
        return new TrainctlException(ExitCode.USAGE, message);
    }

    /** Runs {@code step}; an IllegalArgumentException from it (a bad value the user gave) is a {@link #usage} error. */
    public static <T> T usageIfInvalid(java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }
}
