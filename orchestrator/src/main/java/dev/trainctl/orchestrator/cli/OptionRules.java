package dev.trainctl.orchestrator.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which of a command's options (its own and the global ones) do something, and when: declared once per command and
 * checked by {@link CommandLineInterface} before the command runs, so an option that would be silently dropped is an
 * error (or, where a script that passes it everywhere is reasonable, a warning) naming the option and why.
 *
 * <pre>{@code
 * OptionRules.modes("on", "local", "emulated", "sagemaker")
 *         .onlyIn(Set.of("local"), "model-dir", "resume")
 *         .requires("max-wait", "spot")
 *         .conflicts("gpu", "instance-type")
 * }</pre>
 */
public final class OptionRules {

    /** What the user gave: option names (long form, globals included) and the value of each. */
    public interface Given {
        boolean has(String option);

        String value(String option);

        /** The positional arguments. */
        List<String> arguments();
    }

    /** A broken rule: an error (usage, exit 2) or a warning printed on stderr. */
    public record Problem(boolean error, String message) {}

    /** {@code byMode}: the message adds the mode in force. */
    private record Rule(String option, Predicate<Given> applies, boolean error, String why, boolean byMode) {
        Rule(String option, Predicate<Given> applies, boolean error, String why) {
            this(option, applies, error, why, false);
        }
    }

    /** The AWS options every command accepts; they do nothing for a command that never talks to AWS. */
    public static final List<String> AWS_GLOBALS = List.of("region", "profile", "endpoint-url");

    private final String modeOption;
    private final List<String> modes;
    private final List<Rule> rules = new ArrayList<>();
    private final java.util.Set<String> repeatable = new java.util.HashSet<>();

    private OptionRules(String modeOption, List<String> modes) {
        this.modeOption = modeOption;
        this.modes = modes;
    }

    /** A command whose options all apply together. */
    public static OptionRules none() {
        return new OptionRules(null, List.of());
    }

    /** A command that never talks to AWS: {@code --dry-run} is an error, the AWS options a warning. */
    public static OptionRules offline() {
        return none().unused("does nothing here: this command sends no AWS requests", "dry-run")
                .warnUnused("does nothing here: this command never talks to AWS", AWS_GLOBALS.toArray(String[]::new));
    }

    /** A command with modes chosen by {@code --option}; the first mode is the default. */
    public static OptionRules modes(String option, String... modes) {
        return new OptionRules(option, List.of(modes));
    }

    /**
     * These options may be given more than once, each time adding a value (their help says "repeatable"); every other
     * option given twice is a usage error, since one of the two values would be dropped.
     */
    public OptionRules repeatable(String... options) {
        repeatable.addAll(List.of(options));
        return this;
    }

    /** The option that picks the mode ({@code on}), if the command has modes. */
    public Optional<String> modeOption() {
        return Optional.ofNullable(modeOption);
    }

    /** The modes, the default first (empty when the command has none). */
    public List<String> modes() {
        return modes;
    }

    /** The repeatable options, sorted (the docs list them). */
    public List<String> repeatableOptions() {
        return repeatable.stream().sorted().toList();
    }

    public boolean isRepeatable(String option) {
        return repeatable.contains(option);
    }

    /** These options only do something in the given modes: an error in the others. */
    public OptionRules onlyIn(Set<String> inModes, String... options) {
        return onlyIn(inModes, true, options);
    }

    /** As {@link #onlyIn}, but a warning: for global options that a script may pass to every command. */
    public OptionRules warnUnlessIn(Set<String> inModes, String... options) {
        return onlyIn(inModes, false, options);
    }

    private OptionRules onlyIn(Set<String> inModes, boolean error, String... options) {
        for (String option : options) {
            rules.add(new Rule(option, given -> inModes.contains(mode(given)), error,
                    "only applies with --" + modeOption + " " + String.join("|", modes.stream()
                            .filter(inModes::contains).toList()), true));
        }
        return this;
    }

    /** These options never do anything for this command: an error ({@code --dry-run} where nothing is sent). */
    public OptionRules unused(String why, String... options) {
        for (String option : options) {
            rules.add(new Rule(option, given -> false, true, why));
        }
        return this;
    }

    /** As {@link #unused}, but a warning (the AWS options on a command that never talks to AWS). */
    public OptionRules warnUnused(String why, String... options) {
        for (String option : options) {
            rules.add(new Rule(option, given -> false, false, why));
        }
        return this;
    }

    /**
     * These options only do something when {@code applies} holds for what was given: otherwise an error, or a warning
     * (the AWS options, which a script may pass to every command), saying {@code why}.
     */
    public OptionRules onlyWhen(Predicate<Given> applies, boolean error, String why, String... options) {
        for (String option : options) {
            rules.add(new Rule(option, applies, error, why));
        }
        return this;
    }

    /**
     * These options only do something when the first positional argument is one of {@code arguments} (or there is
     * none, which means all of them), as {@code policy show caller} uses {@code --instance-types} and {@code trust}
     * does not.
     */
    public OptionRules onlyForArguments(Set<String> arguments, String... options) {
        for (String option : options) {
            rules.add(new Rule(option, given -> given.arguments().isEmpty()
                    || arguments.contains(given.arguments().get(0).toLowerCase(java.util.Locale.ROOT)), true,
                    "only applies to " + String.join(" and ", arguments.stream().sorted().toList())));
        }
        return this;
    }

    /** {@code option} does something only together with {@code required}. */
    public OptionRules requires(String option, String required) {
        rules.add(new Rule(option, given -> given.has(required), true, "only applies with --" + required));
        return this;
    }

    /** {@code option} is ignored when {@code other} is given (or they contradict): give one. */
    public OptionRules conflicts(String option, String other) {
        rules.add(new Rule(option, given -> !given.has(other), true, "cannot be combined with --" + other
                + "; give one of them"));
        return this;
    }

    /** The mode in force: {@code --option}'s value, else the default. */
    public String mode(Given given) {
        return modeOption == null || !given.has(modeOption) ? (modes.isEmpty() ? "" : modes.get(0))
                : given.value(modeOption).trim().toLowerCase(java.util.Locale.ROOT);
    }

    /** Every rule the given options break, errors first; nothing when the mode itself is unknown (the command says). */
    public List<Problem> check(Given given) {
        if (modeOption != null && !modes.contains(mode(given))) {
            return List.of();
        }
        List<Problem> problems = new ArrayList<>();
        for (Rule rule : rules) {
            if (given.has(rule.option()) && !rule.applies().test(given)) {
                problems.add(new Problem(rule.error(), "--" + rule.option() + " " + rule.why()
                        + (rule.byMode() ? " (here: --" + modeOption + " " + mode(given) + ")" : "")));
            }
        }
        problems.sort((a, b) -> Boolean.compare(b.error(), a.error()));
        return problems;
    }
}
