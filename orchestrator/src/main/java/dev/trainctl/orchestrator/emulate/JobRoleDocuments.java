package dev.trainctl.orchestrator.emulate;

import dev.trainctl.orchestrator.iam.ParsedPolicy;
import dev.trainctl.orchestrator.iam.PolicySet;
import dev.trainctl.orchestrator.iam.ResourcePolicy;
import dev.trainctl.orchestrator.policy.BucketPolicy;
import dev.trainctl.orchestrator.policy.ExecutionRolePolicies;
import dev.trainctl.orchestrator.jobsecurity.JobSecurity;
import dev.trainctl.orchestrator.policy.ServingRolePolicies;
import dev.trainctl.orchestrator.names.ResourceNames;
import dev.trainctl.orchestrator.roles.PolicyDocument;
import dev.trainctl.orchestrator.roles.RoleDocuments;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The documents an emulated job is authorized against: the execution role's trust policy, its permission policies
 * (inline and attached) and boundary, and the bucket's policy, with where each came from (printed, so a user knows
 * whether the emulation checked the real role or the one {@code provision} would create).
 *
 * @param roleArn the role SageMaker assumes
 * @param source where the documents came from, in a few words ("the role in IAM", "--role-policy-file", ...)
 */
public record JobRoleDocuments(String roleArn, String source, ParsedPolicy trust, List<ParsedPolicy> permissions,
        Optional<ParsedPolicy> boundary, Optional<ParsedPolicy> bucketPolicy) {

    public JobRoleDocuments {
        Objects.requireNonNull(roleArn, "roleArn");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(trust, "trust");
        permissions = List.copyOf(permissions);
        Objects.requireNonNull(boundary, "boundary");
        Objects.requireNonNull(bucketPolicy, "bucketPolicy");
    }

    /** What {@code provision} creates for these names: trust, inline policy, boundary and bucket policy. */
    public static JobRoleDocuments provisioned(ResourceNames names) {
        return provisioned(names, JobSecurity.none());
    }

    /** What {@code provision} creates for jobs with this VPC and these keys. */
    public static JobRoleDocuments provisioned(ResourceNames names, JobSecurity security) {
        return new JobRoleDocuments(names.roleArn(), "the documents 'trainctl provision' creates for "
                + names.roleName() + " and bucket " + names.bucket(),
                ParsedPolicy.parse("trust policy", ExecutionRolePolicies.trust(names).toJson()),
                List.of(ParsedPolicy.parse(names.inlinePolicyName(), ExecutionRolePolicies.permissions(names,
                        security).toJson())),
                Optional.of(ParsedPolicy.parse(names.boundaryPolicyName(), ExecutionRolePolicies.boundary(names,
                        security).toJson())),
                Optional.of(bucketPolicy(BucketPolicy.document(names).toJson())));
    }

    /** What {@code provision} creates for the serving role: trust, inline policy, the shared boundary, bucket policy. */
    public static JobRoleDocuments provisionedServing(ResourceNames names) {
        return new JobRoleDocuments(names.servingRoleArn(), "the documents 'trainctl provision' creates for "
                + names.servingRoleName() + " and bucket " + names.bucket(),
                ParsedPolicy.parse("trust policy", ServingRolePolicies.trust(names).toJson()),
                List.of(ParsedPolicy.parse(names.servingPolicyName(), ServingRolePolicies.permissions(names).toJson())),
                Optional.of(ParsedPolicy.parse(names.boundaryPolicyName(), ExecutionRolePolicies.boundary(names,
                        Optional.empty()).toJson())),
                Optional.of(bucketPolicy(BucketPolicy.document(names).toJson())));
    }

    /** A role as read from IAM, with the bucket policy read from S3 (if the bucket has one). */
    public static JobRoleDocuments of(RoleDocuments role, Optional<ParsedPolicy> bucketPolicy, String source) {
        return new JobRoleDocuments(role.role().toString(), source, parse(role.trust()),
                role.permissions().stream().map(JobRoleDocuments::parse).toList(),
                role.boundary().map(JobRoleDocuments::parse), bucketPolicy);
    }

    public static ParsedPolicy bucketPolicy(String json) {
        return ParsedPolicy.parse("bucket policy", json);
    }

    /** These documents with the trust policy and/or the permission policies replaced by files the user gave. */
    public JobRoleDocuments overriddenBy(Optional<PolicyDocument> trustFile, List<PolicyDocument> policyFiles) {
        if (trustFile.isEmpty() && policyFiles.isEmpty()) {
            return this;
        }
        List<String> replaced = new ArrayList<>();
        trustFile.ifPresent(t -> replaced.add("trust from " + t.name()));
        if (!policyFiles.isEmpty()) {
            replaced.add("permissions from " + String.join(", ", policyFiles.stream().map(PolicyDocument::name)
                    .toList()) + " (no boundary)");
        }
        return new JobRoleDocuments(roleArn, String.join(" and ", replaced) + "; otherwise " + source,
                trustFile.map(JobRoleDocuments::parse).orElse(trust),
                policyFiles.isEmpty() ? permissions : policyFiles.stream().map(JobRoleDocuments::parse).toList(),
                policyFiles.isEmpty() ? boundary : Optional.empty(), bucketPolicy);
    }

    /** The role's own side: its permission policies within its boundary (what an ec2 request is evaluated against). */
    public PolicySet forIdentity() {
        return new PolicySet(permissions, Optional.empty(), boundary);
    }

    /** The role's side and the bucket's: what an S3 request made as the role is evaluated against. */
    public PolicySet forS3() {
        PolicySet set = forIdentity();
        return bucketPolicy.map(p -> set.withResource(ResourcePolicy.bucket(p))).orElse(set);
    }

    /** The trust policy alone: SageMaker is a service principal, with no identity policies in the account. */
    public PolicySet forAssumeRole() {
        return PolicySet.of().withResource(ResourcePolicy.trust(trust));
    }

    private static ParsedPolicy parse(PolicyDocument document) {
        return ParsedPolicy.parse(document.name(), document.json());
    }
}
