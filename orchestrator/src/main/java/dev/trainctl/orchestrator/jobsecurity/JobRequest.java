package dev.trainctl.orchestrator.jobsecurity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One request a training job makes as its execution role because of its VPC or keys, as IAM authorizes it: the action,
 * the resource, the condition context the request carries, and what it is for. Role check simulates these; the
 * emulation evaluates them before it does what they stand for.
 *
 * @param statement the statement that grants it, as trainctl provisions it (the fix printed when it is denied)
 */
public record JobRequest(String action, String resource, Map<String, List<String>> context, String purpose,
        String statement) {

    public JobRequest {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(statement, "statement");
        context = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(context));
    }

    /** The service part of the action, {@code ec2} or {@code kms}. */
    public String service() {
        return action.substring(0, action.indexOf(':'));
    }
}
