package dev.trainctl.orchestrator.provision;

import dev.trainctl.orchestrator.aws.ModelConstraints;
import dev.trainctl.orchestrator.jobsecurity.JobSecurity;
import dev.trainctl.orchestrator.jobsecurity.KmsKeyArn;
import dev.trainctl.orchestrator.names.ResourceNames;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code provision} should make true.
 *
 * @param names the role, bucket and repository names
 * @param security the jobs' VPC and keys: {@code outputKey} is the bucket's and repository's SSE-KMS key (else SSE-S3 /
 *     AES256); all of it adds exactly the ec2 and kms statements the jobs need to the role
 * @param permissionsBoundaryArn the organisation's own permissions boundary for the role; without it, trainctl's
 *     {@code NAME-execution-boundary} ({@link #boundaryArn})
 * @param maxSessionSeconds the role's maximum session duration (1 to 12 hours, IAM's limits)
 */
public record ProvisionSettings(ResourceNames names, JobSecurity security, Optional<String> permissionsBoundaryArn,
        int maxSessionSeconds) {

    public static final int DEFAULT_MAX_SESSION_SECONDS = 3600;

    public ProvisionSettings {
        Objects.requireNonNull(names, "names");
        Objects.requireNonNull(security, "security");
        security.checkRegion(names.region());
        security.outputKey().ifPresent(key -> ModelConstraints.KMS_KEY.require("--kms-key", key.arn()));
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
        return new ProvisionSettings(names, JobSecurity.none(), Optional.empty(), DEFAULT_MAX_SESSION_SECONDS);
    }

    /** The bucket's and repository's SSE-KMS key, if any. */
    public Optional<String> kmsKeyArn() {
        return security.outputKey().map(KmsKeyArn::arn);
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
