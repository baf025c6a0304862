package dev.trainctl.orchestrator.iam;

import java.util.List;
import java.util.Objects;

/**
 * One operator-key pair of a statement's {@code Condition} block with its values (ORed), e.g.
 * {@code "ForAnyValue:StringLikeIfExists": {"aws:TagKeys": ["a*", "b"]}}. The operator is validated on parsing.
 */
public record Condition(ConditionOperator operator, String key, List<String> values) {

    public Condition {
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(key, "key");
        values = List.copyOf(values);
    }
}
