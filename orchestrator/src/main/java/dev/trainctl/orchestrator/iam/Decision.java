package dev.trainctl.orchestrator.iam;

import java.util.List;
import java.util.Objects;

/**
 * What the evaluator decided for one request, the statements that decided it, and why.
 *
 * @param outcome allowed, denied by a Deny statement, or denied because nothing allowed it
 * @param statements for ALLOWED the Allow statements that granted it; for EXPLICIT_DENY every Deny statement that
 *     applied; for IMPLICIT_DENY the Allow statements that matched but were not enough (empty when none matched)
 * @param reason one line for people, e.g. "allowed by the identity policy, but not by the permissions boundary"
 * @param missingContextKeys condition keys that statements which otherwise matched asked for and the request lacked
 */
public record Decision(Outcome outcome, List<StatementRef> statements, String reason,
        List<String> missingContextKeys) {

    /** The three answers of AWS's evaluation logic. */
    public enum Outcome {
        ALLOWED("allowed", "allowed"),
        EXPLICIT_DENY("explicit_deny", "denied (explicit)"),
        IMPLICIT_DENY("implicit_deny", "denied (implicit)");

        private final String json;
        private final String text;

        Outcome(String json, String text) {
            this.json = json;
            this.text = text;
        }

        /** The value in {@code --output json}. */
        public String json() {
            return json;
        }

        /** The words in text output. */
        public String text() {
            return text;
        }
    }

    public Decision {
        Objects.requireNonNull(outcome, "outcome");
        statements = List.copyOf(statements);
        Objects.requireNonNull(reason, "reason");
        missingContextKeys = List.copyOf(missingContextKeys);
    }

    public boolean allowed() {
        return outcome == Outcome.ALLOWED;
    }
}
