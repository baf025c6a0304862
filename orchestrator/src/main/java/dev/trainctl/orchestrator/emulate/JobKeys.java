package dev.trainctl.orchestrator.emulate;

import dev.trainctl.orchestrator.cli.Console;
import dev.trainctl.orchestrator.cli.TrainctlException;
import dev.trainctl.orchestrator.iam.ParsedPolicy;
import dev.trainctl.orchestrator.iam.PolicySet;
import dev.trainctl.orchestrator.iam.ResourcePolicy;
import dev.trainctl.orchestrator.iam.UnsupportedPolicyException;
import dev.trainctl.orchestrator.jobsecurity.JobSecurity;
import dev.trainctl.orchestrator.jobsecurity.KmsKeyArn;
import dev.trainctl.orchestrator.roles.KeyPolicies;
import dev.trainctl.orchestrator.roles.PolicyDocument;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * An emulated job's VPC and keys, and each key's policy: a request that uses a key is evaluated over the role's
 * documents and the key's policy, which must allow the role too (IAM alone is not enough for KMS).
 *
 * @param keyPolicies by key ARN
 */
public record JobKeys(JobSecurity security, Map<String, ParsedPolicy> keyPolicies) {

    public JobKeys {
        Objects.requireNonNull(security, "security");
        keyPolicies = Map.copyOf(keyPolicies);
        for (KmsKeyArn key : security.keys()) {
            if (!keyPolicies.containsKey(key.arn())) {
                throw new IllegalArgumentException("no key policy for " + key);
            }
        }
    }

    public static JobKeys none() {
        return new JobKeys(JobSecurity.none(), Map.of());
    }

    /**
     * Each key's policy: the file given for it; else the key's policy from KMS where there is KMS to read
     * ({@code kms} present); else the default policy KMS gives a key, and the output says so. Where KMS is there but
     * {@code kms:GetKeyPolicy} is denied, the emulation cannot know whether the key lets the role in: it refuses and
     * asks for the file, instead of allowing.
     *
     * @param keyFile {@code --key-policy-file}, the policy of {@code --kms-key}
     * @param volumeKeyFile {@code --volume-key-policy-file}, the policy of {@code --volume-kms-key}
     */
    public static JobKeys resolve(JobSecurity security, Optional<KmsClient> kms, Optional<PolicyDocument> keyFile,
            Optional<PolicyDocument> volumeKeyFile, Console console) {
        Map<String, ParsedPolicy> policies = new LinkedHashMap<>();
        security.outputKey().ifPresent(key -> policies.put(key.arn(), policy(key, keyFile, "--key-policy-file", kms,
                console)));
        security.volumeKey().filter(key -> !policies.containsKey(key.arn())).ifPresent(key -> policies.put(key.arn(),
                policy(key, volumeKeyFile, "--volume-key-policy-file", kms, console)));
        return new JobKeys(security, policies);
    }

    private static ParsedPolicy policy(KmsKeyArn key, Optional<PolicyDocument> file, String option,
            Optional<KmsClient> kms, Console console) {
        PolicyDocument document = file.orElseGet(() -> {
            if (kms.isEmpty()) {
                console.say("key policy of " + key + ": this endpoint has no KMS, so the emulation uses the default"
                        + " key policy (the account's IAM policies decide); give " + option + " for the key's own");
                return PolicyDocument.keyPolicy(key.arn(), KeyPolicies.defaultPolicy(key.partition(), key.account()));
            }
            return KeyPolicies.read(kms.get(), key.arn()).orElseThrow(() -> TrainctlException.usage("the key policy"
                    + " of " + key + " cannot be read (kms:GetKeyPolicy denied), so the emulation cannot know whether"
                    + " the key lets the role use it; give it with " + option + " FILE"));
        });
        try {
            ParsedPolicy parsed = ParsedPolicy.parse(document.name(), document.json());
            ResourcePolicy.key(parsed);
            return parsed;
        } catch (UnsupportedPolicyException e) {
            throw TrainctlException.usage("the emulation cannot evaluate the key policy of " + key + ": "
                    + e.getMessage() + "; it refuses rather than guess");
        }
    }

    /** What a request that uses {@code key} is evaluated against: the role's policies, its boundary, the key policy. */
    public PolicySet forKey(JobRoleDocuments role, KmsKeyArn key) {
        return role.forIdentity().withResource(ResourcePolicy.key(keyPolicies.get(key.arn())));
    }
}
