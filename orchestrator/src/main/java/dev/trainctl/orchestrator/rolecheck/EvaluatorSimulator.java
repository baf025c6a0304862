package dev.trainctl.orchestrator.rolecheck;

import dev.trainctl.orchestrator.iam.Decision;
import dev.trainctl.orchestrator.iam.ParsedPolicy;
import dev.trainctl.orchestrator.iam.PolicyEvaluator;
import dev.trainctl.orchestrator.iam.PolicySet;
import dev.trainctl.orchestrator.iam.Request;
import dev.trainctl.orchestrator.iam.StatementRef;
import dev.trainctl.orchestrator.roles.IdentityDocuments;
import dev.trainctl.orchestrator.roles.PolicyDocument;
import dev.trainctl.orchestrator.roles.RoleDocuments;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks 3 and 4 without IAM's simulator: the same simulation cases decided by trainctl's evaluator over the role's
 * documents (its permission policies within its boundary), or the caller's (its own and its groups' policies), for a
 * role that does not exist yet or when {@code iam:SimulatePrincipalPolicy} cannot be used. Like the simulator without a resource policy, it sees no
 * SCPs, session policies or bucket policies.
 */
public final class EvaluatorSimulator {

    /** How the report names where the decisions came from. */
    public static final String SOURCE = "trainctl's IAM evaluator (no SCPs, session or resource policies)";

    private final PolicySet documents;

    private EvaluatorSimulator(PolicySet documents) {
        this.documents = documents;
    }

    /**
     * @throws dev.trainctl.orchestrator.iam.UnsupportedPolicyException when a document uses something the evaluator
     *     refuses to guess
     */
    public static EvaluatorSimulator of(RoleDocuments role) {
        return of(role.permissions(), role.boundary());
    }

    /** The caller's side: a user's or role's identity documents (groups included) within its boundary. */
    public static EvaluatorSimulator of(IdentityDocuments identity) {
        return of(identity.permissions(), identity.boundary());
    }

    private static EvaluatorSimulator of(List<PolicyDocument> permissions, Optional<PolicyDocument> boundary) {
        return new EvaluatorSimulator(new PolicySet(permissions.stream().map(EvaluatorSimulator::parse).toList(),
                Optional.empty(), boundary.map(EvaluatorSimulator::parse)));
    }

    /** The decision for every case, in the order given, as SimulatePrincipalPolicy names them. */
    public List<SimulationRow> simulate(String principalArn, List<SimulationCase> cases) {
        return cases.stream().map(c -> row(principalArn, c)).toList();
    }

    private SimulationRow row(String principalArn, SimulationCase c) {
        Map<String, List<String>> context = new LinkedHashMap<>();
        c.context().forEach(v -> context.put(v.key(), v.values()));
        Decision decision = PolicyEvaluator.evaluate(documents, new Request(c.action(), c.resource(),
                Optional.of(principalArn), context));
        String name = switch (decision.outcome()) {
            case ALLOWED -> "allowed";
            case EXPLICIT_DENY -> "explicitDeny";
            case IMPLICIT_DENY -> "implicitDeny";
        };
        List<String> policies = decision.outcome() == Decision.Outcome.IMPLICIT_DENY ? List.of()
                : decision.statements().stream().map(StatementRef::policy).distinct().toList();
        return new SimulationRow(c, name, policies, decision.missingContextKeys());
    }

    private static ParsedPolicy parse(PolicyDocument document) {
        return ParsedPolicy.parse(document.name(), document.json());
    }
}
