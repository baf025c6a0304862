package dev.trainctl.orchestrator.policy;

import dev.trainctl.orchestrator.jobsecurity.JobSecurity;
import dev.trainctl.orchestrator.names.ResourceNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;

/**
 * IAM's size quotas for the documents trainctl writes, by how each is delivered ("IAM and AWS STS quotas": a managed
 * policy 6,144 characters, a role's inline policies 10,240 together, a role trust policy 2,048 by default). IAM counts
 * characters without whitespace.
 */
public final class PolicyQuotas {

    /** How a document reaches IAM, and the quota that applies. */
    public enum Delivery {
        MANAGED_POLICY(6_144, "a managed policy"),
        ROLE_INLINE(10_240, "a role's inline policies together"),
        TRUST_POLICY(2_048, "a role trust policy (the default quota)");

        private final int limit;
        private final String what;

        Delivery(int limit, String what) {
            this.limit = limit;
            this.what = what;
        }

        public int limit() {
            return limit;
        }
    }

    /** A document as IAM would count it. */
    public record Sized(String document, Delivery delivery, int size) {
        public boolean fits() {
            return size <= delivery.limit;
        }

        public String problem() {
            return document + " would be " + size + " characters, over IAM's " + delivery.limit + " for "
                    + delivery.what;
        }
    }

    private PolicyQuotas() {}

    /** The size IAM counts: every character but whitespace. */
    public static int size(IamPolicy policy) {
        return policy.toJson().replaceAll("\\s", "").length();
    }

    public static Sized sized(String document, Delivery delivery, IamPolicy policy) {
        return new Sized(document, delivery, size(policy));
    }

    /**
     * What {@code provision} writes to IAM: each role's trust and inline policy (one inline policy per role), and the
     * boundary unless {@code ownBoundary} is false ({@code --permissions-boundary} names another).
     */
    public static List<Sized> provisioned(ResourceNames names, JobSecurity security, boolean ownBoundary) {
        Optional<String> key = security.outputKey().map(Object::toString);
        List<Sized> sized = new ArrayList<>(List.of(
                sized("the trust policy of " + names.roleName(), Delivery.TRUST_POLICY,
                        ExecutionRolePolicies.trust(names)),
                sized("the inline policy of " + names.roleName(), Delivery.ROLE_INLINE,
                        ExecutionRolePolicies.permissions(names, security)),
                sized("the trust policy of " + names.servingRoleName(), Delivery.TRUST_POLICY,
                        ServingRolePolicies.trust(names)),
                sized("the inline policy of " + names.servingRoleName(), Delivery.ROLE_INLINE,
                        ServingRolePolicies.permissions(names, key))));
        if (ownBoundary) {
            sized.add(sized("the permissions boundary " + names.boundaryPolicyName(), Delivery.MANAGED_POLICY,
                    ExecutionRolePolicies.boundary(names, security)));
        }
        return sized;
    }

    /** The caller's documents, each for a customer managed policy. */
    public static List<Sized> caller(ResourceNames names, CallerPolicy.Options options) {
        return CallerPolicy.documents(names, options).entrySet().stream()
                .map(e -> sized("'policy show " + e.getKey() + "'", Delivery.MANAGED_POLICY, e.getValue())).toList();
    }

    /** The first document over its quota, as one line, if any. */
    public static Optional<String> firstProblem(List<Sized> documents) {
        return documents.stream().filter(d -> !d.fits()).findFirst().map(Sized::problem);
    }
}
