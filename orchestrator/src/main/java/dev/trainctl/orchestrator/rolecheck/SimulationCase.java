package dev.trainctl.orchestrator.rolecheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One request to simulate: an action on a resource, with the condition context the real request carries, and
 * whether it must be allowed or denied.
 *
 * @param action such as {@code s3:GetObject}
 * @param resource the resource ARN, or {@code *} for actions that only support {@code *}
 * @param context condition keys and values sent with the simulation
 * @param expectation ALLOWED for what a job needs, DENIED for a probe
 * @param purpose what the request stands for, in a few words ("read the training data")
 * @param grant for a required action, the statement that allows it (the fix printed when it is denied)
 */
public record SimulationCase(String action, String resource, List<ContextValue> context, Expectation expectation,
        String purpose, String grant) {

    public SimulationCase {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(expectation, "expectation");
        Objects.requireNonNull(purpose, "purpose");
        context = List.copyOf(context);
        if (!action.matches("[a-z0-9-]+:[A-Za-z0-9]+")) {
            throw new IllegalArgumentException("a simulated action is service:Action with no wildcard, got " + action);
        }
        if (expectation == Expectation.ALLOWED && (grant == null || grant.isBlank())) {
            throw new IllegalArgumentException("a required action needs the statement that grants it: " + action);
        }
    }

    public static SimulationCase allowed(String action, String resource, String grant, String purpose,
            ContextValue... context) {
        return new SimulationCase(action, resource, List.of(context), Expectation.ALLOWED, purpose, grant);
    }

    public static SimulationCase denied(String action, String resource, String purpose, ContextValue... context) {
        return new SimulationCase(action, resource, List.of(context), Expectation.DENIED, purpose, null);
    }

    /** The same request with more context (keys it already has are kept). */
    public SimulationCase withContext(List<ContextValue> more) {
        List<ContextValue> merged = new ArrayList<>(context);
        for (ContextValue value : more) {
            if (merged.stream().noneMatch(c -> c.key().equalsIgnoreCase(value.key()))) {
                merged.add(value);
            }
        }
        return new SimulationCase(action, resource, merged, expectation, purpose, grant);
    }
}
