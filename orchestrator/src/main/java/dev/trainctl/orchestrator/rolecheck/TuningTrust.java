package dev.trainctl.orchestrator.rolecheck;

import dev.trainctl.orchestrator.iam.ParsedPolicy;
import dev.trainctl.orchestrator.iam.PolicyEvaluator;
import dev.trainctl.orchestrator.iam.PolicySet;
import dev.trainctl.orchestrator.iam.Request;
import dev.trainctl.orchestrator.iam.ResourcePolicy;
import dev.trainctl.orchestrator.iam.UnsupportedPolicyException;
import dev.trainctl.orchestrator.roles.PolicyDocument;
import dev.trainctl.orchestrator.roles.RoleArn;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether the trials of a tuning job could run as the role: SageMaker must be able to assume it for them. AWS does
 * not document whether SageMaker presents the trial's training-job ARN or the tuning job's as {@code aws:SourceArn},
 * so the trust passes when it admits either; decided by the IAM evaluator on the trust document itself.
 */
final class TuningTrust {

    static final String RULE = "trust.tuning-trials";

    private TuningTrust() {}

    static CheckResult check(PolicyDocument trust, RoleArn role, JobScope scope, String tuningJobName) {
        // SageMaker names trials TUNINGJOB-NNN-xxxxxxxx.
        String trial = scope.trainingJobArn(tuningJobName + "-001-0a1b2c3d");
        String tuning = scope.tuningJobArn(tuningJobName);
        try {
            PolicySet set = PolicySet.of().withResource(ResourcePolicy.trust(ParsedPolicy.parse("trust policy",
                    trust.json())));
            boolean byTrial = admits(set, role, scope, trial);
            boolean byTuning = admits(set, role, scope, tuning);
            if (byTrial || byTuning) {
                return CheckResult.pass(RULE, "SageMaker may assume the role for the trials of tuning job "
                        + tuningJobName + (byTrial && byTuning ? " (by the trial's and the tuning job's ARN)"
                        : byTrial ? " (by the trial's ARN)" : " (by the tuning job's ARN)"));
            }
            return CheckResult.warn(RULE, "the trust policy does not let SageMaker assume the role for the trials of"
                    + " tuning job " + tuningJobName + ": 'trainctl tune' cannot use this role",
                    "if you tune, add to the aws:SourceArn condition " + scope.tuningJobArn(tuningJobName.replaceAll(
                            "-\\d{6}-\\d{6}$", "-??????-??????")) + " and its trials' ARNs (see 'trainctl policy"
                            + " show trust')");
        } catch (UnsupportedPolicyException e) {
            return CheckResult.warn(RULE, "tuning trials not checked: the trust policy uses something the evaluator"
                    + " does not support (" + e.getMessage() + ")", "check the trust policy by hand");
        }
    }

    private static boolean admits(PolicySet set, RoleArn role, JobScope scope, String sourceArn) {
        return PolicyEvaluator.evaluate(set, new Request("sts:AssumeRole", role.toString(),
                Optional.of(TrustCheck.SAGEMAKER), Map.of("aws:SourceAccount", List.of(scope.account()),
                        "aws:SourceArn", List.of(sourceArn)))).allowed();
    }
}
