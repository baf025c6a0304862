package dev.trainctl.orchestrator.s3serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The attacks of issue 22 on a running local S3 server, as real HTTP requests: the credentials the README used to
 * print, another server's secret, a DNS-rebinding page ({@code Host: attacker.example}), a web page's request
 * ({@code Origin}), a browser form upload (POST policy), and a link planted in the store after the server started.
 */
class LocalS3AttacksTest {

    private static final String BUCKET = "trainctl-local";

    @TempDir
    static Path temp;
    static EmbeddedS3 server;
    static S3Client owner;

    @BeforeAll
    static void startAServerWithAnObject() throws IOException {
        server = EmbeddedS3.start(temp.resolve("store"), "127.0.0.1", 0);
        owner = server.client();
        owner.createBucket(b -> b.bucket(BUCKET));
        owner.putObject(p -> p.bucket(BUCKET).key("model/model.tar.gz"), RequestBody.fromString("the user's model"));
    }

    @AfterAll
    static void stop() {
        owner.close();
        server.close();
    }

    private static S3Client clientWith(URI endpoint, String accessKey, String secretKey) {
        return S3Client.builder().endpointOverride(endpoint).region(EmbeddedS3.REGION).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey,
                        secretKey))).build();
    }

    @Test
    void thePublishedCredentialsOfOldAreRefused() {
        try (S3Client stranger = clientWith(server.endpoint(), "trainctl", "trainctl-local-secret")) {
            assertThatThrownBy(() -> stranger.listObjectsV2(l -> l.bucket(BUCKET)))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
            assertThatThrownBy(() -> stranger.putObject(p -> p.bucket(BUCKET).key("model/model.tar.gz"),
                    RequestBody.fromString("overwritten"))).isInstanceOf(S3Exception.class);
        }
        assertThat(owner.getObjectAsBytes(g -> g.bucket(BUCKET).key("model/model.tar.gz")).asUtf8String())
                .isEqualTo("the user's model");
    }

    @Test
    void everyServerHasItsOwnSecretAndNoOtherIsAccepted() throws IOException {
        try (EmbeddedS3 other = EmbeddedS3.start(temp.resolve("other-store"), "127.0.0.1", 0);
                S3Client withTheOthersSecret = clientWith(server.endpoint(), other.credentials().accessKey(),
                        other.credentials().secretKey())) {
            assertThat(other.credentials().secretKey()).isNotEqualTo(server.credentials().secretKey()).hasSize(40);
            assertThatThrownBy(() -> withTheOthersSecret.listObjectsV2(l -> l.bucket(BUCKET)))
                    .isInstanceOf(S3Exception.class);
        }
        assertThat(server.credentials().toString()).doesNotContain(server.credentials().secretKey());
    }

    @Test
    void aRequestWhoseHostIsNotTheServersAddressIsRefused() throws IOException {
        String rebinding = http("GET /" + BUCKET + "/model/model.tar.gz HTTP/1.1\r\nHost: attacker.example:"
                + server.endpoint().getPort() + "\r\nConnection: close\r\n\r\n");
        String wrongPort = http("GET / HTTP/1.1\r\nHost: 127.0.0.1:1\r\nConnection: close\r\n\r\n");
        String none = http("GET / HTTP/1.0\r\n\r\n");

        assertThat(rebinding).startsWith("HTTP/1.1 403").contains("attacker.example").doesNotContain("the user's model");
        assertThat(wrongPort).startsWith("HTTP/1.1 403");
        assertThat(none).startsWith("HTTP/1.1 403");
    }

    @Test
    void theServersOwnAddressesAreAcceptedUnderEveryLoopbackName() {
        URI localhost = URI.create("http://localhost:" + server.endpoint().getPort());
        try (S3Client viaLocalhost = EmbeddedS3.clientBuilder(localhost, server.credentials()).build()) {
            assertThat(viaLocalhost.listObjectsV2(l -> l.bucket(BUCKET)).contents()).hasSize(1);
        }
    }

    @Test
    void aRequestFromAWebPageIsRefused() throws IOException {
        String response = http("GET /" + BUCKET + "?list-type=2 HTTP/1.1\r\nHost: 127.0.0.1:"
                + server.endpoint().getPort() + "\r\nOrigin: https://attacker.example\r\nConnection: close\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 403").contains("requests from web pages");
    }

    @Test
    void aBrowserFormUploadIsRefusedBeforeS3ProxyReadsIt() throws IOException {
        String boundary = "----form";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\nmodel/model.tar.gz\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\nplanted\r\n--" + boundary + "--\r\n";
        for (String type : new String[] {"multipart/form-data; boundary=" + boundary,
                "application/x-www-form-urlencoded", "text/plain"}) {
            String response = http("POST /" + BUCKET + " HTTP/1.1\r\nHost: 127.0.0.1:" + server.endpoint().getPort()
                    + "\r\nContent-Type: " + type + "\r\nContent-Length: " + body.length()
                    + "\r\nConnection: close\r\n\r\n" + body);

            assertThat(response).as(type).startsWith("HTTP/1.1 403").contains("browser form uploads");
        }
        assertThat(owner.getObjectAsBytes(g -> g.bucket(BUCKET).key("model/model.tar.gz")).asUtf8String())
                .isEqualTo("the user's model");
    }

    @Test
    void aLinkPlantedInTheStoreAfterStartIsNeverFollowed() throws IOException {
        Path victim = Files.createDirectories(temp.resolve("victim"));
        Path secret = Files.writeString(victim.resolve("id_ed25519"), "PRIVATE KEY");
        Path bucket = server.directory().resolve(BUCKET);
        Files.createSymbolicLink(bucket.resolve("key"), secret);
        Files.createSymbolicLink(bucket.resolve("home"), victim);
        try {
            assertThatThrownBy(() -> owner.getObjectAsBytes(g -> g.bucket(BUCKET).key("key")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
            assertThatThrownBy(() -> owner.putObject(p -> p.bucket(BUCKET).key("home/authorized_keys"),
                    RequestBody.fromString("ssh-ed25519 AAAA attacker"))).isInstanceOf(S3Exception.class);
            assertThatThrownBy(() -> owner.listObjectsV2(l -> l.bucket(BUCKET))).isInstanceOf(S3Exception.class);

            assertThat(secret).hasContent("PRIVATE KEY");
            assertThat(victim.resolve("authorized_keys")).doesNotExist();
        } finally {
            Files.delete(bucket.resolve("key"));
            Files.delete(bucket.resolve("home"));
        }
        assertThat(owner.listObjectsV2(l -> l.bucket(BUCKET)).contents()).hasSize(1);
    }

    @Test
    void theSdksOwnRequestsAllPassTheGuardIncludingMultipartUploadAndBatchDelete() {
        String key = "checkpoints/state.bin";
        String upload = owner.createMultipartUpload(c -> c.bucket(BUCKET).key(key)).uploadId();
        String etag = owner.uploadPart(u -> u.bucket(BUCKET).key(key).uploadId(upload).partNumber(1),
                RequestBody.fromString("part")).eTag();
        owner.completeMultipartUpload(c -> c.bucket(BUCKET).key(key).uploadId(upload).multipartUpload(m -> m.parts(
                p -> p.partNumber(1).eTag(etag))));
        owner.deleteObjects(d -> d.bucket(BUCKET).delete(x -> x.objects(o -> o.key(key))));

        assertThat(owner.listObjectsV2(l -> l.bucket(BUCKET).prefix("checkpoints/")).contents()).isEmpty();
    }

    /** One raw HTTP/1.x exchange with the server: what a browser or a script with a forged header sends. */
    private static String http(String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), server.endpoint().getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
