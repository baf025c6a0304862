package dev.trainctl.orchestrator.aws;

import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityRequest;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * Who is calling AWS: the account, the ARN and what kind of principal it is, from STS {@code GetCallerIdentity}
 * (which needs no permission). {@link #placeholder} stands in when there are no credentials (dry runs, docs).
 *
 * @param account 12-digit account id
 * @param arn the caller's ARN ({@code arn:aws:iam::123:user/alice}, {@code arn:aws:sts::123:assumed-role/R/s})
 * @param userId the unique id STS reports
 * @param placeholder true when no AWS call was made and the account is the documentation example 111122223333
 */
public record CallerIdentity(String account, String arn, String userId, boolean placeholder) {

    /** AWS's own documentation example account: clearly not a real one. */
    public static final String PLACEHOLDER_ACCOUNT = "111122223333";

    public CallerIdentity {
        if (account == null || !account.matches("\\d{12}")) {
            throw new IllegalArgumentException("an AWS account id has 12 digits, got '" + account + "'");
        }
        if (arn == null || !arn.startsWith("arn:")) {
            throw new IllegalArgumentException("not an ARN: '" + arn + "'");
        }
    }

    /** The principal kinds that matter for advice: root is warned about, roles are what CI should use. */
    public enum Kind { ROOT, USER, ASSUMED_ROLE, FEDERATED_USER, OTHER }

    /** Asks STS; failures become {@link dev.trainctl.orchestrator.cli.TrainctlException}s. */
    public static CallerIdentity lookup(StsClient sts) {
        GetCallerIdentityResponse response = AwsErrors.call(GetCallerIdentityRequest.builder().build(),
                "your credentials", sts::getCallerIdentity);
        return new CallerIdentity(response.account(), response.arn(), response.userId(), false);
    }

    /** Asks STS, or returns empty when there are no usable credentials (for dry runs and {@code policy show}). */
    /**
     * {@link #lookupIfPossible(StsClient)}, except that a profile the user selected must give credentials: the
     * placeholder account stands in only where no credentials exist and no profile was asked for.
     */
    public static Optional<CallerIdentity> lookupIfPossible(AwsClients aws) {
        return aws.selectedProfile().isPresent() ? Optional.of(lookup(aws.sts())) : lookupIfPossible(aws.sts());
    }

    public static Optional<CallerIdentity> lookupIfPossible(StsClient sts) {
        try {
            GetCallerIdentityResponse response = sts.getCallerIdentity(GetCallerIdentityRequest.builder().build());
            return Optional.of(new CallerIdentity(response.account(), response.arn(), response.userId(), false));
        } catch (SdkException e) {
            if (AwsErrors.isCredentialsProblem(e)) {
                return Optional.empty();
            }
            throw AwsErrors.translate(e, "sts:GetCallerIdentity", "your credentials");
        }
    }

    /** A stand-in identity for the given partition, marked as a placeholder. */
    public static CallerIdentity placeholder(String partition) {
        return new CallerIdentity(PLACEHOLDER_ACCOUNT, "arn:" + partition + ":iam::" + PLACEHOLDER_ACCOUNT
                + ":user/PLACEHOLDER", "PLACEHOLDER", true);
    }

    /** The partition from the ARN: {@code aws}, {@code aws-cn}, {@code aws-us-gov}. */
    public String partition() {
        return arn.split(":", -1)[1];
    }

    public Kind kind() {
        String resource = arn.split(":", 6)[5];
        if (resource.equals("root")) {
            return Kind.ROOT;
        }
        if (resource.startsWith("user/")) {
            return Kind.USER;
        }
        if (resource.startsWith("assumed-role/")) {
            return Kind.ASSUMED_ROLE;
        }
        if (resource.startsWith("federated-user/")) {
            return Kind.FEDERATED_USER;
        }
        return Kind.OTHER;
    }

    /** The last part of the ARN: the user name, or the role and session for an assumed role. */
    public String principalName() {
        String resource = arn.split(":", 6)[5];
        int slash = resource.indexOf('/');
        return slash < 0 ? resource : resource.substring(slash + 1);
    }

    /**
     * For an assumed role, the IAM role's ARN ({@code arn:aws:iam::123:role/NAME}); the STS ARN drops the role's
     * path, so for a role with a path this is a best guess.
     */
    public Optional<String> roleArn() {
        if (kind() != Kind.ASSUMED_ROLE) {
            return Optional.empty();
        }
        String roleName = principalName().split("/", 2)[0];
        return Optional.of("arn:" + partition() + ":iam::" + account + ":role/" + roleName);
    }
}
