package dev.trainctl.orchestrator.endpoints;

import dev.trainctl.training.serving.InferenceServer;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;

/**
 * The SageMaker Runtime client for an emulated endpoint: the SDK's own client, so {@code predict} and {@code
 * evaluate} take the same path as with a real endpoint, sent to the emulation's address with its secret instead of
 * AWS credentials (nothing is signed; the emulation checks the secret).
 */
public final class EmulatedRuntimeClient {

    private EmulatedRuntimeClient() {}

    public static SageMakerRuntimeClient of(EmulatedEndpoints.Entry entry) {
        return SageMakerRuntimeClient.builder()
                .endpointOverride(URI.create(entry.url()))
                .region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .overrideConfiguration(o -> o.putHeader(InferenceServer.TOKEN_HEADER, entry.token()))
                .build();
    }
}
