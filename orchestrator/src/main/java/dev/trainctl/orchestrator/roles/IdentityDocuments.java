package dev.trainctl.orchestrator.roles;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The identity-based documents of a principal that runs trainctl: an IAM user's inline and attached policies and
 * those of its groups, or a role's inline and attached policies; and its permissions boundary. Already URL-decoded.
 *
 * @param principalArn the user's or the role's ARN (with its path)
 */
public record IdentityDocuments(String principalArn, List<PolicyDocument> permissions,
        Optional<PolicyDocument> boundary) {

    public IdentityDocuments {
        Objects.requireNonNull(principalArn, "principalArn");
        permissions = List.copyOf(permissions);
        Objects.requireNonNull(boundary, "boundary");
    }
}
