package dev.trainctl.orchestrator.rolecheck;

import software.amazon.awssdk.services.sagemaker.model.CreateTrainingJobRequest;

/**
 * Submits a training job and waits for it to end. {@code trainctl train --on sagemaker} (issue 5) provides this;
 * until it exists, {@code role check --live} says so and stops after the preview.
 */
public interface TrainingJobRunner {

    /** Starts the job, waits for a terminal status, and returns it with the failure reason if any. */
    Outcome run(CreateTrainingJobRequest request) throws InterruptedException;

    /** A terminal job status: Completed, Failed or Stopped, and SageMaker's FailureReason when there is one. */
    record Outcome(String status, String failureReason, long billableSeconds) {
        public boolean completed() {
            return "Completed".equals(status);
        }
    }
}
