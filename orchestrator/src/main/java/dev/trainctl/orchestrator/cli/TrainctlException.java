package dev.trainctl.orchestrator.cli;

/**
 * A failure the user can act on: the message says what failed, why, and what to do, and the exit code says which
 * kind of failure it was. The CLI prints the message as one line (no stack trace unless {@code -v}).
 */
public class TrainctlException extends RuntimeException {

    private final ExitCode exitCode;
    private final boolean pointsToHelp;

    public TrainctlException(ExitCode exitCode, String message) {
        this(exitCode, message, null);
    }

    public TrainctlException(ExitCode exitCode, String message, Throwable cause) {
        this(exitCode, message, cause, false);
    }

    private TrainctlException(ExitCode exitCode, String message, Throwable cause, boolean pointsToHelp) {
        super(message, cause);
        this.exitCode = exitCode;
        this.pointsToHelp = pointsToHelp;
    }

    public ExitCode exitCode() {
        return exitCode;
    }

    /** Whether the command's {@code --help} is the place to look (a bad option), so the CLI points to it. */
    public boolean pointsToHelp() {
        return pointsToHelp;
    }

    /** A bad command line: printed with a pointer to the command's {@code --help}, exit code 2. */
    public static TrainctlException usage(String message) {
        return new TrainctlException(ExitCode.USAGE, message, null, true);
    }

    /**
     * A value the command line gave that cannot be used as it stands (a directory that holds someone else's files,
     * or is in use): exit code 2, with the fix in the message rather than in {@code --help}.
     */
    public static TrainctlException refused(String message, Throwable cause) {
        return new TrainctlException(ExitCode.USAGE, message, cause, false);
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
