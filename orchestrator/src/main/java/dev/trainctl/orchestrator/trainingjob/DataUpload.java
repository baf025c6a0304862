package dev.trainctl.orchestrator.trainingjob;

import dev.trainctl.orchestrator.jobsecurity.KmsKeyArn;
import dev.trainctl.orchestrator.names.S3Uri;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * Puts the training files under the job's data prefix, skipping each one already there with the same size and
 * SHA-256. The hash travels as object metadata ({@code x-amz-meta-sha256}), which every S3-compatible server keeps,
 * so a second run with the same data sends no bytes. With a KMS key every object is put with SSE-KMS under that key, and
 * an object encrypted otherwise is put again.
 */
public final class DataUpload {

    public static final String SHA256_METADATA = "sha256";

    /** What was sent and what was already there. */
    public record Outcome(List<String> uploaded, List<String> unchanged) {}

    /**
     * One file to put: the exact request ({@code Metadata} carries its SHA-256) and the local file that is its body.
     *
     * @param existed whether an object of that key was there, with another size or hash
     */
    public record Put(PutObjectRequest request, Path file, long size, boolean existed) {

        public S3Uri target() {
            return new S3Uri(request.bucket(), request.key());
        }
    }

    /** What a sync would do: the files to put, in order, and those already there. */
    public record Plan(List<Put> puts, List<String> unchanged) {
        public Plan {
            puts = List.copyOf(puts);
            unchanged = List.copyOf(unchanged);
        }
    }

    private final S3Client s3;
    private final Optional<String> bucketOwner;
    private final Consumer<String> log;
    private final Optional<KmsKeyArn> kmsKey;

    /**
     * @param bucketOwner the account that must own the bucket, sent as {@code ExpectedBucketOwner} on every call so
     *     nothing goes to a same-named bucket of another account; empty on a local S3, which has no accounts
     */
    public DataUpload(S3Client s3, Optional<String> bucketOwner, Consumer<String> log) {
        this(s3, bucketOwner, log, Optional.empty());
    }

    /** @param kmsKey SSE-KMS with this key ({@code --kms-key}) for every object put */
    public DataUpload(S3Client s3, Optional<String> bucketOwner, Consumer<String> log, Optional<KmsKeyArn> kmsKey) {
        this.s3 = s3;
        this.bucketOwner = bucketOwner;
        this.log = log;
        this.kmsKey = kmsKey;
    }

    /**
     * The PutObject requests a sync would send. With {@code readExisting} each target is read first (HeadObject, a
     * read that {@code --dry-run} allows) and a file already there with the same size and SHA-256 is left out;
     * without (no credentials to read with), every file is listed.
     */
    public Plan plan(List<Path> files, S3Uri prefix, boolean readExisting) throws IOException {
        List<Put> puts = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        for (Path file : files) {
            S3Uri target = prefix.resolve(file.getFileName().toString());
            long size = Files.size(file);
            String sha256 = sha256(file);
            HeadObjectResponse existing = readExisting ? head(target) : null;
            if (existing != null && existing.contentLength() == size
                    && sha256.equals(existing.metadata().get(SHA256_METADATA)) && encryptedAsAsked(existing)) {
                unchanged.add(target.toString());
                continue;
            }
            puts.add(new Put(put(target, sha256), file, size, existing != null));
        }
        return new Plan(puts, unchanged);
    }

    public Outcome sync(List<Path> files, S3Uri prefix) throws IOException {
        Plan plan = plan(files, prefix, true);
        List<String> uploaded = new ArrayList<>();
        for (Put put : plan.puts()) {
            log.accept((put.existed() ? "replacing (changed) " : "uploading ") + put.file().getFileName() + " ("
                    + put.size() + " bytes) to " + put.target());
            s3.putObject(put.request(), RequestBody.fromFile(put.file()));
            uploaded.add(put.target().toString());
        }
        if (uploaded.isEmpty()) {
            log.accept("data already in " + prefix + " (" + plan.unchanged().size() + " files, same size and SHA-256):"
                    + " nothing to upload");
        }
        return new Outcome(uploaded, plan.unchanged());
    }

    /** The PutObject request: the hash as metadata, and SSE-KMS with the key when there is one. */
    PutObjectRequest put(S3Uri target, String sha256) {
        PutObjectRequest.Builder put = PutObjectRequest.builder().bucket(target.bucket()).key(target.key())
                .expectedBucketOwner(bucketOwner.orElse(null)).metadata(Map.of(SHA256_METADATA, sha256));
        kmsKey.ifPresent(key -> put.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(key.arn()));
        return put.build();
    }

    /** Without a key any encryption will do; with one, the object must be under that key. */
    private boolean encryptedAsAsked(HeadObjectResponse existing) {
        return kmsKey.map(key -> key.arn().equals(existing.ssekmsKeyId())).orElse(true);
    }

    private HeadObjectResponse head(S3Uri target) {
        try {
            return s3.headObject(HeadObjectRequest.builder().bucket(target.bucket()).key(target.key())
                    .expectedBucketOwner(bucketOwner.orElse(null)).build());
        } catch (NoSuchKeyException e) {
            return null;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return null;
            }
            throw e;
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
