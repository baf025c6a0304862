package dev.trainctl.orchestrator.trainingjob;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainctl.orchestrator.jobsecurity.KmsKeyArn;
import dev.trainctl.orchestrator.names.S3Uri;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/** {@code --kms-key}: trainctl's own uploads are SSE-KMS with the key, and an object under another key is put again. */
class DataUploadKmsTest {

    static final KmsKeyArn KEY = new KmsKeyArn(
            "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab");

    @TempDir
    Path temp;

    private final List<PutObjectRequest> puts = new ArrayList<>();
    private HeadObjectResponse existing;

    private final S3Client s3 = new S3Client() {
        @Override
        public HeadObjectResponse headObject(HeadObjectRequest request) {
            if (existing == null) {
                throw software.amazon.awssdk.services.s3.model.NoSuchKeyException.builder().statusCode(404).build();
            }
            return existing;
        }

        @Override
        public PutObjectResponse putObject(PutObjectRequest request, RequestBody body) {
            puts.add(request);
            return PutObjectResponse.builder().build();
        }

        @Override
        public String serviceName() {
            return "s3";
        }

        @Override
        public void close() {}
    };

    @Test
    void withAKeyEveryPutIsSseKmsUnderThatKey() throws Exception {
        Path file = Files.writeString(temp.resolve("train-labels-idx1-ubyte"), "labels");

        new DataUpload(s3, Optional.of("123456789012"), line -> { }, Optional.of(KEY)).sync(List.of(file),
                new S3Uri("bucket", "trainctl-mnist/data/"));

        assertThat(puts).singleElement().satisfies(put -> {
            assertThat(put.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
            assertThat(put.ssekmsKeyId()).isEqualTo(KEY.arn());
        });
    }

    @Test
    void theSameFileUnderAnotherKeyIsPutAgainAndUnderTheKeyItIsNot() throws Exception {
        Path file = Files.writeString(temp.resolve("train-labels-idx1-ubyte"), "labels");
        Map<String, String> hash = Map.of(DataUpload.SHA256_METADATA, DataUpload.sha256(file));
        S3Uri prefix = new S3Uri("bucket", "trainctl-mnist/data/");

        existing = HeadObjectResponse.builder().contentLength(6L).metadata(hash).ssekmsKeyId(KEY.arn().replace(
                "1234abcd", "ffffffff")).build();
        new DataUpload(s3, Optional.of("123456789012"), line -> { }, Optional.of(KEY)).sync(List.of(file), prefix);
        existing = HeadObjectResponse.builder().contentLength(6L).metadata(hash).ssekmsKeyId(KEY.arn()).build();
        DataUpload.Outcome again = new DataUpload(s3, Optional.of("123456789012"), line -> { }, Optional.of(KEY))
                .sync(List.of(file), prefix);

        assertThat(puts).hasSize(1);
        assertThat(again.unchanged()).hasSize(1);
    }

    @Test
    void withoutAKeyNoEncryptionIsAskedForAndAnyExistingOneWillDo() throws Exception {
        Path file = Files.writeString(temp.resolve("train-labels-idx1-ubyte"), "labels");

        new DataUpload(s3, Optional.of("123456789012"), line -> { }).sync(List.of(file), new S3Uri("bucket", "p/"));

        assertThat(puts).singleElement().satisfies(put -> {
            assertThat(put.serverSideEncryption()).isNull();
            assertThat(put.ssekmsKeyId()).isNull();
        });
    }
}
