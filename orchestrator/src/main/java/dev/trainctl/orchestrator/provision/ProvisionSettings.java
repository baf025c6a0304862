package dev.trainctl.orchestrator.provision;

import dev.trainctl.orchestrator.aws.ModelConstraints;
import dev.trainctl.orchestrator.names.ResourceNames;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code provision} should make true.
 *
 * @param names the role, bucket and repository names
 * @param kmsKeyArn SSE-KMS with this key (bucket and repository), else SSE-S3 / AES256
 * @param permissionsBoundaryArn the organisation's own permissions boundary for the role; without it, trainctl's
 *     {@code NAME-execution-boundary} ({@link #boundaryArn})
 * @param maxSessionSeconds the role's maximum session duration (1 to 12 hours, IAM's limits)
 */
public record ProvisionSettings(ResourceNames names, Optional<String> kmsKeyArn, Optional<String> permissionsBoundaryArn,
        int maxSessionSeconds) {

    public static final int DEFAULT_MAX_SESSION_SECONDS = 3600;

    public ProvisionSettings {
        Objects.requireNonNull(names, "names");
        kmsKeyArn.ifPresent(key -> require(key.startsWith("arn:") && key.contains(":kms:"),
                "--kms-key must be a KMS key ARN (arn:aws:kms:REGION:ACCOUNT:key/ID), got '" + key + "'"));
        kmsKeyArn.ifPresent(key -> ModelConstraints.KMS_KEY.require("--kms-key", key));
        permissionsBoundaryArn.ifPresent(arn -> require(arn.startsWith("arn:") && arn.contains(":policy/"),
                "--permissions-boundary must be a managed policy ARN (arn:aws:iam::ACCOUNT:policy/NAME), got '"
                        + arn + "'"));
        permissionsBoundaryArn.ifPresent(arn -> ModelConstraints.PERMISSIONS_BOUNDARY.require(
                "--permissions-boundary", arn));
        // IAM accepts 3600 to 43200 seconds.
        require(maxSessionSeconds >= 3600 && maxSessionSeconds <= 43200,
                "--max-session-duration must be 3600 to 43200 seconds, got " + maxSessionSeconds);
    }

    public static ProvisionSettings of(ResourceNames names) {
        return new ProvisionSettings(names, Optional.empty(), Optional.empty(), DEFAULT_MAX_SESSION_SECONDS);
    }

    /** The role's permissions boundary: the one given, or trainctl's own {@code NAME-execution-boundary}. */
    public String boundaryArn() {
        return permissionsBoundaryArn.orElse(names.boundaryPolicyArn());
    }

    /** Whether the boundary is trainctl's own policy, which {@code provision} creates and keeps in shape. */
    public boolean ownBoundary() {
        return permissionsBoundaryArn.isEmpty();
    }

    /** The role's description, set on creation and repaired if changed. */
    public String roleDescription() {
        return "SageMaker execution role for trainctl '" + names.name() + "' training jobs (managed by trainctl)";
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
