package dev.trainctl.orchestrator.rolecheck;

import dev.trainctl.orchestrator.escalation.EscalationFinding;
import dev.trainctl.orchestrator.escalation.EscalationLint;
import dev.trainctl.orchestrator.escalation.EscalationPath;
import dev.trainctl.orchestrator.iam.ParsedPolicy;
import dev.trainctl.orchestrator.iam.UnsupportedPolicyException;
import dev.trainctl.orchestrator.roles.PolicyDocument;
import dev.trainctl.orchestrator.roles.PolicyKind;
import dev.trainctl.orchestrator.roles.RoleArn;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The escalation lint ({@code trainctl policy lint}) on the caller's own documents: which SageMaker paths they open.
 * A training-job path reaches only the roles it may pass whose trust lets SageMaker assume them for a training job
 * ({@link TrainingJobReach}); one that reaches exactly the role checked here is what training needs (the caller starts
 * jobs that run as it, and the rest of the table shows how far it reaches): PASS. A path reaching other roles, or
 * roles whose trust is unknown, is a WARN (check those roles too), and an open one a FAIL. The model path
 * ({@code CreateModel} with an endpoint or a transform job) is judged the same way for inference: it reaches the roles
 * whose trust lets SageMaker assume them for a model, and reaching exactly the name's serving role is what
 * {@code trainctl deploy} needs: PASS, saying what the holder reaches through it.
 */
final class CallerEscalationCheck {

    static final String RULE = "caller.escalation";

    private CallerEscalationCheck() {}

    static List<CheckResult> rows(RoleArn role, List<PolicyDocument> callerDocuments, TrainingJobReach reach) {
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
            } else if (f.path() == EscalationPath.TRAINING_JOB_WITH_PASSED_ROLE) {
                rows.add(trainingJobs(role, f, reach));
            } else if (f.path() == EscalationPath.MODEL_WITH_PASSED_ROLE) {
                rows.add(models(role, f, reach));
            } else if (f.roles().equals(List.of(role.toString()))) {
                rows.add(CheckResult.pass(RULE, "one bounded path, the intended one: " + f.path().title()
                        + " only with " + role + ", the role checked here (" + f.bound().replaceFirst("^bounded: ", "")
                        + ")"));
            } else {
                rows.add(CheckResult.warn(RULE, f.describe(), CHECK_THEM));
            }
        }
        return rows;
    }

    private static final String CHECK_THEM = "check the roles it reaches with 'trainctl role check --role-arn ARN'";

    /**
     * The roles a path's {@code verdicts} reach, refuse or leave undecided, and the words for them ({@code what}:
     * "training jobs" or "inference"; {@code context}: the jobs or sources the trusts were evaluated with).
     */
    private record Reach(List<String> reached, List<String> refused, List<TrainingJobReach.Verdict> unknown,
            String refusal) {

        static Reach of(List<TrainingJobReach.Verdict> verdicts, String what, String context) {
            List<String> refused = roles(verdicts, TrainingJobReach.Outcome.REFUSED);
            return new Reach(roles(verdicts, TrainingJobReach.Outcome.REACHED), refused, verdicts.stream()
                    .filter(v -> v.outcome() == TrainingJobReach.Outcome.UNKNOWN).toList(),
                    (refused.size() == 1 ? "its trust refuses " : "their trusts refuse ") + what + " (trainctl's"
                            + " evaluator: SageMaker may not assume " + (refused.size() == 1 ? "it" : "them") + " for "
                            + context + ")");
        }

        boolean decided() {
            return unknown.isEmpty();
        }

        /** "; it may also pass ROLE, but its trust refuses ...", or nothing. */
        String refusing() {
            return refused.isEmpty() ? "" : "; it may also pass " + String.join(", ", refused) + ", but " + refusal;
        }

        /** A path the trusts do not close as intended: what it reaches and what is left to decide. */
        CheckResult warn(EscalationFinding f, String admitted) {
            String reaches = (reached.isEmpty() ? "" : "; it reaches " + String.join(", ", reached) + " (whose "
                    + (reached.size() == 1 ? "trust admits " : "trusts admit ") + admitted + ")")
                    + unknown.stream().map(v -> "; it may reach " + v.role() + ": " + v.why())
                    .reduce("", String::concat);
            // The roles' verdicts replace the lint's "the trusts decide": here they were decided.
            return CheckResult.warn(RULE, f.path().title() + " (" + f.path().reference() + "): " + f.path().gain()
                    + "; opened by " + String.join(", ", f.grants()) + reaches + refusing(), decided() ? CHECK_THEM
                    : "give each role's trust with --role-trust-file ARN=FILE (or let role check read it: iam:GetRole),"
                            + " and " + CHECK_THEM);
        }

        /** No role reached: the path is closed by the trusts. */
        CheckResult closed(EscalationFinding f) {
            return CheckResult.pass(RULE, f.path().title() + " reaches no role: the caller may pass only "
                    + String.join(", ", refused) + ", and " + refusal);
        }
    }

    /** The training-job path, through the roles whose trust admits the jobs. */
    private static CheckResult trainingJobs(RoleArn role, EscalationFinding f, TrainingJobReach reach) {
        Reach r = Reach.of(f.roles().stream().map(reach::of).toList(), "training jobs", reach.jobs());
        if (r.decided() && r.reached().equals(List.of(role.toString()))) {
            return CheckResult.pass(RULE, "one bounded path, the intended one: " + f.path().title() + " reaches only "
                    + role + ", the role checked here: the caller starts training jobs that run as it, which is what"
                    + " trainctl is for, and the rows above show what it may do" + r.refusing());
        }
        return r.decided() && r.reached().isEmpty() ? r.closed(f) : r.warn(f, reach.jobs());
    }

    /** The model path, through the roles whose trust admits inference. */
    private static CheckResult models(RoleArn role, EscalationFinding f, TrainingJobReach reach) {
        Reach r = Reach.of(f.roles().stream().map(reach::forInference).toList(), "inference", reach.inference());
        String serving = reach.servingRole();
        if (r.decided() && r.reached().equals(List.of(serving))) {
            // The serving role runs the model's container: whatever image the holder names runs with its permissions.
            return CheckResult.pass(RULE, "one bounded path for serving, the intended one: " + f.path().title()
                    + " reaches only " + serving + ", the name's serving role, whose trust admits SageMaker for"
                    + " inference: the caller deploys models that run as it, which is what 'trainctl deploy' is for;"
                    + " through it the holder's container code can do what that role may"
                    + (serving.equals(role.toString()) ? ", which the rows above show"
                    : " (as trainctl provisions it: read this name's models under output/, pull the image, write the"
                    + " endpoints' logs and metrics; 'trainctl role check --serving --role-arn " + serving + "' checks"
                    + " it as it is)") + r.refusing());
        }
        return r.decided() && r.reached().isEmpty() ? r.closed(f) : r.warn(f, reach.inference());
    }

    private static List<String> roles(List<TrainingJobReach.Verdict> verdicts, TrainingJobReach.Outcome outcome) {
        return verdicts.stream().filter(v -> v.outcome() == outcome).map(TrainingJobReach.Verdict::role).toList();
    }
}
