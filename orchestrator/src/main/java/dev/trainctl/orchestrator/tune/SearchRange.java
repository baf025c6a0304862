package dev.trainctl.orchestrator.tune;

import dev.trainctl.orchestrator.aws.ModelConstraints;
import dev.trainctl.orchestrator.cli.NumberText;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;

/**
 * One tuned hyperparameter and the values a tuning job may try: a continuous range searched on a log scale (the
 * learning rate), an integer range, or a list of values. {@code MIN:MAX} is a range, {@code a,b,c} a list; a single
 * value is no search at all and stays a static hyperparameter.
 *
 * @param hyperparameter the name the container reads ({@code learning_rate}, {@code hidden_size}, {@code batch_size})
 * @param kind which of the three
 * @param min the lower end of a range
 * @param max the upper end of a range
 * @param values the values of a list, as the container reads them
 */
public record SearchRange(String hyperparameter, Kind kind, double min, double max, List<String> values) {

    /** The three kinds, as SageMaker's ParameterRanges has them. */
    public enum Kind { CONTINUOUS_LOG, INTEGER, CATEGORICAL }

    public SearchRange {
        values = List.copyOf(values);
        if (kind == Kind.CATEGORICAL) {
            if (values.size() < 2 || values.stream().distinct().count() != values.size()) {
                throw new IllegalArgumentException(hyperparameter + ": a list needs at least two different values, got "
                        + values);
            }
        } else if (!(min < max)) {
            throw new IllegalArgumentException(hyperparameter + ": a range MIN:MAX needs MIN < MAX, got " + min + ":"
                    + max);
        } else if (kind == Kind.CONTINUOUS_LOG && min <= 0) {
            throw new IllegalArgumentException(hyperparameter + ": a logarithmic range must be above 0, got " + min);
        }
        if (values.size() > ModelConstraints.TUNING_CATEGORICAL_VALUES_MAX) {
            throw new IllegalArgumentException(hyperparameter + ": a list may have at most "
                    + ModelConstraints.TUNING_CATEGORICAL_VALUES_MAX + " values (CreateHyperParameterTuningJob's"
                    + " CategoricalParameterRanges[].Values), got " + values.size());
        }
        for (String value : extremes(kind, min, max, values)) {
            ModelConstraints.TUNING_PARAMETER_VALUE.problem(value).ifPresent(problem -> {
                throw new IllegalArgumentException(hyperparameter + ": " + (value.length() > 20
                        ? value.substring(0, 12) + "..." : value) + " as the request writes it: " + problem);
            });
        }
    }

    /** The values a trial can get at the edges: each value of a list, or the two ends of a range, as sent. */
    public List<String> extremes() {
        return extremes(kind, min, max, values);
    }

    private static List<String> extremes(Kind kind, double min, double max, List<String> values) {
        return kind == Kind.CATEGORICAL ? values : List.of(plain(min), plain(max));
    }

    /**
     * Reads an option's value. Empty for a single value (then it is a static hyperparameter).
     *
     * @param integer whether the hyperparameter is a whole number (then {@code MIN:MAX} is an integer range,
     *     otherwise a continuous range on a log scale)
     * @throws IllegalArgumentException naming the option and what it takes
     */
    public static Optional<SearchRange> parse(String option, String hyperparameter, String text, boolean integer) {
        String value = text.trim();
        try {
            if (value.contains(":")) {
                String[] ends = value.split(":", -1);
                if (ends.length != 2) {
                    throw new IllegalArgumentException("one ':' between MIN and MAX");
                }
                double min = number(ends[0], integer);
                double max = number(ends[1], integer);
                return Optional.of(new SearchRange(hyperparameter, integer ? Kind.INTEGER : Kind.CONTINUOUS_LOG, min,
                        max, List.of()));
            }
            if (value.contains(",")) {
                List<String> values = java.util.Arrays.stream(value.split(",", -1)).map(String::trim).toList();
                for (String v : values) {
                    number(v, integer);
                }
                return Optional.of(new SearchRange(hyperparameter, Kind.CATEGORICAL, 0, 0, values));
            }
            number(value, integer);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--" + option + " '" + text + "': " + e.getMessage() + " (a value, a range"
                    + " MIN:MAX or a list a,b,c of " + (integer ? "whole numbers" : "numbers") + ")", e);
        }
    }

    private static double number(String text, boolean integer) {
        try {
            if (!(integer ? NumberText.WHOLE : NumberText.DECIMAL).matcher(text.trim()).matches()) {
                throw new NumberFormatException(text);
            }
            double value = integer ? Integer.parseInt(text.trim()) : Double.parseDouble(text.trim());
            if (!(value > 0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException("'" + text + "' must be above 0");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a" + (integer ? " whole" : "") + " number", e);
        }
    }

    /** How many values a grid search tries: the list's length (ranges have no grid). */
    public int gridSize() {
        return kind == Kind.CATEGORICAL ? values.size() : 0;
    }

    /** A value drawn as random search does: log-uniform in a continuous range, uniform otherwise. */
    public String sample(Random random) {
        return switch (kind) {
            case CONTINUOUS_LOG -> String.format(Locale.ROOT, "%.6g",
                    Math.exp(Math.log(min) + random.nextDouble() * (Math.log(max) - Math.log(min))));
            case INTEGER -> String.valueOf((long) min + random.nextInt((int) (max - min) + 1));
            case CATEGORICAL -> values.get(random.nextInt(values.size()));
        };
    }

    /** For people: {@code learning_rate in [0.0001, 0.01] (log)}. */
    public String describe() {
        return switch (kind) {
            case CONTINUOUS_LOG -> hyperparameter + " in [" + plain(min) + ", " + plain(max) + "] (log scale)";
            case INTEGER -> hyperparameter + " in [" + (long) min + ", " + (long) max + "]";
            case CATEGORICAL -> hyperparameter + " in {" + String.join(", ", values) + "}";
        };
    }

    /** {@code 0.0001}, not {@code 1.0E-4}: how a person writes it, and a plain decimal SageMaker reads. */
    static String plain(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
