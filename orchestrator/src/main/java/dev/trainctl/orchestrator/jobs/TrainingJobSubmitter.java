package dev.trainctl.orchestrator.jobs;

import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.CreateTrainingJobRequest;

/** Sends a job's {@code CreateTrainingJob} request: the thin layer after the pure {@link TrainingJobRequests}. */
public final class TrainingJobSubmitter {

    private final SageMakerClient sageMaker;

    public TrainingJobSubmitter(SageMakerClient sageMaker) {
        this.sageMaker = sageMaker;
    }

    /** Submits the job and returns its ARN. */
    public String submit(TrainingJobSpec spec) {
        CreateTrainingJobRequest request = TrainingJobRequests.create(spec);
        return sageMaker.createTrainingJob(request).trainingJobArn();
    }
}
