package dev.trainctl.orchestrator.cli;

import java.util.List;
import org.apache.commons.cli.Options;

/** One trainctl command, such as {@code train} or {@code data fetch}. */
public interface Command {

    /** The words that select the command: {@code List.of("data", "fetch")}. */
    List<String> path();

    /** One line for the command list. */
    String summary();

    /** The command's own options; the global options are added by the parser. */
    Options options();

    /** Positional arguments, for the usage line (empty when there are none). */
    default String arguments() {
        return "";
    }

    /** Which options apply when; the CLI refuses (or warns about) those that would do nothing. */
    default OptionRules rules() {
        return OptionRules.none();
    }

    /** Runs the command; returns the exit code, or throws a {@link TrainctlException}. */
    ExitCode run(Invocation invocation) throws Exception;
}
