package dev.trainctl.orchestrator.iam;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether one condition holds for a request context, following
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html and
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html.
 */
final class ConditionEvaluator {

    private ConditionEvaluator() {}

    /**
     * @param missing collects the key when the condition fails because the request lacks it
     */
    static boolean holds(Condition condition, Map<String, List<String>> context, boolean variablesEnabled,
            Set<String> missing) {
        ConditionOperator op = condition.operator();
        // AWS puts a key whose value "resolves to a null data set" (an empty multivalued key) with an absent one: the
        // same answer for ForAllValues (true) and ForAnyValue (false), and Null false demands a key "that exists and
        // its value is not null" (single-vs-multi-valued context keys; multivalued context key examples). So an empty
        // set is treated as absent by every operator.
        List<String> given = Optional.ofNullable(context.get(condition.key())).filter(v -> !v.isEmpty()).orElse(null);
        if (op.base() == ConditionOperator.Base.Null) {
            // "true" asks for a key that is absent, "false" for one that is present; several values are ORed.
            return condition.values().stream().anyMatch(v -> switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "true" -> given == null;
                case "false" -> given != null;
                default -> throw new UnsupportedPolicyException("condition value '" + v + "' for Null on "
                        + condition.key() + " is not true or false");
            });
        }
        if (given == null) {
            return absent(condition, missing);
        }
        if (op.qualifier() == ConditionOperator.SetQualifier.NONE && given.size() > 1) {
            throw new UnsupportedPolicyException(op + " on " + condition.key() + " gets " + given.size()
                    + " values in the request; AWS documents multivalued keys only with ForAllValues: or"
                    + " ForAnyValue:");
        }
        List<Optional<List<Wildcards.Piece>>> wanted = condition.values().stream().map(v -> op.base().takesVariables()
                ? PolicyVariables.substitute(v, context, variablesEnabled) : Optional.of(Wildcards.pieces(v))).toList();
        ConditionOperator.Base positive = ConditionOperator.positiveTwin(op.base()).orElse(op.base());
        boolean negated = op.base().negated();
        return switch (op.qualifier()) {
            // Positive: some value matches (OR). Negated: no value matches (NOR).
            case NONE, FOR_ANY_VALUE -> given.stream().anyMatch(v -> negated != matchesAny(positive, condition.key(), v,
                    wanted));
            case FOR_ALL_VALUES -> given.stream().allMatch(v -> negated != matchesAny(positive, condition.key(), v,
                    wanted));
        };
    }

    /**
     * An absent key: "the condition is false", except that a negated operator is true; IfExists is true; ForAllValues
     * "also returns true if there are no context keys in the request"; ForAnyValue returns false.
     */
    private static boolean absent(Condition condition, Set<String> missing) {
        ConditionOperator op = condition.operator();
        boolean holds = op.ifExists() || switch (op.qualifier()) {
            case FOR_ALL_VALUES -> true;
            case FOR_ANY_VALUE -> false;
            case NONE -> op.base().negated();
        };
        if (!holds) {
            missing.add(condition.key());
        }
        return holds;
    }

    /** A policy value with no value (an unresolved variable) matches nothing, so a negated operator matches it. */
    private static boolean matchesAny(ConditionOperator.Base positive, String key, String value,
            List<Optional<List<Wildcards.Piece>>> wanted) {
        return wanted.stream().flatMap(Optional::stream)
                .anyMatch(w -> ConditionValues.matches(positive, key, value, w));
    }
}
