package dev.trainctl.orchestrator.iam;

import java.util.Objects;

/**
 * Names one statement in results: the document's name and the statement's Sid, or {@code #n} (counting from 1)
 * for a statement without one.
 */
public record StatementRef(String policy, String statement) {

    public StatementRef {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(statement, "statement");
    }

    @Override
    public String toString() {
        return policy + " " + statement;
    }
}
