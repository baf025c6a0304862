package dev.trainctl.orchestrator.rolecheck;

import dev.trainctl.orchestrator.iam.Decision;
import dev.trainctl.orchestrator.iam.ParsedPolicy;
import dev.trainctl.orchestrator.iam.PolicyEvaluator;
import dev.trainctl.orchestrator.iam.PolicySet;
import dev.trainctl.orchestrator.iam.Request;
import dev.trainctl.orchestrator.iam.ResourcePolicy;
import dev.trainctl.orchestrator.iam.UnsupportedPolicyException;
import dev.trainctl.orchestrator.jobsecurity.JobRequest;
import dev.trainctl.orchestrator.jobsecurity.JobSecurity;
import dev.trainctl.orchestrator.jobsecurity.KmsKeyArn;
import dev.trainctl.orchestrator.roles.PolicyDocument;
import dev.trainctl.orchestrator.roles.RoleArn;
import dev.trainctl.orchestrator.roles.RoleDocuments;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The keys' side of the job's KMS requests: a KMS key's own policy must let the role use it (or delegate to the
 * account's IAM policies); IAM alone is not enough. Each request that uses the key is decided by trainctl's evaluator
 * over the role's policies, its boundary and the key policy (a resource policy that must allow, as KMS evaluates it).
 */
final class KeyPolicyCheck {

    static final String RULE = "key.policy";

    private KeyPolicyCheck() {}

    /**
     * @param keyPolicies each key's policy; empty where it could not be read
     */
    static List<CheckResult> rows(RoleArn role, JobScope scope, JobSecurity security, RoleDocuments documents,
            Map<KmsKeyArn, Optional<PolicyDocument>> keyPolicies) {
        List<CheckResult> rows = new ArrayList<>();
        for (KmsKeyArn key : security.keys()) {
            Optional<PolicyDocument> policy = keyPolicies.getOrDefault(key, Optional.empty());
            if (policy.isEmpty()) {
                rows.add(CheckResult.warn(RULE, "the key policy of " + key + " was not read, so whether the key lets"
                        + " the role use it is unchecked (a key policy must allow the role too: IAM alone is not"
                        + " enough)", "give it with --key-policy-file / --volume-key-policy-file, or allow the caller"
                        + " kms:GetKeyPolicy on the key"));
                continue;
            }
            rows.add(check(role, scope, security, documents, key, policy.get()));
        }
        return rows;
    }

    private static CheckResult check(RoleArn role, JobScope scope, JobSecurity security, RoleDocuments documents,
            KmsKeyArn key, PolicyDocument keyPolicy) {
        PolicySet set;
        try {
            set = new PolicySet(documents.permissions().stream().map(KeyPolicyCheck::parse).toList(),
                    Optional.empty(), documents.boundary().map(KeyPolicyCheck::parse))
                    .withResource(ResourcePolicy.key(parse(keyPolicy)));
        } catch (UnsupportedPolicyException e) {
            return CheckResult.warn(RULE, "the key policy of " + key + " was not evaluated: " + e.getMessage(),
                    "check it by hand: it must allow " + role + " the key's kms actions");
        }
        String session = "arn:" + role.partition() + ":sts::" + role.account() + ":assumed-role/" + role.name()
                + "/SageMaker";
        List<String> allowed = new ArrayList<>();
        for (JobRequest kms : JobSecurityCases.keyRequests(scope, security, key)) {
            Map<String, List<String>> context = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            context.putAll(kms.context());
            Decision decision = PolicyEvaluator.evaluate(set, new Request(kms.action(), kms.resource(),
                    Optional.of(session), context));
            if (!decision.allowed()) {
                boolean keyPolicyBlocks = decision.reason().contains("key policy");
                return CheckResult.fail(RULE, kms.action() + " on " + key + " (" + kms.purpose() + ") is denied: "
                        + decision.reason() + " (evaluated over the role's policies and " + keyPolicy.name() + ")",
                        keyPolicyBlocks ? "add to the key policy {\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \""
                                + role + "\"}, \"Action\": \"" + kms.action() + "\", \"Resource\": \"*\"}, or let it"
                                + " delegate to the account (KMS's default key policy)"
                                : "give the role the statement 'trainctl policy show role' prints for the key");
            }
            allowed.add(kms.action());
        }
        return CheckResult.pass(RULE, "the key policy of " + key + " lets the role use it (" + String.join(", ",
                new java.util.LinkedHashSet<>(allowed)) + "; trainctl's evaluator over the role's policies and the"
                + " key policy)");
    }

    private static ParsedPolicy parse(PolicyDocument document) {
        return ParsedPolicy.parse(document.name(), document.json());
    }

    /** Keeps the map's order for the report: the output key first, then the volume key. */
    static Map<KmsKeyArn, Optional<PolicyDocument>> ordered(JobSecurity security,
            java.util.function.Function<KmsKeyArn, Optional<PolicyDocument>> read) {
        Map<KmsKeyArn, Optional<PolicyDocument>> policies = new LinkedHashMap<>();
        security.keys().forEach(key -> policies.put(key, read.apply(key)));
        return policies;
    }
}
