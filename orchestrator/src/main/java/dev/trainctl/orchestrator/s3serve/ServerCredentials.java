package dev.trainctl.orchestrator.s3serve;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The key pair one local S3 server accepts: made fresh for each server, never a fixed value a README could print.
 * The secret is 240 random bits; the access key names the server instance.
 *
 * @param accessKey {@code trainctl-} and 8 random hex digits
 * @param secretKey 40 characters of URL-safe base64
 */
public record ServerCredentials(String accessKey, String secretKey) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public ServerCredentials {
        Objects.requireNonNull(accessKey, "accessKey");
        Objects.requireNonNull(secretKey, "secretKey");
        if (accessKey.isBlank() || secretKey.isBlank()) {
            throw new IllegalArgumentException("empty S3 server credentials");
        }
    }

    static ServerCredentials random() {
        byte[] id = new byte[4];
        byte[] secret = new byte[30];
        RANDOM.nextBytes(id);
        RANDOM.nextBytes(secret);
        return new ServerCredentials("trainctl-" + HexFormat.of().formatHex(id),
                Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    /** Never the secret: a record's default toString would print it into any log that shows this value. */
    @Override
    public String toString() {
        return "ServerCredentials[accessKey=" + accessKey + ", secretKey=(hidden)]";
    }
}
