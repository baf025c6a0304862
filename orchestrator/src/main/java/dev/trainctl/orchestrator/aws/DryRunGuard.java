package dev.trainctl.orchestrator.aws;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

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
        if (!AwsActions.isReadOnly(context.request())) {
            throw new DryRunViolation("--dry-run: refusing to send " + AwsActions.service(context.request()) + " "
                    + AwsActions.operation(context.request()) + ", which would change something");
        }
    }
}
