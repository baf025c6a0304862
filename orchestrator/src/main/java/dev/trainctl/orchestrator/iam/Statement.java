package dev.trainctl.orchestrator.iam;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One parsed policy statement.
 *
 * @param label the Sid, or {@code #n} counting from 1 when there is none
 * @param actions the Action values, or the NotAction values when {@code notAction}
 * @param resources the Resource (or NotResource) values; empty when the statement has neither (a resource policy,
 *     whose resource is the one it is attached to)
 * @param principals the Principal (or NotPrincipal) element; empty in identity policies
 */
public record Statement(String label, Effect effect, List<String> actions, boolean notAction,
        Optional<List<String>> resources, boolean notResource, Optional<Principals> principals, boolean notPrincipal,
        List<Condition> conditions) {

    public Statement {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(effect, "effect");
        actions = List.copyOf(actions);
        resources = resources.map(List::copyOf);
        Objects.requireNonNull(principals, "principals");
        conditions = List.copyOf(conditions);
    }
}
