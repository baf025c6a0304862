package dev.trainctl.orchestrator.emulate;

import dev.trainctl.orchestrator.aws.AwsClients;
import dev.trainctl.orchestrator.aws.AwsErrors;
import dev.trainctl.orchestrator.aws.CallerIdentity;
import dev.trainctl.orchestrator.cli.Console;
import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.Invocation;
import dev.trainctl.orchestrator.cli.TrainctlException;
import dev.trainctl.orchestrator.iam.Decision;
import dev.trainctl.orchestrator.iam.ParsedPolicy;
import dev.trainctl.orchestrator.iam.PolicyEvaluator;
import dev.trainctl.orchestrator.iam.PolicySet;
import dev.trainctl.orchestrator.iam.Request;
import dev.trainctl.orchestrator.iam.ResourcePolicy;
import dev.trainctl.orchestrator.iam.StatementRef;
import dev.trainctl.orchestrator.iam.UnsupportedPolicyException;
import dev.trainctl.orchestrator.names.ResourceNames;
import dev.trainctl.orchestrator.s3serve.EmbeddedS3;
import dev.trainctl.orchestrator.s3serve.S3Access;
import dev.trainctl.training.text.ShellWords;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityRequest;

/**
 * Where an emulated job keeps its data and model: the S3 ({@link S3Access}), the bucket, the account that must own
 * it, and the caller's account where one is known. {@code train --on emulated} and {@code tune --on emulated} both
 * start here.
 *
 * @param bucketOwner the account sent as ExpectedBucketOwner on AWS; empty on a local S3, which has no accounts
 * @param account the caller's account: from STS on AWS, and on an endpoint that has STS and is used with your
 *     credentials (moto, LocalStack); empty on the embedded S3, with trainctl's local credentials, or where the
 *     endpoint has no STS (S3Proxy)
 * @param region the region the job's ARN is in (on a local S3 the configured one, else us-east-1)
 */
public record EmulatedTarget(S3Access access, String bucket, Optional<String> bucketOwner, Optional<String> account,
        String region) {

    /** A local S3 has no region; the job's ARN still has one (the embedded server's). */
    static final String LOCAL_REGION = "us-east-1";

    /**
     * Resolves the bucket ({@code --bucket}, else trainctl's default: {@code provision}'s bucket where the account is
     * known, {@code trainctl-local} where it is not) and makes sure it is there.
     */
    public static EmulatedTarget resolve(Invocation invocation, AwsClients aws, S3Access access) {
        Console console = invocation.console();
        Optional<String> owner = access.local() ? Optional.empty()
                : Optional.of(CallerIdentity.lookup(aws.sts()).account());
        Optional<String> account = access.local() ? endpointAccount(aws, access, console) : owner;
        String region = access.local() ? aws.configuredRegion().map(r -> r.id()).orElse(LOCAL_REGION)
                : aws.region().id();
        String bucket = invocation.value("bucket").orElseGet(() -> account
                .map(a -> ResourceNames.defaultBucket(a, region)).orElse(EmbeddedS3.LOCAL_BUCKET));
        EmulatedTarget target = new EmulatedTarget(access, bucket, owner, account, region);
        target.ensureBucket(console);
        target.refuseTlsOnlyBucketOverPlainHttp();
        return target;
    }

    /**
     * The caller's account on an AWS-compatible endpoint used with your credentials, from the endpoint's STS; none
     * where it has no STS (or refuses GetCallerIdentity, which AWS never does), or with trainctl's local credentials.
     */
    private static Optional<String> endpointAccount(AwsClients aws, S3Access access, Console console) {
        if (access.ownsClient()) {
            return Optional.empty();
        }
        try {
            return Optional.of(aws.sts().getCallerIdentity(GetCallerIdentityRequest.builder().build()).account());
        } catch (SdkException e) {
            if (AwsErrors.isServiceMissing(e) || AwsErrors.isAccessDenied(e)) {
                console.verbose("the endpoint has no STS GetCallerIdentity (" + e.getMessage() + "): no account known");
                return Optional.empty();
            }
            throw AwsErrors.translate(e, "sts:GetCallerIdentity", "your credentials");
        }
    }

    /** A local S3 gets the bucket created on first use; on AWS the bucket is provisioned, never created here. */
    private void ensureBucket(Console console) {
        S3Client s3 = access.s3();
        try {
            s3.headBucket(b -> b.bucket(bucket).expectedBucketOwner(bucketOwner.orElse(null)));
        } catch (SdkException e) {
            if (!AwsErrors.isNotFound(e)) {
                throw AwsErrors.translate(e, "s3:ListBucket", bucket);
            }
            if (!access.local()) {
                throw new TrainctlException(ExitCode.AWS_INVALID, "bucket " + bucket + " does not exist: run"
                        + " 'trainctl provision' first (or pass --bucket)", e);
            }
            s3.createBucket(b -> b.bucket(bucket));
            console.say("created bucket " + bucket + " on the local S3");
        }
    }

    /**
     * An endpoint over plain HTTP (moto, a local MinIO) with a bucket policy that denies requests without TLS, as
     * {@code provision} sets one: the server refuses every object request from this process, as S3 would. Said before
     * anything is uploaded, instead of an access denied halfway. The role's own requests are SageMaker's and carry
     * TLS; this is about the server. A policy that cannot be read or evaluated is left to the server to apply.
     */
    private void refuseTlsOnlyBucketOverPlainHttp() {
        if (!access.local() || access.ownsClient() || access.endpoint().filter(u -> "http".equalsIgnoreCase(
                u.getScheme())).isEmpty()) {
            return;
        }
        Decision decision;
        try {
            String policy = access.s3().getBucketPolicy(b -> b.bucket(bucket)).policy();
            decision = PolicyEvaluator.evaluate(PolicySet.of().withResource(ResourcePolicy.bucket(
                    ParsedPolicy.parse("bucket policy", policy))), new Request("s3:PutObject", "arn:aws:s3:::" + bucket
                    + "/any-key", Optional.of("arn:aws:iam::" + account.orElse(CallerIdentity.PLACEHOLDER_ACCOUNT)
                    + ":root"), Map.of("aws:SecureTransport", List.of("false"))));
        } catch (SdkException | UnsupportedPolicyException | IllegalArgumentException unreadable) {
            return;
        }
        if (decision.outcome() == Decision.Outcome.EXPLICIT_DENY) {
            throw new TrainctlException(ExitCode.AWS_ACCESS_DENIED, "the bucket policy of " + bucket + " denies every"
                    + " request without TLS (" + String.join(", ", decision.statements().stream()
                            .map(StatementRef::toString).toList()) + "), and " + access.endpoint().get()
                    + " is plain HTTP, so the server refuses every object request from here, as S3 would: use the"
                    + " endpoint's https:// URL, or on a test server that speaks only HTTP (moto) remove that"
                    + " statement ('trainctl provision' sets it)");
        }
    }

    /** The {@code --endpoint-url} a follow-up command needs to find the same S3, or nothing. */
    public String endpointOption() {
        return access.embedded().isEmpty() && access.endpoint().isPresent()
                ? "--endpoint-url " + ShellWords.quote(access.endpoint().get().toString()) + " " : "";
    }
}
