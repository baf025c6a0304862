package dev.trainctl.orchestrator.emulate;

import dev.trainctl.orchestrator.aws.AwsClients;
import dev.trainctl.orchestrator.aws.AwsErrors;
import dev.trainctl.orchestrator.aws.CallerIdentity;
import dev.trainctl.orchestrator.cli.Console;
import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.Invocation;
import dev.trainctl.orchestrator.cli.TrainctlException;
import dev.trainctl.orchestrator.names.ResourceNames;
import dev.trainctl.orchestrator.s3serve.EmbeddedS3;
import dev.trainctl.orchestrator.s3serve.S3Access;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Where an emulated job keeps its data and model: the S3 ({@link S3Access}), the bucket, and the account that must
 * own it. {@code train --on emulated} and {@code tune --on emulated} both start here.
 *
 * @param bucketOwner the account sent as ExpectedBucketOwner on AWS; empty on a local S3, which has no accounts
 */
public record EmulatedTarget(S3Access access, String bucket, Optional<String> bucketOwner) {

    /** Resolves the bucket ({@code --bucket}, or trainctl's default) and makes sure it is there. */
    public static EmulatedTarget resolve(Invocation invocation, AwsClients aws, S3Access access) {
        Optional<String> owner = access.local() ? Optional.empty()
                : Optional.of(CallerIdentity.lookup(aws.sts()).account());
        String bucket = invocation.value("bucket").orElseGet(() -> owner.isEmpty() ? EmbeddedS3.LOCAL_BUCKET
                : ResourceNames.defaultBucket(owner.get(), aws.region().id()));
        EmulatedTarget target = new EmulatedTarget(access, bucket, owner);
        target.ensureBucket(invocation.console());
        return target;
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

    /** The {@code --endpoint-url} a follow-up command needs to find the same S3, or nothing. */
    public String endpointOption() {
        return access.embedded().isEmpty() && access.endpoint().isPresent()
                ? "--endpoint-url " + access.endpoint().get() + " " : "";
    }
}
