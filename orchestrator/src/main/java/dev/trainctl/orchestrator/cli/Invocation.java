package dev.trainctl.orchestrator.cli;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
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
        return parsed(option, fallback, Integer::parseInt, "a whole number");
    }

    public long longValue(String option, long fallback) {
        return parsed(option, fallback, Long::parseLong, "a whole number");
    }

    public double doubleValue(String option, double fallback) {
        return parsed(option, fallback, Double::parseDouble, "a number");
    }

    private <T> T parsed(String option, T fallback, Function<String, T> parser, String what) {
        String value = commandLine.getOptionValue(option);
        if (value == null) {
            return fallback;
        }
        try {
            return parser.apply(value.trim());
        } catch (NumberFormatException e) {
            throw TrainctlException.usage("--" + option + " needs " + what + ", got '" + value + "'");
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
