package dev.trainctl.orchestrator.cli;

import java.util.List;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;

/** What a command is run with: its parsed options, the global options and the console. */
public record Invocation(CommandLine commandLine, GlobalOptions global, Console console) {

    public boolean has(String option) {
        return commandLine.hasOption(option);
    }

    public Optional<String> value(String option) {
        return Optional.ofNullable(commandLine.getOptionValue(option));
    }

    public String value(String option, String fallback) {
        return commandLine.getOptionValue(option, fallback);
    }

    public int intValue(String option, int fallback) {
        String value = commandLine.getOptionValue(option);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw TrainctlException.usage("--" + option + " needs a whole number, got '" + value + "'");
        }
    }

    public long longValue(String option, long fallback) {
        String value = commandLine.getOptionValue(option);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw TrainctlException.usage("--" + option + " needs a whole number, got '" + value + "'");
        }
    }

    public double doubleValue(String option, double fallback) {
        String value = commandLine.getOptionValue(option);
        if (value == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw TrainctlException.usage("--" + option + " needs a number, got '" + value + "'");
        }
    }

    /** Positional arguments left after the command words and options. */
    public List<String> arguments() {
        return commandLine.getArgList();
    }

    /** Fails with a usage error unless exactly {@code count} positional arguments were given. */
    public void requireArguments(int count, String what) {
        if (arguments().size() != count) {
            throw TrainctlException.usage("expected " + what + ", got " + (arguments().isEmpty() ? "nothing"
                    : String.join(" ", arguments())));
        }
    }
}
