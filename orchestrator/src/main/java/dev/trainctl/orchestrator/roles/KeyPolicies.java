package dev.trainctl.orchestrator.roles;

import dev.trainctl.orchestrator.aws.AwsErrors;
import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.TrainctlException;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * A KMS key's own policy: IAM alone is not enough to use a key, its key policy must allow the principal too (or
 * delegate to the account's IAM policies). Read with {@code kms:GetKeyPolicy} where that is permitted, or the policy
 * KMS gives a key created without one.
 */
public final class KeyPolicies {

    private KeyPolicies() {}

    /**
     * The key policy KMS gives a key created without one ("Default key policy" in the KMS Developer Guide): the account
     * may use the key as its IAM policies allow, so it delegates to them.
     */
    public static String defaultPolicy(String partition, String account) {
        return "{\"Version\": \"2012-10-17\", \"Id\": \"key-default-1\", \"Statement\": [{\"Sid\": \"Enable IAM User"
                + " Permissions\", \"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"arn:" + partition + ":iam::" + account
                + ":root\"}, \"Action\": \"kms:*\", \"Resource\": \"*\"}]}";
    }

    /**
     * The key's policy from KMS, or empty when the caller may not read it ({@code kms:GetKeyPolicy} denied).
     *
     * @throws TrainctlException when the key does not exist, or KMS fails otherwise
     */
    public static Optional<PolicyDocument> read(KmsClient kms, String keyArn) {
        try {
            String json = kms.getKeyPolicy(r -> r.keyId(keyArn).policyName("default")).policy();
            return Optional.of(PolicyDocument.keyPolicy(keyArn, json));
        } catch (SdkException e) {
            if (AwsErrors.isAccessDenied(e)) {
                return Optional.empty();
            }
            if (AwsErrors.isNotFound(e)) {
                throw new TrainctlException(ExitCode.AWS_INVALID, "KMS key " + keyArn + " does not exist (or not in"
                        + " this region): check --kms-key / --volume-kms-key", e);
            }
            throw AwsErrors.translate(e, "kms:GetKeyPolicy", keyArn);
        }
    }
}
