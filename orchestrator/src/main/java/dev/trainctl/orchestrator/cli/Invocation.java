package dev.trainctl.orchestrator.cli;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.apache.commons.cli.CommandLine;

/** What a command is run with: its parsed options, the global options and the console. */
public record Invocation(CommandLine commandLine, GlobalOptions global, Console console) {

    /** The smallest rate taken: smaller ones are 0 in the float32 the trainer computes with. */
    static final double SMALLEST_RATE = 1e-38;

    public boolean has(String option) {
        return commandLine.hasOption(option);
    }

    public Optional<String> value(String option) {
        return Optional.ofNullable(commandLine.getOptionValue(option));
    }

    public String value(String option, String fallback) {
        return commandLine.getOptionValue(option, fallback);
    }

    /** A whole-number option; a value that does not parse or lies outside [min, max] is a usage error naming both. */
    public int intValue(String option, int fallback, int min, int max) {
        return (int) longValue(option, fallback, min, max);
    }

    public long longValue(String option, long fallback, long min, long max) {
        return parsed(option, fallback, NumberText.WHOLE, Long::parseLong, value -> value >= min && value <= max,
                "a whole number from " + min + " to " + max);
    }

    /**
     * A number greater than 0 and less than {@code below} (a rate), that stays above 0 as the float32 the trainer
     * computes with.
     */
    public double positiveValue(String option, double fallback, double below) {
        return parsed(option, fallback, NumberText.DECIMAL, Double::parseDouble,
                value -> value >= SMALLEST_RATE && value < below,
                "a number greater than 0 and less than " + java.math.BigDecimal.valueOf(below).stripTrailingZeros()
                        .toPlainString() + " (at least 1e-38, about the smallest a float32 holds)");
    }

    private <T> T parsed(String option, T fallback, Pattern form, Function<String, T> parser, Predicate<T> allowed,
            String what) {
        String value = commandLine.getOptionValue(option);
        if (value == null) {
            return fallback;
        }
        T parsedValue;
        try {
            parsedValue = form.matcher(value.trim()).matches() ? parser.apply(value.trim()) : null;
        } catch (NumberFormatException e) {
            parsedValue = null;
        }
        if (parsedValue == null || !allowed.test(parsedValue)) {
            throw TrainctlException.usage("--" + option + " must be " + what + ", got '" + value + "'");
        }
        return parsedValue;
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
