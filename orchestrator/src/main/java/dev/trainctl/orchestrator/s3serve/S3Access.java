package dev.trainctl.orchestrator.s3serve;

import dev.trainctl.orchestrator.aws.AwsClients;
import dev.trainctl.orchestrator.cli.Console;
import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.TrainctlException;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Which S3 a command talks to. With {@code --endpoint-url} (or AWS_ENDPOINT_URL): that server, with its own secret
 * when it is a trainctl server (one this process runs, or a {@code trainctl s3 serve} whose credentials file is
 * there), else with the user's AWS credentials. With AWS credentials: AWS, through the one client factory. With
 * neither: an embedded S3-compatible server for the length of the command, storing under the cache directory, so
 * objects written by one run are there for the next.
 *
 * @param embedded the server started for this command, if any (closed with this object)
 */
public record S3Access(S3Client s3, Optional<EmbeddedS3> embedded, Optional<URI> endpoint, String description,
        boolean ownsClient) implements AutoCloseable {

    public static S3Access open(AwsClients aws, Console console) throws IOException {
        Optional<URI> endpoint = aws.endpointOverride();
        boolean credentials = hasCredentials(aws);
        if (endpoint.isPresent()) {
            Optional<ServerCredentials> local = localServer(endpoint.get());
            if (local.isPresent()) {
                return new S3Access(EmbeddedS3.clientBuilder(endpoint.get(), local.get()).build(), Optional.empty(),
                        endpoint, "trainctl's S3 server at " + endpoint.get(), true);
            }
            if (credentials) {
                return new S3Access(aws.s3(), Optional.empty(), endpoint, "S3-compatible server " + endpoint.get(),
                        false);
            }
            throw new TrainctlException(ExitCode.AWS_CREDENTIALS, "no credentials for the S3-compatible server at "
                    + endpoint.get() + ": if it is 'trainctl s3 serve', it leaves its secret in "
                    + CredentialsFile.of(endpoint.get()) + " while it runs (is it running, at that address?);"
                    + " for another server set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY or pass --profile");
        }
        if (credentials) {
            return new S3Access(aws.s3(), Optional.empty(), Optional.empty(), "AWS S3 in " + aws.region(), false);
        }
        EmbeddedS3 server;
        try {
            server = EmbeddedS3.start(EmbeddedS3.defaultDirectory(), "127.0.0.1", 0);
        } catch (IOException e) {
            throw new TrainctlException(ExitCode.FAILURE, "cannot start the embedded S3 server: " + e.getMessage(), e);
        }
        console.say("no --endpoint-url and no AWS credentials: started an embedded S3-compatible server at "
                + server.endpoint() + " for this run (files under " + server.directory() + ";"
                + " 'trainctl s3 serve' keeps one running)");
        return new S3Access(server.client(), Optional.of(server), Optional.of(server.endpoint()),
                "embedded S3 at " + server.endpoint(), true);
    }

    /**
     * The secret of a trainctl server at {@code endpoint}: one this process runs, else the credentials file of a
     * {@code trainctl s3 serve} at that address (for a loopback address, under any of its loopback names).
     */
    static Optional<ServerCredentials> localServer(URI endpoint) throws IOException {
        if (endpoint.getHost() == null || endpoint.getPort() < 0) {
            return Optional.empty();
        }
        List<String> hosts = new ArrayList<>(List.of(endpoint.getHost()));
        if (LOOPBACK_NAMES.contains(endpoint.getHost().toLowerCase(Locale.ROOT))) {
            hosts.addAll(LOOPBACK_NAMES);
        }
        for (String host : hosts) {
            URI address = URI.create("http://" + (host.contains(":") && !host.startsWith("[") ? "[" + host + "]"
                    : host) + ":" + endpoint.getPort());
            Optional<ServerCredentials> running = EmbeddedS3.runningAt(address);
            if (running.isPresent()) {
                return running;
            }
            Optional<ServerCredentials> served = CredentialsFile.read(CredentialsFile.of(address));
            if (served.isPresent()) {
                return served;
            }
        }
        return Optional.empty();
    }

    private static final List<String> LOOPBACK_NAMES = List.of("127.0.0.1", "localhost", "[::1]");

    /** Whether this is a local stand-in for S3 (an endpoint override or the embedded server), not AWS. */
    public boolean local() {
        return endpoint.isPresent();
    }

    private static boolean hasCredentials(AwsClients aws) {
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
