package dev.trainctl.orchestrator.iam;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One request to evaluate: the action, the resource ARN ({@code *} for "any resource", as SimulatePrincipalPolicy
 * takes it), who makes it, and the request context. Context keys are case-insensitive, as IAM's are; a key with
 * several values is a multivalued key, and one with none (such as {@code "aws:CalledVia": []} for a request no
 * service made on the caller's behalf) is an empty multivalued key.
 *
 * @param principal an IAM ARN (account root, user, role, assumed-role session) or a service principal such as
 *     {@code sagemaker.amazonaws.com}; empty for "the caller whose identity policies are given", in the resource's
 *     account
 */
public record Request(String action, String resource, Optional<String> principal,
        Map<String, List<String>> context) {

    public Request {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(principal, "principal");
        if (!action.matches("[A-Za-z0-9-]+:[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("action must look like service:Action (e.g. s3:GetObject), got '"
                    + action + "'");
        }
        if (!resource.equals("*") && resource.split(":", 6).length < 6) {
            throw new IllegalArgumentException("resource must be an ARN (arn:partition:service:region:account:"
                    + "resource) or *, got '" + resource + "'");
        }
        TreeMap<String, List<String>> keys = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        context.forEach((key, values) -> {
            if (keys.put(key, List.copyOf(values)) != null) {
                throw new IllegalArgumentException("context key " + key
                        + " is given twice (keys are case-insensitive)");
            }
        });
        context = java.util.Collections.unmodifiableMap(keys);
    }

    public static Request of(String action, String resource) {
        return new Request(action, resource, Optional.empty(), Map.of());
    }

    /**
     * An AWS service assuming a role on behalf of one of its resources, as the service asks STS: the service principal,
     * the resource's ARN and account as {@code aws:SourceArn} and {@code aws:SourceAccount} (what a confused-deputy
     * guard in the role's trust checks), over TLS.
     */
    public static Request assumeRoleByService(String service, String roleArn, String sourceAccount,
            String sourceArn) {
        return new Request("sts:AssumeRole", roleArn, Optional.of(service), Map.of("aws:SourceAccount",
                List.of(sourceAccount), "aws:SourceArn", List.of(sourceArn), "aws:SecureTransport", List.of("true")));
    }

    public Request withPrincipal(String arn) {
        return new Request(action, resource, Optional.of(arn), context);
    }

    public Request withContext(String key, String... values) {
        TreeMap<String, List<String>> more = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        more.putAll(context);
        more.put(key, List.of(values));
        return new Request(action, resource, principal, more);
    }
}
