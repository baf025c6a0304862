package dev.trainctl.orchestrator.iam;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The documents one request is evaluated against: the principal's identity policies (inline and managed), an
 * optional resource-based policy, and an optional permissions boundary.
 */
public record PolicySet(List<ParsedPolicy> identity, Optional<ResourcePolicy> resource,
        Optional<ParsedPolicy> boundary) {

    public PolicySet {
        identity = List.copyOf(identity);
        List<ParsedPolicy> identityLike = new ArrayList<>(identity);
        boundary.ifPresent(identityLike::add);
        for (ParsedPolicy policy : identityLike) {
            for (Statement s : policy.statements()) {
                if (s.principals().isPresent()) {
                    throw new UnsupportedPolicyException(policy.name() + " statement " + s.label() + " has "
                            + (s.notPrincipal() ? "NotPrincipal" : "Principal") + "; an identity policy or permissions"
                            + " boundary cannot name a principal (is it a resource policy?)");
                }
                if (s.resources().isEmpty()) {
                    throw new UnsupportedPolicyException(policy.name() + " statement " + s.label()
                            + " has neither Resource nor NotResource");
                }
            }
        }
    }

    public static PolicySet of(ParsedPolicy... policies) {
        return new PolicySet(List.of(policies), Optional.empty(), Optional.empty());
    }

    public PolicySet withResource(ResourcePolicy policy) {
        return new PolicySet(identity, Optional.of(policy), boundary);
    }

    public PolicySet withBoundary(ParsedPolicy policy) {
        return new PolicySet(identity, resource, Optional.of(policy));
    }
}
