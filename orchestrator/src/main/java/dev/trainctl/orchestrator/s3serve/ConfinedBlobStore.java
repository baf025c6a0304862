package dev.trainctl.orchestrator.s3serve;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * S3Proxy's filesystem store, kept inside its directory: before each call, every bucket and key the call names is
 * mapped to its path in the store, and the call is refused (403 AccessDenied) if any existing part of that path is a
 * symbolic link or lies outside the store; a listing also refuses a bucket that holds a link anywhere. The store
 * directory is checked when the server starts ({@link StoreDirectory}); this keeps a link made later from being
 * followed either.
 */
final class ConfinedBlobStore implements InvocationHandler {

    private final BlobStore store;
    private final Path root;

    private ConfinedBlobStore(BlobStore store, Path root) {
        this.store = store;
        this.root = root;
    }

    /** {@code store}, confined to {@code root} (its real path). */
    static BlobStore of(BlobStore store, Path root) {
        return (BlobStore) Proxy.newProxyInstance(BlobStore.class.getClassLoader(), new Class<?>[] {BlobStore.class},
                new ConfinedBlobStore(store, root));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (args != null) {
            check(method, args);
        }
        try {
            return method.invoke(store, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private void check(Method method, Object[] args) throws IOException {
        List<String[]> named = new ArrayList<>();
        if (args.length >= 1 && args[0] instanceof String container) {
            named.add(args.length >= 2 && args[1] instanceof String blob ? new String[] {container, blob}
                    : new String[] {container});
        }
        for (Object arg : args) {
            if (arg instanceof MultipartUpload upload) {
                named.add(new String[] {upload.containerName(), upload.blobName()});
            } else if (arg instanceof SdkRequest request) {
                field(request, "Bucket").ifPresent(bucket -> named.add(new String[] {bucket,
                        field(request, "Key").orElse(field(request, "Prefix").orElse(""))}));
                field(request, "SourceBucket").ifPresent(bucket -> named.add(new String[] {bucket,
                        field(request, "SourceKey").orElse("")}));
                field(request, "DestinationBucket").ifPresent(bucket -> named.add(new String[] {bucket,
                        field(request, "DestinationKey").orElse("")}));
                if (request instanceof ListObjectsV2Request || request instanceof ListObjectsRequest
                        || request instanceof ListObjectVersionsRequest) {
                    field(request, "Bucket").ifPresent(bucket -> refuseLinksIn(root.resolve(bucket)));
                }
            }
        }
        for (String[] names : named) {
            Path path = root;
            for (String name : names) {
                path = path.resolve(name);
            }
            refuseOutsideOrLinked(path.normalize(), String.join("/", names));
        }
        if (method.getName().equals("list") && args.length == 1 && args[0] instanceof String bucket) {
            refuseLinksIn(root.resolve(bucket));
        }
    }

    private static java.util.Optional<String> field(SdkRequest request, String name) {
        return request.getValueForField(name, String.class).filter(value -> !value.isEmpty());
    }

    private void refuseOutsideOrLinked(Path path, String what) {
        if (!path.startsWith(root)) {
            throw denied(what + " lies outside the store");
        }
        Path partial = root;
        for (Path name : root.relativize(path)) {
            partial = partial.resolve(name);
            if (Files.isSymbolicLink(partial)) {
                throw denied(what + " goes through a symbolic link in the store");
            }
        }
    }

    private void refuseLinksIn(Path bucket) {
        if (!bucket.normalize().startsWith(root) || !Files.isDirectory(bucket) || Files.isSymbolicLink(bucket)) {
            if (Files.isSymbolicLink(bucket)) {
                throw denied(root.relativize(bucket) + " is a symbolic link in the store");
            }
            return;
        }
        try (Stream<Path> walk = Files.walk(bucket)) {
            walk.filter(Files::isSymbolicLink).findFirst().ifPresent(link -> {
                throw denied(root.relativize(link) + " is a symbolic link in the store");
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static S3Exception denied(String why) {
        return (S3Exception) S3Exception.builder().statusCode(403).message("Access Denied: " + why)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDenied").errorMessage("Access Denied: "
                        + why + "; the server never follows a link out of its store").build()).build();
    }
}
