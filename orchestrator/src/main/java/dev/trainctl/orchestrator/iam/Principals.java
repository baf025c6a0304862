package dev.trainctl.orchestrator.iam;

import java.util.List;

/**
 * The {@code Principal} or {@code NotPrincipal} of a resource-policy statement: {@code "*"}, AWS principals (account
 * ids, account root, user, role and assumed-role session ARNs, or {@code "*"}) and service principals.
 *
 * @param everyone the whole element is the string {@code "*"}
 */
public record Principals(boolean everyone, List<String> aws, List<String> services) {

    public Principals {
        aws = List.copyOf(aws);
        services = List.copyOf(services);
    }
}
