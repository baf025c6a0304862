package dev.trainctl.orchestrator.aws;

import dev.trainctl.orchestrator.cli.TrainctlException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What AWS's published API model allows in one request member: a length range and a pattern that must match the whole
 * value (the model's own regular expression). trainctl checks each value a user gives against the member it ends up
 * in while it reads the options, so a value AWS would refuse is a usage error (exit 2) before any upload or request,
 * not a ValidationException after them. The constraints are copied from the models ({@link ModelConstraints}); a
 * test compares each with botocore's.
 *
 * @param service the service as botocore names it ({@code sagemaker})
 * @param operation the operation ({@code CreateTrainingJob})
 * @param member the member's path in the operation's input ({@code AlgorithmSpecification.TrainingImage}; {@code
 *     Values[]} is an item of the list {@code Values})
 * @param minLength the fewest characters
 * @param maxLength the most characters
 * @param pattern the model's pattern, matched in full
 * @param allowed what the pattern allows, in words, for the message
 */
public record ModelConstraint(String service, String operation, String member, int minLength, int maxLength,
        Pattern pattern, String allowed) {

    /** For a member whose model sets no pattern: any characters, line breaks included. */
    public static final String ANY = "(?s).*";

    public ModelConstraint(String service, String operation, String member, int minLength, int maxLength,
            String pattern, String allowed) {
        this(service, operation, member, minLength, maxLength, Pattern.compile(pattern), allowed);
    }

    /** Why AWS would refuse {@code value} here, if it would. */
    public Optional<String> problem(String value) {
        if (value.length() > maxLength) {
            return Optional.of("at most " + maxLength + " characters (" + where() + "), got " + value.length());
        }
        if (value.length() < minLength) {
            return Optional.of("at least " + minLength + " characters (" + where() + "), got " + value.length());
        }
        if (!pattern.matcher(value).matches()) {
            return Optional.of(allowed + " (" + where() + ")");
        }
        return Optional.empty();
    }

    /**
     * {@code value}, if AWS would take it here.
     *
     * @throws TrainctlException a usage error naming the option, the value (shortened) and the rule
     */
    public String require(String option, String value) {
        problem(value).ifPresent(problem -> {
            throw TrainctlException.usage(option + " '" + shortened(value) + "': " + problem);
        });
        return value;
    }

    /** {@code CreateTrainingJob's AlgorithmSpecification.TrainingImage}: where AWS sets the limit. */
    public String where() {
        return operation + "'s " + member;
    }

    private static String shortened(String value) {
        return value.length() <= 60 ? value : value.substring(0, 40) + "..." + value.substring(value.length() - 10);
    }
}
