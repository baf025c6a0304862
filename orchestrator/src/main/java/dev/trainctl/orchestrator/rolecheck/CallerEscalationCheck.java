package dev.trainctl.orchestrator.rolecheck;

import dev.trainctl.orchestrator.escalation.EscalationFinding;
import dev.trainctl.orchestrator.escalation.EscalationLint;
import dev.trainctl.orchestrator.iam.ParsedPolicy;
import dev.trainctl.orchestrator.iam.UnsupportedPolicyException;
import dev.trainctl.orchestrator.roles.PolicyDocument;
import dev.trainctl.orchestrator.roles.PolicyKind;
import dev.trainctl.orchestrator.roles.RoleArn;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The escalation lint ({@code trainctl policy lint}) on the caller's own documents: which SageMaker paths they open.
 * A path bounded to the role checked here is what training needs (the caller hands this role to SageMaker, and the
 * rest of the table shows how far it reaches): PASS. A path bounded to other roles is a WARN (check those roles too),
 * and an open one a FAIL.
 */
final class CallerEscalationCheck {

    static final String RULE = "caller.escalation";

    private CallerEscalationCheck() {}

    static List<CheckResult> rows(RoleArn role, List<PolicyDocument> callerDocuments) {
        List<ParsedPolicy> identity = new ArrayList<>();
        Optional<ParsedPolicy> boundary = Optional.empty();
        try {
            for (PolicyDocument document : callerDocuments) {
                ParsedPolicy parsed = ParsedPolicy.parse(document.name(), document.json());
                if (document.kind() == PolicyKind.PERMISSIONS_BOUNDARY) {
                    boundary = Optional.of(parsed);
                } else {
                    identity.add(parsed);
                }
            }
        } catch (UnsupportedPolicyException | IllegalArgumentException e) {
            return List.of(CheckResult.warn(RULE, "the caller's documents were not linted: " + e.getMessage(),
                    "lint them with 'trainctl policy lint --policy-file FILE'"));
        }
        List<EscalationFinding> findings = EscalationLint.find(identity, boundary);
        if (findings.isEmpty()) {
            return List.of(CheckResult.pass(RULE, "the caller's documents open no SageMaker escalation path"));
        }
        List<CheckResult> rows = new ArrayList<>();
        for (EscalationFinding f : findings) {
            if (!f.bounded()) {
                rows.add(CheckResult.fail(RULE, f.describe(), f.path().passesRole() ? "limit iam:PassRole to this"
                        + " role (" + role + ") with \"iam:PassedToService\": \"sagemaker.amazonaws.com\" ('trainctl"
                        + " policy show caller')" : "limit the notebook actions to named notebook instances, or remove"
                        + " them: training needs none"));
            } else if (f.roles().contains(role.toString()) && intended(role).containsAll(f.roles())) {
                rows.add(CheckResult.pass(RULE, "one bounded path, the intended one: " + f.path().title()
                        + " only with " + role + ", the role checked here" + (f.roles().size() > 1 ? servingNote(role)
                        : "") + " (" + f.bound().replaceFirst("^bounded: ", "") + ")"));
            } else {
                rows.add(CheckResult.warn(RULE, f.describe(), "check the roles it reaches with 'trainctl role check"
                        + " --role-arn ARN'"));
            }
        }
        return rows;
    }

    /**
     * The roles a trainctl caller passes on purpose: the one checked, and, for trainctl's execution role
     * {@code NAME-execution}, the serving role {@code NAME-serving} that {@code deploy} passes to CreateModel.
     */
    static Set<String> intended(RoleArn role) {
        Set<String> roles = new LinkedHashSet<>(List.of(role.toString()));
        if (role.toString().endsWith(EXECUTION_SUFFIX)) {
            roles.add(servingSibling(role));
        }
        return roles;
    }

    private static String servingSibling(RoleArn role) {
        String arn = role.toString();
        return arn.substring(0, arn.length() - EXECUTION_SUFFIX.length()) + SERVING_SUFFIX;
    }

    /**
     * No condition key of CreateTrainingJob names the role passed, and the serving role's trust admits SageMaker for
     * any source of the account and region (what AWS documents for inference), so the caller could also start a
     * training job as the serving role: bounded by what that role may do, read the name's models.
     */
    private static String servingNote(RoleArn role) {
        return " and " + servingSibling(role) + ", the serving role of the same name that 'deploy' passes to"
                + " CreateModel: a training job could run as it too (no CreateTrainingJob condition key names the"
                + " role passed), with no more than its own permissions, reading the name's models";
    }

    private static final String EXECUTION_SUFFIX = "-execution";
    private static final String SERVING_SUFFIX = "-serving";
}
