package dev.trainctl.orchestrator.s3serve;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * An S3-compatible server on this machine (S3Proxy with its filesystem store: one directory per bucket, one file
 * per object), so the SageMaker path can be tried with no AWS account. Fixed local credentials, path-style
 * addressing; it listens on 127.0.0.1 unless told otherwise.
 */
public final class EmbeddedS3 implements AutoCloseable {

    /** The credentials the server accepts; they guard nothing but a local directory. */
    public static final String ACCESS_KEY = "trainctl";
    public static final String SECRET_KEY = "trainctl-local-secret";
    public static final Region REGION = Region.US_EAST_1;
    /** The bucket used when there is no AWS account to name one after. */
    public static final String LOCAL_BUCKET = "trainctl-local";

    private final S3Proxy proxy;
    private final URI endpoint;
    private final Path directory;

    private EmbeddedS3(S3Proxy proxy, URI endpoint, Path directory) {
        this.proxy = proxy;
        this.endpoint = endpoint;
        this.directory = directory;
    }

    /** Starts a server storing under {@code directory}; port 0 picks a free one. */
    public static EmbeddedS3 start(Path directory, String host, int port) throws IOException {
        Files.createDirectories(directory);
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", directory.toAbsolutePath().toString());
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(BlobStores.create("filesystem", properties))
                .endpoint(URI.create("http://" + host + ":" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                // The SDK sends headers S3Proxy does not know (x-amz-expected-bucket-owner, checksums): accept them.
                .ignoreUnknownHeaders(true)
                .build();
        try {
            proxy.start();
            while (!"STARTED".equals(proxy.getState())) {
                Thread.sleep(10); // start() returns before Jetty reports STARTED; this takes milliseconds
            }
        } catch (Exception e) {
            throw new IOException("cannot start the embedded S3 server on " + host + ":" + port + ": " + e.getMessage(),
                    e);
        }
        return new EmbeddedS3(proxy, URI.create("http://" + host + ":" + proxy.getPort()), directory);
    }

    /** {@code $XDG_CACHE_HOME/trainctl/s3} or {@code ~/.cache/trainctl/s3}. */
    public static Path defaultDirectory() {
        return dev.trainctl.training.files.CacheDirectory.of("s3");
    }

    public URI endpoint() {
        return endpoint;
    }

    public Path directory() {
        return directory;
    }

    /** A client for this server (the caller closes it). */
    public S3Client client() {
        return client(endpoint);
    }

    /** A client for an S3-compatible server started by {@code trainctl s3 serve} at {@code endpoint}. */
    public static S3Client client(URI endpoint) {
        return clientBuilder(endpoint).build();
    }

    /** {@link #client}'s settings, for a caller that adds to them (a test's request interceptor). */
    public static S3ClientBuilder clientBuilder(URI endpoint) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(REGION)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)));
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            // Stopping a local server at exit: nothing useful to do about a failure.
        }
    }
}
