package dev.trainctl.orchestrator.rolecheck;

import java.util.Objects;

/**
 * Something a static check found in one statement of one policy document.
 *
 * @param rule the check it belongs to, such as {@code lint.action-wildcard}
 * @param verdict WARN or FAIL
 * @param policy the policy's name (inline policy name, managed policy name, "trust policy")
 * @param statement the statement's Sid, or {@code #n} (1-based) when it has none
 * @param message what is wrong, in one line
 * @param fix the statement to add, remove or narrow
 */
public record Finding(String rule, Verdict verdict, String policy, String statement, String message, String fix) {

    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(statement, "statement");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(fix, "fix");
        if (verdict != Verdict.WARN && verdict != Verdict.FAIL) {
            throw new IllegalArgumentException("a finding is a WARN or a FAIL, not " + verdict);
        }
    }

    /** Where it was found: {@code policy / statement}. */
    public String location() {
        return policy + " / " + statement;
    }

    public CheckResult toCheckResult() {
        return new CheckResult(rule, verdict, location() + ": " + message, fix);
    }
}
