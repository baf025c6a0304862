package dev.trainctl.orchestrator.rolecheck;

import dev.trainctl.orchestrator.iam.UnsupportedPolicyException;
import dev.trainctl.orchestrator.roles.PolicyDocument;
import dev.trainctl.orchestrator.roles.RoleArn;

/**
 * Whether the trials of a tuning job could run as the role: SageMaker must be able to assume it for them. AWS does
 * not document whether SageMaker presents the trial's training-job ARN or the tuning job's as {@code aws:SourceArn},
 * so the trust passes when it admits either; decided by the IAM evaluator on the trust document itself.
 */
final class TuningTrust {

    static final String RULE = "trust.tuning-trials";

    private TuningTrust() {}

    static CheckResult check(PolicyDocument trust, RoleArn role, JobScope scope, String tuningJobName) {
        try {
            boolean byTrial = SageMakerAssume.admits(trust, role.toString(), scope.account(),
                    SageMakerAssume.trialArn(scope, tuningJobName));
            boolean byTuning = SageMakerAssume.admits(trust, role.toString(), scope.account(),
                    scope.tuningJobArn(tuningJobName));
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
}
