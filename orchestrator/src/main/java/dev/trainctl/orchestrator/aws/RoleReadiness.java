package dev.trainctl.orchestrator.aws;

import java.time.Duration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.GetRoleRequest;
import software.amazon.awssdk.services.iam.waiters.IamWaiter;

/**
 * Waits until a newly created IAM role is usable. IAM is eventually consistent: a role that {@code CreateRole}
 * returned may not yet be visible to other endpoints, and SageMaker rejects a role it cannot see or assume yet.
 * So: the SDK's {@code waitUntilRoleExists}, then a short bounded settle for propagation to other services.
 */
public final class RoleReadiness {

    /** How long to let a new role propagate beyond IAM; AWS documents "a few seconds", we allow 10. */
    public static final Duration DEFAULT_SETTLE = Duration.ofSeconds(10);

    private final IamClient iam;
    private final Sleeper sleeper;
    private final Duration settle;
    private final WaiterOverrideConfiguration waiterConfig;

    public RoleReadiness(IamClient iam, Sleeper sleeper, Duration settle) {
        this(iam, sleeper, settle, WaiterOverrideConfiguration.builder().maxAttempts(20).build());
    }

    public RoleReadiness(IamClient iam, Sleeper sleeper, Duration settle, WaiterOverrideConfiguration waiterConfig) {
        this.iam = iam;
        this.sleeper = sleeper;
        this.settle = settle;
        this.waiterConfig = waiterConfig;
    }

    /** Returns once the role is visible and has had time to propagate; fails clearly if it never appears. */
    public void await(String roleName) throws InterruptedException {
        try (IamWaiter waiter = IamWaiter.builder().client(iam).overrideConfiguration(waiterConfig).build()) {
            waiter.waitUntilRoleExists(GetRoleRequest.builder().roleName(roleName).build())
                    .matched().exception().ifPresent(e -> {
                        throw e instanceof SdkException sdk ? AwsErrors.translate(sdk, "iam:GetRole", roleName)
                                : new IllegalStateException("waiting for role " + roleName + ": " + e.getMessage(), e);
                    });
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "iam:GetRole", "role " + roleName + " (waiting for it to exist)");
        }
        if (!settle.isZero()) {
            sleeper.sleep(settle);
        }
    }
}
