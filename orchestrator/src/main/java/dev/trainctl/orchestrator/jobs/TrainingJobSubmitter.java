package dev.trainctl.orchestrator.jobs;

import dev.trainctl.orchestrator.aws.AwsErrors;
import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.TrainctlException;
import dev.trainctl.orchestrator.trainingjob.DataUpload;
import dev.trainctl.orchestrator.trainingjob.TrainingJobRequests;
import dev.trainctl.orchestrator.trainingjob.TrainingJobSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.CreateTrainingJobRequest;

/** Sends a job's {@code CreateTrainingJob} request: the thin layer after the pure {@link TrainingJobRequests}. */
public final class TrainingJobSubmitter {

    private final SageMakerClient sageMaker;

    public TrainingJobSubmitter(SageMakerClient sageMaker) {
        this.sageMaker = sageMaker;
    }

    /**
     * Puts the data files under the job's train channel (only those missing or changed: {@link DataUpload}), submits
     * the job and says so; what {@code train --on sagemaker} and {@code role check --live} do before following it.
     *
     * @return the job's ARN
     */
    public String uploadAndSubmit(S3Client s3, String bucketOwner, List<Path> dataFiles, TrainingJobSpec spec,
            Consumer<String> log) throws IOException {
        try {
            new DataUpload(s3, Optional.of(bucketOwner), log, spec.security().outputKey()).sync(dataFiles,
                    spec.trainData());
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "s3:PutObject", spec.trainData().toString());
        }
        String arn = submit(spec);
        log.accept("submitted " + arn);
        return arn;
    }

    /** Submits the job and returns its ARN; AWS errors come back translated (quota, role trust, access). */
    public String submit(TrainingJobSpec spec) {
        CreateTrainingJobRequest request = TrainingJobRequests.create(spec);
        try {
            return sageMaker.createTrainingJob(request).trainingJobArn();
        } catch (SdkException e) {
            TrainctlException translated = AwsErrors.translate(e, "sagemaker:CreateTrainingJob", spec.jobName());
            if (translated.exitCode() == ExitCode.AWS_QUOTA) {
                // New accounts start with a quota of 0 for many training instance types, GPUs especially.
                throw new TrainctlException(ExitCode.AWS_QUOTA, translated.getMessage() + ". SageMaker counts"
                        + " instances per type: in the Service Quotas console choose Amazon SageMaker, quota '"
                        + spec.instanceType() + " for training job usage' (or '... for spot training job usage'"
                        + " with --spot), and request an increase; or pick another --instance-type", e);
            }
            throw translated;
        }
    }
}
