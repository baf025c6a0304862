package dev.trainctl.orchestrator.aws;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * A safety net under {@code --dry-run}: commands print their mutating requests instead of sending them, and if a
 * mutating request reaches a client anyway this interceptor stops it before it leaves the machine. Read-only calls
 * (Get, List, Describe, Head, ...) pass.
 */
public final class DryRunGuard implements ExecutionInterceptor {

    /** Thrown when a mutating call is attempted under {@code --dry-run}: a bug in the command, never a user error. */
    public static final class DryRunViolation extends IllegalStateException {
        public DryRunViolation(String message) {
            super(message);
        }
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        if (operation != null && !AwsActions.isReadOnly(operation)) {
            throw new DryRunViolation("--dry-run: refusing to send " + attributes.getAttribute(
                    SdkExecutionAttribute.SERVICE_NAME) + " " + operation + ", which would change something");
        }
    }
}
