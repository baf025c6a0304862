package dev.trainctl.orchestrator.escalation;

import java.util.List;
import java.util.Objects;

/**
 * A path the documents open, the statements that open it, and whether it is bounded.
 *
 * @param bounded whether the path reaches only named roles (PassRole on specific role ARNs) or named notebooks; an
 *     unbounded path reaches whatever role or notebook the account has
 * @param bound what limits it, or why nothing does, in one line
 * @param grants the statements that grant the path's actions, as {@code POLICY / STATEMENT (actions)}
 * @param roles the roles a bounded path that passes a role can pass (their ARNs); empty otherwise
 */
public record EscalationFinding(EscalationPath path, boolean bounded, String bound, List<String> grants,
        List<String> roles) {

    public EscalationFinding {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(bound, "bound");
        grants = List.copyOf(grants);
        roles = List.copyOf(roles);
    }

    /** A finding that names no roles: an open path, or one on notebooks. */
    public EscalationFinding(EscalationPath path, boolean bounded, String bound, List<String> grants) {
        this(path, bounded, bound, grants, List.of());
    }

    /** {@code open} or {@code bounded}, as the JSON output names it. */
    public String verdict() {
        return bounded ? "bounded" : "open";
    }

    /** One line: the path, what it gives, which statements open it and what bounds it. */
    public String describe() {
        return path.title() + " (" + path.reference() + "): " + path.gain() + "; opened by "
                + String.join(", ", grants) + "; " + bound;
    }
}
