package dev.trainctl.orchestrator.escalation;

import dev.trainctl.orchestrator.iam.Condition;
import dev.trainctl.orchestrator.iam.Effect;
import dev.trainctl.orchestrator.iam.ParsedPolicy;
import dev.trainctl.orchestrator.iam.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds the SageMaker privilege-escalation paths ({@link EscalationPath}) a principal's documents open: every step of
 * the path granted by an Allow statement (Action or NotAction), not cut by an unconditional Deny, and within the
 * permissions boundary if there is one. Conditions on the granting statements limit how, not whether, so they do not
 * close a path; a PassRole grant whose {@code iam:PassedToService} excludes SageMaker does not count.
 *
 * <p>A path is bounded when it reaches only named principals: PassRole only on role ARNs without wildcards in the name,
 * or the notebook actions only on named notebook instances. It then reaches at most those roles: those whose trust
 * lets SageMaker assume them for the path's jobs, which only the trusts can tell (role check evaluates them), each as
 * wide as it is; an unbounded path reaches any role SageMaker may assume, or any notebook.
 */
public final class EscalationLint {

    static final String SAGEMAKER = "sagemaker.amazonaws.com";

    private EscalationLint() {}

    /**
     * @param identity the principal's identity policies
     * @param boundary its permissions boundary, if any
     */
    public static List<EscalationFinding> find(List<ParsedPolicy> identity, Optional<ParsedPolicy> boundary) {
        List<EscalationFinding> findings = new ArrayList<>();
        for (EscalationPath path : EscalationPath.values()) {
            List<Grant> grants = new ArrayList<>();
            boolean open = true;
            for (List<String> step : path.steps()) {
                Optional<List<Grant>> possible = step.stream().map(alternative -> grants(alternative, identity,
                        boundary)).flatMap(Optional::stream).findFirst();
                if (possible.isEmpty()) {
                    open = false;
                    break;
                }
                grants.addAll(possible.get());
            }
            EscalationFinding finding = open ? finding(path, grants, identity) : null;
            if (finding != null) {
                findings.add(finding);
            }
        }
        return findings;
    }

    /** One statement granting one of a path's actions. */
    private record Grant(String action, ParsedPolicy policy, Statement statement) {
        String describe() {
            return policy.name() + " / " + statement.label() + " (" + action + ")";
        }
    }

    /** Every action of the alternative ({@code a+b}) granted, or empty. */
    private static Optional<List<Grant>> grants(String alternative, List<ParsedPolicy> identity,
            Optional<ParsedPolicy> boundary) {
        List<Grant> all = new ArrayList<>();
        for (String action : alternative.split("\\+")) {
            List<Grant> grants = new ArrayList<>();
            for (ParsedPolicy policy : identity) {
                for (Statement s : policy.statements()) {
                    if (s.effect() == Effect.ALLOW && grantsAction(s, action) && forSageMaker(s, action)) {
                        grants.add(new Grant(action, policy, s));
                    }
                }
            }
            boolean denied = identity.stream().flatMap(p -> p.statements().stream()).anyMatch(s ->
                    s.effect() == Effect.DENY && grantsAction(s, action) && s.conditions().isEmpty()
                            && everyResource(s));
            boolean outsideBoundary = boundary.isPresent() && boundary.get().statements().stream().noneMatch(s ->
                    s.effect() == Effect.ALLOW && grantsAction(s, action));
            if (grants.isEmpty() || denied || outsideBoundary) {
                return Optional.empty();
            }
            all.addAll(grants);
        }
        return Optional.of(all);
    }

    private static EscalationFinding finding(EscalationPath path, List<Grant> grants, List<ParsedPolicy> identity) {
        List<String> described = new ArrayList<>(new LinkedHashSet<>(grants.stream().map(Grant::describe).toList()));
        if (path.passesRole()) {
            List<Grant> passRole = grants.stream().filter(g -> g.action().equals("iam:PassRole")).toList();
            Optional<Set<String>> onlyOutsideDenies = passableOutsideDenies(identity);
            Set<String> roles = new LinkedHashSet<>();
            for (Grant g : passRole) {
                Optional<List<String>> resources = g.statement().resources();
                if (g.statement().notResource() || resources.isEmpty()
                        || resources.get().stream().anyMatch(r -> !namesOne(r, "role/"))) {
                    if (onlyOutsideDenies.isPresent()) {
                        // A Deny on PassRole with NotResource: only the roles it names stay passable.
                        onlyOutsideDenies.get().stream().filter(role -> allows(g.statement(), role))
                                .forEach(roles::add);
                        continue;
                    }
                    return new EscalationFinding(path, false, "open: " + g.describe() + " lets it pass any role"
                            + " matching " + resources.map(r -> String.join(", ", r)).orElse("*") + ", so it reaches"
                            + " every such role SageMaker may assume (the widest one decides)", described);
                }
                resources.get().stream().filter(role -> onlyOutsideDenies.map(named -> named.contains(role))
                        .orElse(true)).forEach(roles::add);
            }
            if (roles.isEmpty()) {
                return null;
            }
            boolean onlySageMaker = passRole.stream().allMatch(g -> g.statement().conditions().stream()
                    .anyMatch(c -> c.key().equalsIgnoreCase("iam:PassedToService")));
            boolean one = roles.size() == 1;
            return new EscalationFinding(path, true, "bounded: iam:PassRole only on " + String.join(", ", roles)
                    + (onlySageMaker ? ", only to " + SAGEMAKER + " (iam:PassedToService)" : " (no"
                    + " iam:PassedToService: it may be passed to other services too)") + ", so it reaches at most "
                    + (one ? "that role, and only if its trust lets" : "those roles, each only if its trust lets")
                    + " SageMaker assume it for " + path.runsAs() + ": " + (one ? "the trust decides" : "the trusts"
                    + " decide") + ", which the caller's documents cannot show ('trainctl role check --role-arn ARN'"
                    // role check evaluates the trusts for the training and tuning jobs it simulates and for
                    // inference (models), not others.
                    + (path == EscalationPath.TRAINING_JOB_WITH_PASSED_ROLE
                    || path == EscalationPath.MODEL_WITH_PASSED_ROLE ? " evaluates " + (one ? "it, and" : "them,"
                    + " and") : " shows") + " how far " + (one ? "the role reaches" : "each role reaches")
                    + " within its boundary)",
                    described, List.copyOf(roles));
        }
        List<String> wide = grants.stream().filter(g -> g.statement().notResource()
                || g.statement().resources().orElse(List.of("*")).stream().anyMatch(r -> !namesOne(r,
                        "notebook-instance/"))).map(Grant::describe).toList();
        return wide.isEmpty()
                ? new EscalationFinding(path, true, "bounded: only the named notebook instances, so it reaches what"
                        + " their roles may do", described)
                : new EscalationFinding(path, false, "open: " + wide.get(0) + (wide.size() > 1 ? " (and "
                        + (wide.size() - 1) + " more)" : "") + " is not limited to named notebook instances, so it"
                        + " reaches any notebook, and any role a notebook runs as", described);
    }

    /**
     * The roles that unconditional Deny statements on iam:PassRole with a NotResource of named roles leave passable (the
     * intersection of their lists), or empty when no such Deny narrows PassRole. IAM denies PassRole on every other
     * role whatever the Allows say, so an Allow on {@code *} reaches only these.
     */
    private static Optional<Set<String>> passableOutsideDenies(List<ParsedPolicy> identity) {
        Set<String> passable = null;
        for (ParsedPolicy policy : identity) {
            for (Statement s : policy.statements()) {
                if (s.effect() == Effect.DENY && s.notResource() && s.conditions().isEmpty()
                        && grantsAction(s, "iam:PassRole") && s.resources().isPresent()
                        && s.resources().get().stream().allMatch(r -> namesOne(r, "role/"))) {
                    Set<String> named = new LinkedHashSet<>(s.resources().get());
                    if (passable == null) {
                        passable = named;
                    } else {
                        passable.retainAll(named);
                    }
                }
            }
        }
        return Optional.ofNullable(passable);
    }

    /** Whether an Allow statement's Resource (or NotResource) covers the resource. */
    private static boolean allows(Statement s, String resource) {
        boolean listed = s.resources().orElse(List.of("*")).stream().anyMatch(r -> glob(r).matcher(resource)
                .matches());
        return s.notResource() != listed;
    }

    /** Whether a Resource names one resource of the type ({@code ...:role/NAME}), not a pattern of many. */
    static boolean namesOne(String resource, String type) {
        int at = resource.indexOf(":" + type);
        return at > 0 && resource.indexOf('*') < 0 && resource.indexOf('?') < 0;
    }

    private static boolean everyResource(Statement s) {
        return !s.notResource() && s.resources().map(r -> r.contains("*")).orElse(false);
    }

    /** A PassRole grant only counts for SageMaker if its iam:PassedToService, when it has one, admits SageMaker. */
    private static boolean forSageMaker(Statement s, String action) {
        if (!action.equals("iam:PassRole")) {
            return true;
        }
        for (Condition c : s.conditions()) {
            if (c.key().equalsIgnoreCase("iam:PassedToService") && !c.operator().base().negated()
                    && c.values().stream().noneMatch(v -> glob(v).matcher(SAGEMAKER).matches())) {
                return false;
            }
        }
        return true;
    }

    static boolean grantsAction(Statement s, String action) {
        boolean listed = s.actions().stream().anyMatch(a -> glob(a).matcher(action).matches());
        return s.notAction() != listed;
    }

    private static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
    }
}
