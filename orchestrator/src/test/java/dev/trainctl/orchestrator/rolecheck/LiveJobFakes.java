package dev.trainctl.orchestrator.rolecheck;

import dev.trainctl.orchestrator.jobs.ScriptedJobs;
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
        return dev.trainctl.orchestrator.fakes.UploadFiles.in(directory);
    }

    /**
     * The live job's DescribeTrainingJob answer: Completed, its model in the bucket and a line in its log, as the
     * verifier expects of a job that ran.
     */
    static java.util.function.Supplier<DescribeTrainingJobResponse> completesWithModel(
            dev.trainctl.orchestrator.jobs.RecordingSageMaker sageMaker, FakeS3 s3,
            dev.trainctl.orchestrator.jobs.ScriptedLogs logs) {
        return () -> {
            String job = sageMaker.requestsOf(software.amazon.awssdk.services.sagemaker.model.CreateTrainingJobRequest
                    .class).get(0).trainingJobName();
            String artifact = "trainctl-mnist/output/" + job + "/output/model.tar.gz";
            s3.keys.add(artifact);
            logs.append(job + "/algo-1-1764064800", "final test_accuracy=0.880000");
            return completed(job, "s3://trainctl-111122223333-us-east-1/" + artifact);
        };
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
