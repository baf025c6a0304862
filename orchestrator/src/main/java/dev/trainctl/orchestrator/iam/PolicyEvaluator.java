package dev.trainctl.orchestrator.iam;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Evaluates a request against a {@link PolicySet} as AWS documents it, with no AWS call
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html):
 * <ol>
 * <li>an applicable Deny in any document decides (explicit deny);</li>
 * <li>across accounts (the principal's account is not the resource's), both the identity side (identity policies,
 *     within the boundary) and the resource policy must allow (cross-account policy evaluation logic);</li>
 * <li>within one account, an allow by either side suffices, except that a trust or key policy must allow itself, and
 *     a resource-policy Allow that names the account delegates to the identity policies;</li>
 * <li>otherwise the implicit deny.</li>
 * </ol>
 * Organizations SCPs/RCPs, session policies, VPC endpoint policies and ACLs are not part of the input.
 */
public final class PolicyEvaluator {

    private enum Source {
        IDENTITY, BOUNDARY, RESOURCE
    }

    private record Hit(StatementRef ref, Effect effect, Source source, Optional<PrincipalArn.Match> match) {}

    /**
     * STS refuses every AssumeRole call made with the root user's credentials, whatever the trust policy says: "You
     * cannot call AssumeRole with the credentials of the AWS account root user" (id_roles_use_switch-role-api); the
     * error AWS returns is "Roles may not be assumed by root accounts".
     */
    static final String ROOT_CANNOT_ASSUME_ROLES = "the account root user cannot assume a role: AWS refuses"
            + " AssumeRole* with root credentials (\"Roles may not be assumed by root accounts\"), whatever the trust"
            + " policy allows; make the request as an IAM user or role";

    private PolicyEvaluator() {}

    public static Decision evaluate(PolicySet policies, Request request) {
        Optional<PrincipalArn> principal = request.principal().map(PrincipalArn::parse);
        if (policies.resource().isPresent() && principal.isEmpty()) {
            throw new IllegalArgumentException("a resource policy names principals: give the request's principal");
        }
        if (principal.filter(PrincipalArn::isService).isPresent()
                && (!policies.identity().isEmpty() || policies.boundary().isPresent())) {
            throw new IllegalArgumentException("a service principal (" + principal.get().name() + ") has no identity"
                    + " policies or boundary in your account; give only its resource policy");
        }
        if (principal.filter(p -> p.kind() == PrincipalArn.Kind.ACCOUNT).isPresent() && assumesRole(request)) {
            return implicit(ROOT_CANNOT_ASSUME_ROLES, List.of(), Set.of());
        }
        Map<String, List<String>> context = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        principal.ifPresent(p -> context.putAll(p.derivedContext()));
        context.putAll(request.context());
        Set<String> missing = new LinkedHashSet<>();
        List<Hit> hits = new ArrayList<>();
        boolean hasBoundary = policies.boundary().isPresent();
        for (ParsedPolicy p : policies.identity()) {
            collect(p, Source.IDENTITY, request, principal, hasBoundary, context, missing, hits);
        }
        policies.boundary().ifPresent(p -> collect(p, Source.BOUNDARY, request, principal, true, context, missing,
                hits));
        policies.resource().ifPresent(r -> collect(r.policy(), Source.RESOURCE, request, principal, hasBoundary,
                context, missing, hits));

        List<StatementRef> denies = refs(hits, h -> h.effect() == Effect.DENY);
        if (!denies.isEmpty()) {
            return new Decision(Decision.Outcome.EXPLICIT_DENY, denies, "denied by " + join(denies), List.of());
        }
        List<StatementRef> identityAllows = refs(hits, h -> h.source() == Source.IDENTITY);
        List<StatementRef> boundaryAllows = refs(hits, h -> h.source() == Source.BOUNDARY);
        List<Hit> resourceAllows = hits.stream().filter(h -> h.source() == Source.RESOURCE).toList();
        boolean withinBoundary = !hasBoundary || !boundaryAllows.isEmpty();
        // "all requests are implicitly denied with the exception of the AWS account root user, which has full
        // access" (policy evaluation logic): within its account, only a Deny stops the root user.
        boolean root = principal.filter(p -> p.kind() == PrincipalArn.Kind.ACCOUNT).isPresent();
        boolean identityGrants = root || !identityAllows.isEmpty() && withinBoundary;
        List<StatementRef> identityGrant = new ArrayList<>(identityAllows);
        identityGrant.addAll(boundaryAllows);
        List<StatementRef> resourceGrant = resourceAllows.stream().map(Hit::ref).toList();

        if (principal.filter(PrincipalArn::isService).isPresent()) {
            String policy = policies.resource().filter(r -> r.kind() == ResourcePolicy.Kind.ROLE_TRUST).isPresent()
                    ? "trust policy" : "resource policy";
            return resourceGrant.isEmpty()
                    ? implicit("the " + policy + " does not allow " + principal.get().name(), List.of(), missing)
                    : allowed(resourceGrant, "allowed by " + join(resourceGrant));
        }
        String resourceAccount = resourceAccount(request, context).orElse(principal.map(PrincipalArn::account)
                .orElse(""));
        boolean crossAccount = principal.isPresent() && !resourceAccount.equals(principal.get().account());
        if (crossAccount) {
            // "The request is allowed only if both evaluations return a decision of Allow."
            if (identityGrants && !resourceGrant.isEmpty()) {
                List<StatementRef> both = new ArrayList<>(identityGrant);
                both.addAll(resourceGrant);
                return allowed(both, "cross-account: allowed by " + join(both));
            }
            return implicit("cross-account (principal in " + principal.get().account() + ", resource in "
                    + resourceAccount + "): " + sideMissing(identityGrants, !resourceGrant.isEmpty(), identityAllows,
                    withinBoundary), concat(identityGrant, resourceGrant), missing);
        }
        Optional<ResourcePolicy.Kind> kind = policies.resource().map(ResourcePolicy::kind);
        // Resource-policy grants that stand on their own: not the account (which delegates to its identity
        // policies), and, for a principal with a boundary, not a role ARN ("limited by an implicit deny in a
        // permissions boundary"); grants to a user or session ARN are not limited by it.
        List<Hit> standalone = resourceAllows.stream().filter(h -> h.match().orElseThrow() != PrincipalArn.Match.ACCOUNT
                && (!hasBoundary || withinBoundary || h.match().get() == PrincipalArn.Match.EXACT)).toList();
        if (hasBoundary && !withinBoundary && identityAllows.isEmpty() && standalone.isEmpty() && resourceAllows
                .stream().anyMatch(h -> h.match().get() == PrincipalArn.Match.EVERYONE)) {
            throw new UnsupportedPolicyException("how a permissions boundary limits a resource-policy Allow to"
                    + " Principal \"*\" is not documented (" + join(resourceGrant) + ")");
        }
        boolean resourceSideAllows = !resourceAllows.isEmpty();
        if (kind.filter(ResourcePolicy.Kind::mustAllow).isPresent()) {
            if (!resourceSideAllows) {
                return implicit("the " + (kind.get() == ResourcePolicy.Kind.ROLE_TRUST ? "trust" : "key")
                        + " policy does not allow it, and it must", identityGrant, missing);
            }
            if (!standalone.isEmpty()) {
                return allowed(refs(standalone), "allowed by " + join(refs(standalone)));
            }
            if (identityGrants) {
                List<StatementRef> both = concat(identityGrant, resourceGrant);
                return allowed(both, "allowed by " + join(both) + " (the policy delegates to the account)");
            }
            return implicit("the resource policy delegates to the account, and " + sideMissing(false, true,
                    identityAllows, withinBoundary), resourceGrant, missing);
        }
        if (identityGrants) {
            return allowed(identityGrant, root && identityGrant.isEmpty() ? "the account root user has full access"
                    + " within its account" : "allowed by " + join(identityGrant));
        }
        if (!standalone.isEmpty()) {
            return allowed(refs(standalone), "allowed by " + join(refs(standalone)));
        }
        if (!identityAllows.isEmpty()) {
            return implicit("allowed by " + join(identityAllows) + ", but not by the permissions boundary",
                    identityAllows, missing);
        }
        List<StatementRef> toRole = refs(resourceAllows.stream().filter(h -> h.match().orElseThrow()
                == PrincipalArn.Match.ROLE).toList());
        if (hasBoundary && !withinBoundary && !toRole.isEmpty()) {
            // "An implicit deny in a permissions boundary does limit the permissions granted to an IAM role by a
            // resource-based policy that names the role's ARN" (policy evaluation logic): the boundary decides here.
            return implicit("allowed by " + join(toRole) + ", which names the role's ARN, but the role's permissions"
                    + " boundary does not allow it, and a boundary limits a resource policy's grant to a role ARN",
                    toRole, missing);
        }
        return implicit(resourceSideAllows ? "the resource policy's Allow names the account or a role, so the identity"
                + " policies must allow it too, and they do not" : "no statement allows it", resourceGrant, missing);
    }

    private static void collect(ParsedPolicy policy, Source source, Request request, Optional<PrincipalArn> principal,
            boolean principalHasBoundary, Map<String, List<String>> context, Set<String> missing, List<Hit> hits) {
        for (Statement s : policy.statements()) {
            Optional<Optional<PrincipalArn.Match>> match = StatementMatcher.applies(s, policy, request, principal,
                    principalHasBoundary, context, missing);
            match.ifPresent(m -> hits.add(new Hit(new StatementRef(policy.name(), s.label()), s.effect(), source, m)));
        }
    }

    /** sts:AssumeRole, sts:AssumeRoleWithSAML, sts:AssumeRoleWithWebIdentity (actions are case-insensitive). */
    private static boolean assumesRole(Request request) {
        return request.action().toLowerCase(java.util.Locale.ROOT).startsWith("sts:assumerole");
    }

    static Optional<String> resourceAccount(Request request, Map<String, List<String>> context) {
        if (!request.resource().equals("*")) {
            String account = request.resource().split(":", 6)[4];
            if (!account.isEmpty()) {
                return Optional.of(account);
            }
        }
        // SimulatePrincipalPolicy's ResourceOwner: "If the ResourceOwner parameter is not specified, then the owner of
        // the resources and the resource policy defaults to the account of the identity provided in CallerArn."
        return Optional.ofNullable(context.get("aws:ResourceAccount")).filter(v -> !v.isEmpty()).map(v -> v.get(0));
    }

    private static String sideMissing(boolean identity, boolean resource, List<StatementRef> identityAllows,
            boolean withinBoundary) {
        if (!identity && !identityAllows.isEmpty() && !withinBoundary) {
            return "the permissions boundary does not allow it";
        }
        if (!identity && !resource) {
            return "neither the identity policies nor the resource policy allow it";
        }
        return identity ? "the resource policy does not allow it" : "the identity policies do not allow it";
    }

    private static Decision allowed(List<StatementRef> statements, String reason) {
        return new Decision(Decision.Outcome.ALLOWED, statements, reason, List.of());
    }

    private static Decision implicit(String reason, List<StatementRef> partial, Set<String> missing) {
        return new Decision(Decision.Outcome.IMPLICIT_DENY, partial, reason, List.copyOf(missing));
    }

    private static List<StatementRef> refs(List<Hit> hits, java.util.function.Predicate<Hit> filter) {
        return hits.stream().filter(filter).map(Hit::ref).toList();
    }

    private static List<StatementRef> refs(List<Hit> hits) {
        return hits.stream().map(Hit::ref).toList();
    }

    private static List<StatementRef> concat(List<StatementRef> a, List<StatementRef> b) {
        List<StatementRef> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static String join(List<StatementRef> refs) {
        return String.join(", ", refs.stream().map(StatementRef::toString).toList());
    }
}
