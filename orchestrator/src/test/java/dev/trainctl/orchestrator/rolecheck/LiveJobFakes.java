package dev.trainctl.orchestrator.rolecheck;

import dev.trainctl.orchestrator.jobs.ScriptedJobs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.ModelArtifacts;
import software.amazon.awssdk.services.sagemaker.model.TrainingJobStatus;

/** What the live job's tests share: an S3 that keeps keys, local data files, and scripted job descriptions. */
final class LiveJobFakes {

    static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    private LiveJobFakes() {}

    /** An S3 holding some keys; records what is asked, put and deleted. */
    static final class FakeS3 implements S3Client {
        final Set<String> keys = new TreeSet<>();
        final List<Object> requests = new ArrayList<>();

        @Override
        public HeadObjectResponse headObject(HeadObjectRequest request) {
            requests.add(request);
            if (!keys.contains(request.key())) {
                throw NoSuchKeyException.builder().statusCode(404).message("Not Found").build();
            }
            return HeadObjectResponse.builder().contentLength(4242L).build();
        }

        @Override
        public PutObjectResponse putObject(PutObjectRequest request, RequestBody body) {
            requests.add(request);
            keys.add(request.key());
            return PutObjectResponse.builder().build();
        }

        @Override
        public ListObjectsV2Response listObjectsV2(ListObjectsV2Request request) {
            requests.add(request);
            return ListObjectsV2Response.builder().isTruncated(false).contents(keys.stream()
                    .filter(k -> k.startsWith(request.prefix())).map(k -> S3Object.builder().key(k).build()).toList())
                    .build();
        }

        @Override
        public DeleteObjectsResponse deleteObjects(DeleteObjectsRequest request) {
            requests.add(request);
            request.delete().objects().stream().map(ObjectIdentifier::key).forEach(keys::remove);
            return DeleteObjectsResponse.builder().build();
        }

        <T> List<T> requestsOf(Class<T> type) {
            return requests.stream().filter(type::isInstance).map(type::cast).toList();
        }

        @Override
        public String serviceName() {
            return "s3";
        }

        @Override
        public void close() {}
    }

    /** Four small files named like MNIST's, for the upload. */
    static List<Path> dataFiles(Path directory) {
        List<Path> files = new ArrayList<>();
        for (String name : List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")) {
            try {
                files.add(Files.writeString(directory.resolve(name), name, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    /** The job as DescribeTrainingJob shows it: the first {@code transitions} secondary statuses. */
    static DescribeTrainingJobResponse job(String name, TrainingJobStatus status, int transitions) {
        return ScriptedJobs.job(name, T0, status, transitions);
    }

    static DescribeTrainingJobResponse completed(String name, String artifact) {
        return job(name, TrainingJobStatus.COMPLETED, 5).toBuilder().billableTimeInSeconds(61)
                .trainingTimeInSeconds(61).modelArtifacts(ModelArtifacts.builder().s3ModelArtifacts(artifact).build())
                .build();
    }

    static DescribeTrainingJobResponse failed(String name, String reason) {
        return job(name, TrainingJobStatus.FAILED, 5).toBuilder().billableTimeInSeconds(12)
                .trainingTimeInSeconds(12).failureReason(reason).build();
    }
}
