package dev.trainctl.orchestrator.rolecheck;

import java.util.List;
import java.util.Objects;

/**
 * One simulated request and what IAM decided.
 *
 * @param request the simulated action, resource and context, and what it should come out as
 * @param decision IAM's decision: {@code allowed}, {@code implicitDeny} or {@code explicitDeny}
 * @param matchedPolicies the policies whose statements decided it (IAM's {@code SourcePolicyId}s)
 * @param missingContext condition keys IAM needed a value for and did not get
 */
public record SimulationRow(SimulationCase request, String decision, List<String> matchedPolicies,
        List<String> missingContext) {

    public SimulationRow {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(decision, "decision");
        matchedPolicies = List.copyOf(matchedPolicies);
        missingContext = List.copyOf(missingContext);
    }

    public boolean allowed() {
        return "allowed".equalsIgnoreCase(decision);
    }

    /** PASS when IAM decided as the request must come out, else FAIL. */
    public Verdict verdict() {
        boolean wanted = request.expectation() == Expectation.ALLOWED;
        return allowed() == wanted ? Verdict.PASS : Verdict.FAIL;
    }
}
