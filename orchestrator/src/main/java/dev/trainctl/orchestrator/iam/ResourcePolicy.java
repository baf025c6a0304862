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
    }

    public static ResourcePolicy resourceBased(ParsedPolicy policy) {
        return new ResourcePolicy(policy, Kind.RESOURCE_BASED);
    }

    public static ResourcePolicy trust(ParsedPolicy policy) {
        return new ResourcePolicy(policy, Kind.ROLE_TRUST);
    }

    public static ResourcePolicy key(ParsedPolicy policy) {
        return new ResourcePolicy(policy, Kind.KMS_KEY);
    }
}
