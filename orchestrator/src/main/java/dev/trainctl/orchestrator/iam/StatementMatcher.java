package dev.trainctl.orchestrator.iam;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Whether one statement applies to a request: action, resource, principal and conditions. */
final class StatementMatcher {

    private StatementMatcher() {}

    /**
     * Empty when the statement does not apply; otherwise how its Principal matched (empty for identity policies and
     * for a NotPrincipal Deny).
     */
    static Optional<Optional<PrincipalArn.Match>> applies(Statement s, ParsedPolicy policy, Request request,
            Optional<PrincipalArn> principal, boolean principalHasBoundary, Map<String, List<String>> context,
            Set<String> missing) {
        if (!actionMatches(s, request.action()) || !resourceMatches(s, policy, request.resource(), context)) {
            return Optional.empty();
        }
        Optional<PrincipalArn.Match> match = Optional.empty();
        if (s.principals().isPresent()) {
            PrincipalArn who = principal.orElseThrow();
            if (s.notPrincipal()) {
                if (!notPrincipalApplies(s, policy, who, principalHasBoundary)) {
                    return Optional.empty();
                }
            } else {
                match = principalMatch(s.principals().get(), who);
                if (match.isEmpty()) {
                    return Optional.empty();
                }
            }
        }
        Set<String> lacking = new LinkedHashSet<>();
        boolean holds = true;
        for (Condition c : s.conditions()) {
            try {
                holds &= ConditionEvaluator.holds(c, context, policy.variablesEnabled(), lacking);
            } catch (UnsupportedPolicyException e) {
                throw new UnsupportedPolicyException(policy.name() + " statement " + s.label() + ": " + e.getMessage());
            }
        }
        if (!holds) {
            missing.addAll(lacking);
            return Optional.empty();
        }
        return Optional.of(match);
    }

    /** "The prefix and the action name are case insensitive", with * and ? (reference_policies_elements_action). */
    private static boolean actionMatches(Statement s, String action) {
        boolean any = s.actions().stream().anyMatch(a -> Wildcards.matches(Wildcards.pieces(a), action, true));
        return s.notAction() != any;
    }

    private static boolean resourceMatches(Statement s, ParsedPolicy policy, String resource,
            Map<String, List<String>> context) {
        if (s.resources().isEmpty()) {
            return true; // a resource policy without Resource covers the resource it is attached to
        }
        boolean any = s.resources().get().stream().anyMatch(pattern -> {
            // "the resource that includes a policy variable with no value will not match any resource"
            Optional<List<Wildcards.Piece>> pieces = PolicyVariables.substitute(pattern, context,
                    policy.variablesEnabled());
            if (pieces.isEmpty()) {
                return false;
            }
            if (resource.equals("*")) {
                return Wildcards.literal(pieces.get()).equals("*"); // "any resource" is covered only by *
            }
            return Wildcards.matchesResource(pieces.get(), resource);
        });
        return s.notResource() != any;
    }

    /** The most specific way the Principal element names the principal: exact, role, everyone, account. */
    private static Optional<PrincipalArn.Match> principalMatch(Principals principals, PrincipalArn who) {
        if (principals.everyone()) {
            return Optional.of(PrincipalArn.Match.EVERYONE);
        }
        Set<PrincipalArn.Match> found = matches(principals, who);
        return List.of(PrincipalArn.Match.EXACT, PrincipalArn.Match.ROLE, PrincipalArn.Match.EVERYONE,
                PrincipalArn.Match.ACCOUNT).stream().filter(found::contains).findFirst();
    }

    private static Set<PrincipalArn.Match> matches(Principals principals, PrincipalArn who) {
        Set<PrincipalArn.Match> found = new LinkedHashSet<>();
        principals.aws().forEach(v -> who.matchedBy(v, false).ifPresent(found::add));
        principals.services().forEach(v -> who.matchedBy(v, true).ifPresent(found::add));
        return found;
    }

    /**
     * NotPrincipal with Deny (reference_policies_elements_notprincipal): denied unless the principal is listed. AWS
     * "might validate the account first, then the role, and then the assumed-role user": a principal that is not
     * itself listed is denied; one listed together with its role (for a session) and account is not; one listed
     * without them is refused, since AWS says the outcome then depends on the service. A principal with a permissions
     * boundary is always denied:
     * "The NotPrincipal element with a Deny effect will always deny any IAM principal that has a permissions boundary
     * policy attached" (access_policies_boundaries).
     */
    private static boolean notPrincipalApplies(Statement s, ParsedPolicy policy, PrincipalArn who,
            boolean principalHasBoundary) {
        Principals listed = s.principals().orElseThrow();
        if (listed.everyone()) {
            return false;
        }
        if (principalHasBoundary && !who.isService()) {
            return true;
        }
        Set<PrincipalArn.Match> found = matches(listed, who);
        if (found.contains(PrincipalArn.Match.EVERYONE)) {
            return false;
        }
        List<PrincipalArn.Match> chain = switch (who.kind()) {
            case ACCOUNT -> List.of(PrincipalArn.Match.ACCOUNT);
            case USER -> List.of(PrincipalArn.Match.EXACT, PrincipalArn.Match.ACCOUNT);
            case ROLE -> List.of(PrincipalArn.Match.ROLE, PrincipalArn.Match.ACCOUNT);
            case ASSUMED_ROLE -> List.of(PrincipalArn.Match.EXACT, PrincipalArn.Match.ROLE, PrincipalArn.Match.ACCOUNT);
            case SERVICE -> List.of(PrincipalArn.Match.EXACT);
        };
        if (!found.contains(chain.get(0))) {
            return true; // the principal itself is not listed: denied, as for "all principals except Bob"
        }
        if (!found.containsAll(chain)) {
            throw new UnsupportedPolicyException(policy.name() + " statement " + s.label() + ": NotPrincipal lists "
                    + who.text() + " but not " + (who.kind() == PrincipalArn.Kind.ASSUMED_ROLE
                            ? "both its role and its account" : "its account") + "; AWS documents that the outcome"
                    + " then depends on the service");
        }
        return false;
    }
}
