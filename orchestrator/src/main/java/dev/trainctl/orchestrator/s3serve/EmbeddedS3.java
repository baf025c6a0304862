package dev.trainctl.orchestrator.s3serve;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.shaded.org.eclipse.jetty.server.Server;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * An S3-compatible server on this machine (S3Proxy with its filesystem store: one directory per bucket, one file
 * per object), so the SageMaker path can be tried with no AWS account. It accepts only its own user: every server
 * has a new random secret ({@link ServerCredentials}), kept in this process and handed to trainctl's own clients
 * ({@code trainctl s3 serve} also writes it to a file only the user can read); requests a web page could send (a
 * foreign {@code Host}, an {@code Origin}, a form POST) are refused ({@link LocalRequestGuard}); the store must be
 * the user's own directory and is never left through a link ({@link StoreDirectory}, {@link ConfinedBlobStore}).
 * Path-style addressing; it listens on 127.0.0.1 unless told otherwise.
 */
public final class EmbeddedS3 implements AutoCloseable {

    public static final Region REGION = Region.US_EAST_1;
    /** The bucket used when there is no AWS account to name one after. */
    public static final String LOCAL_BUCKET = "trainctl-local";

    /** The servers this process runs, by endpoint: how trainctl's own clients get a server's secret. */
    private static final Map<URI, ServerCredentials> RUNNING = new ConcurrentHashMap<>();

    private final S3Proxy proxy;
    private final URI endpoint;
    private final Path directory;
    private final ServerCredentials credentials;
    private volatile Path sharedFile;

    private EmbeddedS3(S3Proxy proxy, URI endpoint, Path directory, ServerCredentials credentials) {
        this.proxy = proxy;
        this.endpoint = endpoint;
        this.directory = directory;
        this.credentials = credentials;
    }

    /**
     * Starts a server storing under {@code directory} (checked by {@link StoreDirectory}; created mode 700 when
     * missing); port 0 picks a free one.
     *
     * @throws IOException naming the directory when it is not safe to serve, or the address when it cannot listen
     */
    public static EmbeddedS3 start(Path directory, String host, int port) throws IOException {
        return start(StoreDirectory.prepare(directory, directory.equals(defaultDirectory())).path(), host, port,
                ServerCredentials.random());
    }

    /** As {@link #start(Path, String, int)}, for a directory already checked, with the given credentials. */
    static EmbeddedS3 start(Path checkedDirectory, String host, int port, ServerCredentials credentials)
            throws IOException {
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", checkedDirectory.toString());
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(ConfinedBlobStore.of(BlobStores.create("filesystem", properties), checkedDirectory))
                .endpoint(URI.create("http://" + hostInUri(host) + ":" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, credentials.accessKey(), credentials.secretKey())
                // The SDK sends headers S3Proxy does not know (x-amz-expected-bucket-owner, checksums): accept them.
                .ignoreUnknownHeaders(true)
                .build();
        try {
            Server jetty = jetty(proxy);
            jetty.setHandler(new LocalRequestGuard(jetty.getHandler(), LocalRequestGuard.Names.forBound(host)));
            proxy.start();
            while (!"STARTED".equals(proxy.getState())) {
                Thread.sleep(10); // start() returns before Jetty reports STARTED; this takes milliseconds
            }
        } catch (Exception e) {
            try {
                proxy.stop();
            } catch (Exception ignored) {
                // it did not start
            }
            throw new IOException("cannot start the embedded S3 server on " + host + ":" + port + ": " + e.getMessage(),
                    e);
        }
        URI endpoint = URI.create("http://" + hostInUri(host) + ":" + proxy.getPort());
        RUNNING.put(endpoint, credentials);
        return new EmbeddedS3(proxy, endpoint, checkedDirectory, credentials);
    }

    /**
     * S3Proxy's Jetty server. S3Proxy has no option to put a handler in front of its own, so its one private field
     * is read; a test fails loudly should a new S3Proxy version rename it.
     */
    private static Server jetty(S3Proxy proxy) throws ReflectiveOperationException {
        Field server = S3Proxy.class.getDeclaredField("server");
        server.setAccessible(true);
        return (Server) server.get(proxy);
    }

    private static String hostInUri(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /** {@code $XDG_CACHE_HOME/trainctl/s3} or {@code ~/.cache/trainctl/s3}. */
    public static Path defaultDirectory() {
        return dev.trainctl.training.files.CacheDirectory.of("s3");
    }

    /** The credentials of a server this process runs at {@code endpoint}, if any. */
    static Optional<ServerCredentials> runningAt(URI endpoint) {
        return Optional.ofNullable(RUNNING.get(endpoint));
    }

    public URI endpoint() {
        return endpoint;
    }

    public Path directory() {
        return directory;
    }

    /** This server's access key and secret: for trainctl's own clients, never for logs. */
    public ServerCredentials credentials() {
        return credentials;
    }

    /**
     * Writes this server's credentials to its {@link CredentialsFile} (mode 600), for the user's other programs:
     * another trainctl with {@code --endpoint-url}, or the AWS CLI. The file is removed when the server stops.
     */
    public Path shareCredentials() throws IOException {
        Path file = CredentialsFile.of(endpoint);
        CredentialsFile.write(file, endpoint, credentials);
        sharedFile = file;
        return file;
    }

    /** A client for this server (the caller closes it). */
    public S3Client client() {
        return clientBuilder(endpoint, credentials).build();
    }

    /** {@link #client}'s settings, for a caller that adds to them (a test's request interceptor). */
    public S3ClientBuilder clientBuilder() {
        return clientBuilder(endpoint, credentials);
    }

    static S3ClientBuilder clientBuilder(URI endpoint, ServerCredentials credentials) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(REGION)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        credentials.accessKey(), credentials.secretKey())));
    }

    @Override
    public void close() {
        RUNNING.remove(endpoint, credentials);
        if (sharedFile != null) {
            CredentialsFile.remove(sharedFile, credentials);
        }
        try {
            proxy.stop();
        } catch (Exception e) {
            // Stopping a local server at exit: nothing useful to do about a failure.
        }
    }
}
