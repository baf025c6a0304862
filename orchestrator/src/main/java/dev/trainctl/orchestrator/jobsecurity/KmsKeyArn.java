package dev.trainctl.orchestrator.jobsecurity;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A customer managed KMS key, by its key ARN: what {@code --kms-key} and {@code --volume-kms-key} take. Only a key ARN,
 * not a key ID or an alias: an IAM statement's Resource and the {@code sagemaker:OutputKmsKey} /
 * {@code sagemaker:VolumeKmsKey} condition keys (type ARN) compare the key's ARN, so an alias would match neither.
 *
 * @param arn {@code arn:PARTITION:kms:REGION:ACCOUNT:key/KEY_ID}
 */
public record KmsKeyArn(String arn) {

    /** botocore's KmsKeyId: at most 2048 characters of {@code [a-zA-Z0-9:/_-]}; a key ARN is the strictest of its forms. */
    private static final Pattern KEY_ARN = Pattern.compile(
            "arn:(aws[a-z-]*):kms:([a-z]{2}(?:-[a-z]+)+-\\d+):(\\d{12}):key/"
            + "([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})");

    public KmsKeyArn {
        if (arn == null || arn.length() > 2048 || !KEY_ARN.matcher(arn).matches()) {
            throw new IllegalArgumentException("must be a KMS key ARN (arn:aws:kms:REGION:ACCOUNT:key/KEY_ID; not a key"
                    + " ID or an alias: IAM and SageMaker's condition keys compare the key's ARN), got '" + arn + "'");
        }
    }

    /** Parses {@code value} for {@code option}; a bad value is an IllegalArgumentException naming the option. */
    public static KmsKeyArn parse(String option, String value) {
        try {
            return new KmsKeyArn(value.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--" + option + " " + e.getMessage());
        }
    }

    public String partition() {
        return part(1);
    }

    public String region() {
        return part(2);
    }

    public String account() {
        return part(3);
    }

    private String part(int group) {
        Matcher m = KEY_ARN.matcher(arn);
        if (!m.matches()) {
            throw new IllegalStateException(arn);
        }
        return m.group(group);
    }

    @Override
    public String toString() {
        return arn;
    }
}
