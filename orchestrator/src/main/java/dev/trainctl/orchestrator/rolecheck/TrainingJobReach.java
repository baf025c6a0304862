package dev.trainctl.orchestrator.rolecheck;

import dev.trainctl.orchestrator.cli.TrainctlException;
import dev.trainctl.orchestrator.iam.Decision;
import dev.trainctl.orchestrator.iam.UnsupportedPolicyException;
import dev.trainctl.orchestrator.roles.PolicyDocument;
import dev.trainctl.orchestrator.roles.RoleArn;
import dev.trainctl.orchestrator.roles.RoleReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which of the roles a caller may pass a training job, or a model, can run as. No condition key of CreateTrainingJob names the
 * role passed, so the caller's documents cannot say; the role's trust does: SageMaker must be able to assume the role
 * for the job. Decided by the evaluator with the context a training job presents ({@link SageMakerAssume}), for the
 * jobs the caller would start: the role-check job and, where the name can tune, the tuning job and its trials. The
 * trusts come from the role checked, from {@code --role-trust-file}, or from IAM ({@code iam:GetRole}) where role
 * check may read them; a trust it cannot have leaves the role unknown, with the reason. A model ({@code CreateModel}'s
 * ExecutionRoleArn, served on an endpoint) is decided the same way with the source SageMaker presents for inference
 * ({@link SageMakerAssume#inferenceSource}).
 */
final class TrainingJobReach {

    enum Outcome { REACHED, REFUSED, UNKNOWN }

    /** @param why for REFUSED and UNKNOWN, in a few words; empty for REACHED */
    record Verdict(String role, Outcome outcome, String why) {

        Verdict {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(why, "why");
        }
    }

    private final RoleArn checked;
    private final PolicyDocument checkedTrust;
    private final Map<String, PolicyDocument> given;
    private final Optional<RoleReader> iam;
    private final String account;
    private final List<String> sources;
    private final String described;
    private final JobScope scope;

    /**
     * @param given trusts of other roles, by role ARN ({@code --role-trust-file})
     * @param iam where other roles' trusts are read; empty with documents from files
     */
    TrainingJobReach(RoleArn checked, PolicyDocument checkedTrust, Map<String, PolicyDocument> given,
            Optional<RoleReader> iam, JobScope scope, String jobName, Optional<String> tuningJobName) {
        this.checked = checked;
        this.checkedTrust = checkedTrust;
        this.given = Map.copyOf(given);
        this.iam = iam;
        this.account = scope.account();
        this.scope = scope;
        this.sources = SageMakerAssume.trainingSources(scope, jobName, tuningJobName);
        this.described = "training job " + jobName + tuningJobName.map(t -> ", tuning job " + t + " or its trials")
                .orElse("");
    }

    /** The jobs whose sources are evaluated, for the reasons the lint prints. */
    String jobs() {
        return described;
    }

    /** The name's serving role ({@code NAME-serving}): the role trainctl's own models run as. */
    String servingRole() {
        // ResourceNames#servingRoleArn's form, built here: a role check's prefix need not be a name trainctl accepts.
        return "arn:" + scope.partition() + ":iam::" + scope.account() + ":role/" + scope.prefix() + "-serving";
    }

    /** What the inference verdicts were decided for, for the reasons the lint prints. */
    String inference() {
        return "inference (source " + SageMakerAssume.inferenceSource(scope) + ")";
    }

    /** Whether SageMaker may assume the role for a training job the caller would start. */
    Verdict of(String roleArn) {
        return decide(roleArn, sources, "its trust refuses training jobs");
    }

    /** Whether SageMaker may assume the role for a model: an endpoint's (or transform's) container. */
    Verdict forInference(String roleArn) {
        return decide(roleArn, List.of(SageMakerAssume.inferenceSource(scope)), "its trust refuses inference");
    }

    private Verdict decide(String roleArn, List<String> sources, String refusal) {
        PolicyDocument trust;
        if (roleArn.equals(checked.toString())) {
            trust = checkedTrust;
        } else if (given.containsKey(roleArn)) {
            trust = given.get(roleArn);
        } else if (iam.isEmpty()) {
            return new Verdict(roleArn, Outcome.UNKNOWN, "its trust was not given (--role-trust-file ARN=FILE), and"
                    + " role check reads nothing from IAM with documents from files");
        } else {
            try {
                trust = iam.get().trust(RoleArn.parse(roleArn));
            } catch (TrainctlException | IllegalArgumentException e) {
                return new Verdict(roleArn, Outcome.UNKNOWN, "its trust could not be read: " + e.getMessage());
            }
        }
        try {
            List<String> undecided = new ArrayList<>();
            for (String source : sources) {
                Decision decision = SageMakerAssume.decide(trust, roleArn, account, source);
                if (decision.allowed()) {
                    return new Verdict(roleArn, Outcome.REACHED, "");
                }
                undecided.addAll(decision.missingContextKeys());
            }
            // A condition on a key this request does not carry may hold for a real job: not a refusal.
            return undecided.isEmpty() ? new Verdict(roleArn, Outcome.REFUSED, refusal)
                    : new Verdict(roleArn, Outcome.UNKNOWN, "its trust's conditions use " + String.join(", ",
                            new java.util.LinkedHashSet<>(undecided)) + ", which role check does not supply");
        } catch (UnsupportedPolicyException | IllegalArgumentException e) {
            return new Verdict(roleArn, Outcome.UNKNOWN, "its trust could not be evaluated: " + e.getMessage());
        }
    }
}
