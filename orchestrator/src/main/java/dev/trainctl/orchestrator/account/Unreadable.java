package dev.trainctl.orchestrator.account;

import dev.trainctl.orchestrator.aws.AwsErrors;
import dev.trainctl.orchestrator.rolecheck.CheckResult;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The row for a check whose read failed: WARN naming the action when the caller lacks the permission, WARN with
 * AWS's reason otherwise. Missing or expired credentials end the whole command instead (every row would fail).
 */
final class Unreadable {

    static final String POLICY_HINT = "attach the read-only policy from 'trainctl policy show account' to your user "
            + "or role";

    private Unreadable() {}

    static CheckResult row(String check, String what, String action, String resource, SdkException e) {
        if (AwsErrors.isCredentialsProblem(e)) {
            throw AwsErrors.translate(e, action, resource);
        }
        if (AwsErrors.isAccessDenied(e)) {
            return CheckResult.warn(check, "could not check " + what + ": you may not " + action, POLICY_HINT);
        }
        return CheckResult.warn(check, "could not check " + what + ": " + AwsErrors.translate(e, action, resource)
                .getMessage(), "run 'trainctl account check -v' for the AWS call that failed");
    }
}
