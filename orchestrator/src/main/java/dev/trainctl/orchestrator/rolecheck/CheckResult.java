package dev.trainctl.orchestrator.rolecheck;

import java.util.Objects;

/**
 * One row of the role check table: which check, its verdict, a one-line reason, and for a failure the fix (the
 * statement to add or remove).
 *
 * @param check a stable dotted name such as {@code trust.sagemaker} or {@code lint.resource-wildcard}
 * @param verdict PASS, WARN or FAIL
 * @param reason one line that says what was found, naming the policy and statement where there is one
 * @param fix what to change; required for FAIL, optional advice for WARN, null for PASS
 */
public record CheckResult(String check, Verdict verdict, String reason, String fix) {

    public CheckResult {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(verdict, "verdict");
        if (check.isBlank() || reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a check result needs a check name and a reason");
        }
        if (verdict == Verdict.FAIL && (fix == null || fix.isBlank())) {
            throw new IllegalArgumentException("a failing check must say how to fix it: " + check + ": " + reason);
        }
        if (verdict == Verdict.PASS && fix != null) {
            throw new IllegalArgumentException("a passing check has nothing to fix: " + check);
        }
    }

    public static CheckResult pass(String check, String reason) {
        return new CheckResult(check, Verdict.PASS, reason, null);
    }

    public static CheckResult warn(String check, String reason, String advice) {
        return new CheckResult(check, Verdict.WARN, reason, advice);
    }

    public static CheckResult fail(String check, String reason, String fix) {
        return new CheckResult(check, Verdict.FAIL, reason, fix);
    }
}
