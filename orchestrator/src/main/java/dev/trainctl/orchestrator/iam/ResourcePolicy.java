package dev.trainctl.orchestrator.iam;

import java.util.Objects;

/** A resource-based policy (bucket policy, role trust policy, key policy) and what kind it is. */
public record ResourcePolicy(ParsedPolicy policy, Kind kind) {

    /** Kinds that AWS evaluates differently within one account. */
    public enum Kind {
        /** A bucket policy and the like: within one account, its Allow suffices on its own. */
        RESOURCE_BASED,
        /**
         * A role's trust policy, for sts:AssumeRole*: "IAM role trust policies and AWS KMS key policies are exceptions
         * to this logic, because they must explicitly allow access for principals" (policy evaluation logic).
         */
        ROLE_TRUST,
        /** A KMS key policy: must allow, like a trust policy. */
        KMS_KEY;

        boolean mustAllow() {
            return this != RESOURCE_BASED;
        }
    }

    public ResourcePolicy {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(kind, "kind");
        for (Statement s : policy.statements()) {
            if (s.principals().isEmpty()) {
                throw new UnsupportedPolicyException(policy.name() + " statement " + s.label() + " has no Principal;"
                        + " a resource-based policy must name who it applies to");
            }
        }
        if (kind == Kind.ROLE_TRUST) {
            trustRules(policy);
        }
    }

    /**
     * What IAM refuses in a role trust policy that the evaluator could otherwise read: a Resource (the role is the
     * resource: CreateRole and UpdateAssumeRolePolicy answer "MalformedPolicyDocument: Has prohibited field
     * Resource") and a repeated Sid.
     */
    public static void trustRules(ParsedPolicy policy) {
        for (Statement s : policy.statements()) {
            if (s.resources().isPresent()) {
                throw new UnsupportedPolicyException(policy.name() + " statement " + s.label() + " has "
                        + (s.notResource() ? "NotResource" : "Resource") + "; a role trust policy cannot name a"
                        + " resource (the role is the resource), and IAM refuses one that does");
            }
        }
        policy.checkIamSids("a role trust policy", false);
    }

    public static ResourcePolicy resourceBased(ParsedPolicy policy) {
        return new ResourcePolicy(policy, Kind.RESOURCE_BASED);
    }

    /**
     * A bucket policy: every statement names its resources (S3's PutBucketPolicy refuses one without; other services'
     * resource policies, such as an ECR repository's, have no Resource element at all).
     */
    public static ResourcePolicy bucket(ParsedPolicy policy) {
        for (Statement s : policy.statements()) {
            if (s.resources().isEmpty()) {
                throw new UnsupportedPolicyException(policy.name() + " statement " + s.label() + " has neither"
                        + " Resource nor NotResource; a bucket policy statement must name the bucket or objects it"
                        + " applies to, and S3 refuses one that does not");
            }
        }
        return resourceBased(policy);
    }

    public static ResourcePolicy trust(ParsedPolicy policy) {
        return new ResourcePolicy(policy, Kind.ROLE_TRUST);
    }

    public static ResourcePolicy key(ParsedPolicy policy) {
        return new ResourcePolicy(policy, Kind.KMS_KEY);
    }
}
