package dev.trainctl.orchestrator.rolecheck;

import dev.trainctl.orchestrator.aws.AwsErrors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.iam.model.SimulatePrincipalPolicyRequest;
import software.amazon.awssdk.services.iam.model.Statement;

/**
 * Runs simulation cases through {@code iam:SimulatePrincipalPolicy} for one principal. Cases with the same resource
 * and context go in one request (the API takes many actions per call); results are read through the SDK paginator.
 */
public final class PolicySimulator {

    private final IamClient iam;

    public PolicySimulator(IamClient iam) {
        this.iam = iam;
    }

    /**
     * The decision for every case, in the order given.
     *
     * @throws SimulationUnavailableException when IAM denies the caller the simulation itself, or the endpoint has no
     *     working simulator (not implemented, or a server error)
     */
    public List<SimulationRow> simulate(String principalArn, List<SimulationCase> cases) {
        Map<Group, List<SimulationCase>> groups = new LinkedHashMap<>();
        for (SimulationCase c : cases) {
            groups.computeIfAbsent(new Group(c.resource(), c.context()), g -> new ArrayList<>()).add(c);
        }
        Map<SimulationCase, SimulationRow> rows = new LinkedHashMap<>();
        for (Map.Entry<Group, List<SimulationCase>> group : groups.entrySet()) {
            SimulatePrincipalPolicyRequest request = request(principalArn, group.getKey(), group.getValue());
            Map<String, EvaluationResult> results = new LinkedHashMap<>();
            try {
                for (EvaluationResult result : iam.simulatePrincipalPolicyPaginator(request).evaluationResults()) {
                    results.put(result.evalActionName().toLowerCase(Locale.ROOT), result);
                }
            } catch (AwsServiceException e) {
                if (AwsErrors.isAccessDenied(e)) {
                    throw SimulationUnavailableException.notPermitted(principalArn, e);
                }
                if (AwsErrors.isNotImplemented(e) || e.statusCode() >= 500 || isUnknownOperation(e)) {
                    throw SimulationUnavailableException.notOffered(principalArn, "HTTP " + e.statusCode()
                            + (AwsErrors.errorCode(e).isEmpty() ? "" : " " + AwsErrors.errorCode(e)), e);
                }
                throw e;
            }
            for (SimulationCase c : group.getValue()) {
                EvaluationResult result = results.get(c.action().toLowerCase(Locale.ROOT));
                rows.put(c, result == null
                        ? new SimulationRow(c, "noResult", List.of(), List.of())
                        : new SimulationRow(c, result.evalDecisionAsString(), sources(result.matchedStatements()),
                                result.missingContextValues()));
            }
        }
        return cases.stream().map(rows::get).toList();
    }

    /** What AWS-compatible servers answer for an action they do not know (HTTP 400). */
    private static boolean isUnknownOperation(AwsServiceException e) {
        String code = AwsErrors.errorCode(e);
        return code.equals("InvalidAction") || code.equals("UnknownOperationException")
                || code.equals("UnsupportedOperation");
    }

    static SimulatePrincipalPolicyRequest request(String principalArn, Group group, List<SimulationCase> cases) {
        SimulatePrincipalPolicyRequest.Builder builder = SimulatePrincipalPolicyRequest.builder()
                .policySourceArn(principalArn)
                .actionNames(cases.stream().map(SimulationCase::action).distinct().toList())
                .contextEntries(group.context().stream().map(ContextValue::toEntry).toList());
        // Leaving ResourceArns out simulates "*", which is the only resource these actions have.
        if (!"*".equals(group.resource())) {
            builder.resourceArns(group.resource());
        }
        return builder.build();
    }

    private static List<String> sources(List<Statement> statements) {
        return statements.stream().map(Statement::sourcePolicyId).filter(Objects::nonNull).distinct().toList();
    }

    record Group(String resource, List<ContextValue> context) {}
}
