package dev.trainctl.orchestrator.aws;

import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.TerminalText;
import dev.trainctl.orchestrator.cli.TrainctlException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The one place that turns AWS SDK failures into {@link TrainctlException}s that say what failed, why, and what to
 * do, each with its own {@link ExitCode}. Commands send requests through {@link #call} or catch {@link SdkException}
 * and pass it to {@link #translate}.
 */
public final class AwsErrors {

    /** Points a user who lacks a permission at the policy that grants exactly what trainctl needs. */
    public static final String CALLER_POLICY_HINT = "run 'trainctl policy show caller' (training jobs), 'trainctl "
            + "policy show provisioner' (provision, teardown) or 'trainctl policy show rolecheck' (role check) for the "
            + "least-privilege policy, and attach it to your user or role";

    private static final Set<String> ACCESS_DENIED = Set.of("AccessDenied", "AccessDeniedException",
            "UnauthorizedOperation", "AuthorizationError", "UnauthorizedAccess", "NotAuthorized");
    private static final Set<String> EXPIRED = Set.of("ExpiredToken", "ExpiredTokenException", "RequestExpired",
            "TokenRefreshRequired");
    private static final Set<String> INVALID_CREDENTIALS = Set.of("InvalidClientTokenId", "UnrecognizedClientException",
            "InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidToken", "IncompleteSignature",
            "MissingAuthenticationToken", "InvalidSignatureException");
    private static final Set<String> QUOTA = Set.of("ResourceLimitExceeded", "LimitExceeded", "LimitExceededException",
            "ServiceQuotaExceededException", "TooManyBuckets", "CreationLimitExceededException");
    private static final Set<String> INVALID = Set.of("ValidationException", "ValidationError", "InvalidParameterValue",
            "InvalidParameterException", "InvalidInput", "MalformedPolicyDocument", "MalformedPolicy",
            "IllegalLocationConstraintException", "InvalidLocationConstraint", "AuthorizationHeaderMalformed",
            "PermanentRedirect", "InvalidBucketName", "InvalidRequest");
    private static final Set<String> NOT_FOUND = Set.of("NoSuchEntity", "NoSuchBucket", "NotFound", "NoSuchKey",
            "RepositoryNotFoundException", "NoSuchBucketPolicy", "ServerSideEncryptionConfigurationNotFoundError",
            "NoSuchPublicAccessBlockConfiguration", "OwnershipControlsNotFoundError", "NoSuchTagSet",
            "NoSuchTagSetError", "ResourceNotFound", "ResourceNotFoundException", "RepositoryPolicyNotFoundException",
            "NotFoundException", "TrailNotFoundException", "NoSuchResourceException");

    /** "User: arn:... is not authorized to perform: iam:CreateRole on resource: arn:..." (IAM, STS, most JSON APIs). */
    private static final Pattern NOT_AUTHORIZED = Pattern.compile("perform: (\\S+) on resource: (\\S+?)(?:[ ,.]|$)");

    private AwsErrors() {}

    /** Sends a request; any SDK failure becomes a {@link TrainctlException} naming the action and resource. */
    public static <Q extends SdkRequest, T> T call(Q request, String resource, Function<Q, T> sender) {
        try {
            return sender.apply(request);
        } catch (SdkException e) {
            throw translate(e, AwsActions.action(request), resource);
        }
    }

    /** The failure of {@code action} (e.g. {@code iam:CreateRole}) on {@code resource} (an ARN or name). */
    public static TrainctlException translate(SdkException e, String action, String resource) {
        if (e instanceof AwsServiceException service) {
            return translateService(service, action, resource);
        }
        return translateClient(e, action, resource);
    }

    private static TrainctlException translateService(AwsServiceException e, String action, String resource) {
        String code = errorCode(e);
        String message = awsMessage(e);
        if (ACCESS_DENIED.contains(code) || (e.statusCode() == 403 && code.isEmpty())) {
            Matcher named = NOT_AUTHORIZED.matcher(message);
            String deniedAction = action;
            String deniedResource = resource;
            if (named.find()) {
                deniedAction = named.group(1);
                deniedResource = named.group(2);
            }
            return new TrainctlException(ExitCode.AWS_ACCESS_DENIED, "access denied: you may not " + deniedAction
                    + " on " + deniedResource + (message.isEmpty() ? "" : " (AWS: " + message + ")") + "; "
                    + CALLER_POLICY_HINT, e);
        }
        if (EXPIRED.contains(code) || (code.equals("InvalidToken") && message.toLowerCase(Locale.ROOT).contains("expired"))) {
            return new TrainctlException(ExitCode.AWS_CREDENTIALS, "your AWS credentials have expired (" + code
                    + "): refresh them (e.g. 'aws sso login', or new temporary keys) and run the command again", e);
        }
        if (INVALID_CREDENTIALS.contains(code)) {
            return new TrainctlException(ExitCode.AWS_CREDENTIALS, "AWS rejected your credentials (" + code + ": "
                    + message + "): check the access key and secret, or the profile (--profile, AWS_PROFILE)", e);
        }
        if (code.equals("DuplicateRecordException")) {
            return new TrainctlException(ExitCode.AWS_CONFLICT, resource + " already exists (" + code + ": " + message
                    + "): run the command again to adopt it if trainctl created it, or choose another --name", e);
        }
        if (code.equals("BucketAlreadyExists")) {
            return new TrainctlException(ExitCode.AWS_CONFLICT, "the bucket name " + resource + " is taken by another "
                    + "AWS account (bucket names are global): choose another with --bucket", e);
        }
        if (QUOTA.contains(code)) {
            return new TrainctlException(ExitCode.AWS_QUOTA, "an AWS quota is exhausted for " + action + " on "
                    + resource + " (" + code + ": " + message + "): request an increase in the Service Quotas console "
                    + "('aws service-quotas request-service-quota-increase'), or free some of the resource", e);
        }
        if (INVALID.contains(code) && mentionsRole(message)) {
            return new TrainctlException(ExitCode.AWS_INVALID, "AWS rejected the execution role for " + action + " ("
                    + code + ": " + message + "): the role's trust policy must let sagemaker.amazonaws.com assume it "
                    + "for this account's training jobs ('trainctl policy show trust'), and it may take a few seconds "
                    + "after 'trainctl provision' to become usable", e);
        }
        if (INVALID.contains(code)) {
            return new TrainctlException(ExitCode.AWS_INVALID, "AWS rejected " + action + " on " + resource + " as "
                    + "invalid (" + code + ": " + message + ")", e);
        }
        if (isNotImplemented(e)) {
            return new TrainctlException(ExitCode.AWS_INVALID, "the endpoint does not implement " + action + " (HTTP "
                    + e.statusCode() + "): an S3-compatible server may support only part of the AWS API", e);
        }
        return new TrainctlException(ExitCode.FAILURE, action + " on " + resource + " failed (" + (code.isEmpty()
                ? "HTTP " + e.statusCode() : code) + (message.isEmpty() ? "" : ": " + message) + ")", e);
    }

    /**
     * A service quota of 0 (or less than asked for) found before a job is submitted: what {@code train --on sagemaker}
     * and {@code role check --live} stop on, with the quota's name and code and both ways to request an increase.
     */
    public static TrainctlException quotaExhausted(String quotaName, String quotaCode, double value, String region,
            String serviceCode) {
        return new TrainctlException(ExitCode.AWS_QUOTA, "the Service Quotas value of '" + quotaName + "' ("
                + serviceCode + " " + quotaCode + ") is " + formatQuota(value) + " in " + region + ", so SageMaker "
                + "would refuse the job; nothing was uploaded or submitted. " + quotaIncreaseHint(quotaName, quotaCode,
                        region, serviceCode));
    }

    /** How to ask for more of a quota: the AWS CLI command and the console path. */
    public static String quotaIncreaseHint(String quotaName, String quotaCode, String region, String serviceCode) {
        return "Request an increase: 'aws service-quotas request-service-quota-increase --service-code "
                + serviceCode + " --quota-code " + quotaCode + " --desired-value 1 --region " + region + "', or in the "
                + "console: Service Quotas > AWS services > " + (serviceCode.equals("sagemaker") ? "Amazon SageMaker"
                        : serviceCode) + " > '" + quotaName + "' > Request increase at account level";
    }

    private static String formatQuota(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    private static TrainctlException translateClient(SdkException e, String action, String resource) {
        String message = TerminalText.escape(String.valueOf(e.getMessage()));
        // The SDK's words when the provider chain finds nothing, or the named profile has no keys.
        if (message.contains("Unable to load credentials") || message.contains("contained no credentials")) {
            return new TrainctlException(ExitCode.AWS_CREDENTIALS, "no AWS credentials found: run 'aws configure' or "
                    + "'aws sso login', set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or pass --profile NAME "
                    + "('provision --dry-run', 'train --on sagemaker --dry-run' and 'policy show' also work without)", e);
        }
        if (message.contains("profile") && message.contains("not") && message.contains("found")) {
            return new TrainctlException(ExitCode.AWS_CREDENTIALS, "AWS profile problem: " + message, e);
        }
        Optional<UnknownHostException> unknownHost = cause(e, UnknownHostException.class);
        if (unknownHost.isPresent()) {
            return new TrainctlException(ExitCode.AWS_INVALID, "cannot resolve the AWS endpoint "
                    + unknownHost.get().getMessage() + " for " + action + ": check the region (--region, AWS_REGION) "
                    + "and --endpoint-url, and that this machine can reach AWS", e);
        }
        return new TrainctlException(ExitCode.FAILURE, action + " on " + resource + " failed: " + message, e);
    }

    /** The AWS error code, or "" when the response carried none (S3 HEAD requests have no body). */
    public static String errorCode(AwsServiceException e) {
        return e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null ? ""
                : TerminalText.escape(e.awsErrorDetails().errorCode());
    }

    /** Whether AWS said the thing does not exist (NoSuchEntity, NoSuchBucket, RepositoryNotFound, HTTP 404, ...). */
    public static boolean isNotFound(SdkException e) {
        return e instanceof AwsServiceException service
                && (NOT_FOUND.contains(errorCode(service)) || service.statusCode() == 404);
    }

    /** Whether the endpoint does not implement the operation: HTTP 501 / NotImplemented (S3-compatible servers). */
    public static boolean isNotImplemented(SdkException e) {
        return e instanceof AwsServiceException service
                && (service.statusCode() == 501 || errorCode(service).equals("NotImplemented"));
    }

    /**
     * Whether the endpoint does not offer the service at all (an AWS-compatible server with only part of AWS): it
     * answers "not implemented", a server error, an unknown action, or an error the service's protocol cannot read
     * (an S3 server such as S3Proxy answers HTTP 400 with an S3 error document: no code of the service's own).
     */
    public static boolean isServiceMissing(SdkException e) {
        if (isNotImplemented(e)) {
            return true;
        }
        if (!(e instanceof AwsServiceException service)) {
            return false;
        }
        String code = errorCode(service);
        return service.statusCode() >= 500 || code.isEmpty() && service.statusCode() != 403
                || Set.of("InvalidAction", "UnknownOperationException", "UnsupportedOperation", "MethodNotAllowed",
                        "InvalidRequest", "InvalidArgument").contains(code);
    }

    public static boolean isAccessDenied(SdkException e) {
        return e instanceof AwsServiceException service
                && (ACCESS_DENIED.contains(errorCode(service)) || service.statusCode() == 403);
    }

    /** Whether the failure is about credentials (none, expired, invalid); such a failure ends every AWS step. */
    public static boolean isCredentialsProblem(SdkException e) {
        return translate(e, "", "").exitCode() == ExitCode.AWS_CREDENTIALS;
    }

    private static String awsMessage(AwsServiceException e) {
        if (e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null) {
            return TerminalText.escape(e.awsErrorDetails().errorMessage());
        }
        return "";
    }

    private static boolean mentionsRole(String message) {
        String lower = message.toLowerCase(Locale.ROOT);
        return lower.contains("role") || lower.contains("assume");
    }

    private static <T extends Throwable> Optional<T> cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }
}
