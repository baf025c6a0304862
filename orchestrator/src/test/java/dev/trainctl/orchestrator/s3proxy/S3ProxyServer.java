package dev.trainctl.orchestrator.s3proxy;

import java.net.URI;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * A real S3-compatible server (S3Proxy, in-memory "transient" store) started once per test class on a free port;
 * register it with {@code @RegisterExtension static final S3ProxyServer S3 = new S3ProxyServer();}.
 */
public final class S3ProxyServer implements BeforeAllCallback, AfterAllCallback {

    public static final String ACCESS_KEY = "trainctl-test";
    public static final String SECRET_KEY = "trainctl-test-secret";

    private S3Proxy proxy;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Properties properties = new Properties();
        proxy = S3Proxy.builder()
                .blobStore(BlobStores.create("transient", properties))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                // Without this, x-amz-expected-bucket-owner and other newer headers get 501.
                .ignoreUnknownHeaders(true)
                .build();
        proxy.start();
        if (!"STARTED".equals(proxy.getState())) {
            throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (proxy != null) {
            proxy.stop();
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    public StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
    }
}
