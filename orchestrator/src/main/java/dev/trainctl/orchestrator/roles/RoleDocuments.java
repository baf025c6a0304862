package dev.trainctl.orchestrator.roles;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything IAM says about a role's permissions: its trust policy, its inline and attached managed policies, and its
 * permissions boundary. All documents are already URL-decoded.
 */
public record RoleDocuments(RoleArn role, PolicyDocument trust, List<PolicyDocument> permissions,
        Optional<PolicyDocument> boundary) {

    public RoleDocuments {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(trust, "trust");
        permissions = List.copyOf(permissions);
        Objects.requireNonNull(boundary, "boundary");
    }

    /** The permission documents and the boundary, in the order the lint reports them. */
    public List<PolicyDocument> lintable() {
        List<PolicyDocument> all = new ArrayList<>(permissions);
        boundary.ifPresent(all::add);
        return all;
    }
}
