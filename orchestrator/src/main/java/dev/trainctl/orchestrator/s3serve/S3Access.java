package dev.trainctl.orchestrator.s3serve;

import dev.trainctl.orchestrator.aws.AwsClients;
import dev.trainctl.orchestrator.cli.Console;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Which S3 a command talks to. With {@code --endpoint-url} (or AWS_ENDPOINT_URL): that server, with the user's
 * credentials or, when there are none, the local ones {@code trainctl s3 serve} accepts. With AWS credentials: AWS,
 * through the one client factory. With neither: an embedded S3-compatible server for the length of the command,
 * storing under the cache directory, so objects written by one run are there for the next.
 *
 * @param embedded the server started for this command, if any (closed with this object)
 */
public record S3Access(S3Client s3, Optional<EmbeddedS3> embedded, Optional<URI> endpoint, String description,
        boolean ownsClient) implements AutoCloseable {

    public static S3Access open(AwsClients aws, Console console) throws IOException {
        Optional<URI> endpoint = aws.endpointOverride();
        boolean credentials = hasCredentials(aws);
        if (endpoint.isPresent()) {
            if (credentials) {
                return new S3Access(aws.s3(), Optional.empty(), endpoint, "S3-compatible server " + endpoint.get(),
                        false);
            }
            return new S3Access(EmbeddedS3.client(endpoint.get()), Optional.empty(), endpoint,
                    "S3-compatible server " + endpoint.get() + " (no AWS credentials: using trainctl's local ones)",
                    true);
        }
        if (credentials) {
            return new S3Access(aws.s3(), Optional.empty(), Optional.empty(), "AWS S3 in " + aws.region(), false);
        }
        EmbeddedS3 server = EmbeddedS3.start(EmbeddedS3.defaultDirectory(), "127.0.0.1", 0);
        console.say("no --endpoint-url and no AWS credentials: started an embedded S3-compatible server at "
                + server.endpoint() + " for this run (files under " + server.directory() + ";"
                + " 'trainctl s3 serve' keeps one running)");
        return new S3Access(server.client(), Optional.of(server), Optional.of(server.endpoint()),
                "embedded S3 at " + server.endpoint(), true);
    }

    /** Whether this is a local stand-in for S3 (an endpoint override or the embedded server), not AWS. */
    public boolean local() {
        return endpoint.isPresent();
    }

    /** Whether to use AWS: credentials are there, or a profile was selected (whose failure must show, not hide). */
    private static boolean hasCredentials(AwsClients aws) {
        if (aws.selectedProfile().isPresent()) {
            return true;
        }
        try {
            aws.credentials().resolveCredentials();
            return true;
        } catch (SdkClientException | IllegalStateException e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (ownsClient) {
            s3.close();
        }
        embedded.ifPresent(EmbeddedS3::close);
    }
}
