package dev.trainctl.orchestrator.endpoints;

import dev.trainctl.training.serving.InferenceServer;
import dev.trainctl.training.serving.ServingLimits;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;

/**
 * The SageMaker Runtime client for an emulated endpoint: the SDK's own client, so {@code predict} and {@code
 * evaluate} take the same path as with a real endpoint, sent to the emulation's address with its secret instead of
 * AWS credentials (nothing is signed; the emulation checks the secret). An invocation that has no answer within
 * {@link #TIMEOUT} fails instead of waiting forever, and is not sent again.
 */
public final class EmulatedRuntimeClient {

    private EmulatedRuntimeClient() {}

    /**
     * How long one invocation may take, connecting included: the container's 1 minute (SageMaker serverless
     * inference's limit for /invocations) and a margin for the emulation in front of it.
     */
    public static final Duration TIMEOUT = Duration.ofSeconds(ServingLimits.INVOCATION_TIMEOUT_SECONDS + 10);

    public static SageMakerRuntimeClient of(EmulatedEndpoints.Entry entry) {
        return of(entry, TIMEOUT);
    }

    static SageMakerRuntimeClient of(EmulatedEndpoints.Entry entry, Duration timeout) {
        return SageMakerRuntimeClient.builder()
                .endpointOverride(URI.create(entry.url()))
                .region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .overrideConfiguration(o -> o.putHeader(InferenceServer.TOKEN_HEADER, entry.token())
                        .apiCallAttemptTimeout(timeout).apiCallTimeout(timeout)
                        .retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }
}
