package dev.trainctl.orchestrator.jobs;

import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.ResourceConfig;
import software.amazon.awssdk.services.sagemaker.model.SecondaryStatus;
import software.amazon.awssdk.services.sagemaker.model.SecondaryStatusTransition;
import software.amazon.awssdk.services.sagemaker.model.TrainingInstanceType;
import software.amazon.awssdk.services.sagemaker.model.TrainingJobStatus;

/** DescribeTrainingJob answers as tests script them; shared with the role check's live job, which follows jobs too. */
public final class ScriptedJobs {

    private ScriptedJobs() {}

    /**
     * A job on one ml.t3.medium that has gone through its first {@code transitions} secondary statuses (Starting,
     * Downloading, Training, Uploading, then Completed or Failed), one a minute from {@code start}.
     */
    public static DescribeTrainingJobResponse job(String name, Instant start, TrainingJobStatus status,
            int transitions) {
        boolean failed = status == TrainingJobStatus.FAILED;
        List<SecondaryStatusTransition> all = List.of(
                transition(start, SecondaryStatus.STARTING, 0, "Preparing the instances for training"),
                transition(start, SecondaryStatus.DOWNLOADING, 1, "Downloading input data"),
                transition(start, SecondaryStatus.TRAINING, 2,
                        "Training image download completed. Training in progress."),
                transition(start, SecondaryStatus.UPLOADING, 3, "Uploading generated training model"),
                transition(start, failed ? SecondaryStatus.FAILED : SecondaryStatus.COMPLETED, 4,
                        failed ? "Training job failed" : "Training job completed"));
        return DescribeTrainingJobResponse.builder()
                .trainingJobName(name)
                .trainingJobStatus(status)
                .secondaryStatus(all.get(transitions - 1).status())
                .secondaryStatusTransitions(all.subList(0, transitions))
                .resourceConfig(ResourceConfig.builder().instanceType(TrainingInstanceType.ML_T3_MEDIUM)
                        .instanceCount(1).build())
                .build();
    }

    private static SecondaryStatusTransition transition(Instant start, SecondaryStatus status, int minute,
            String message) {
        return SecondaryStatusTransition.builder().status(status).startTime(start.plusSeconds(60L * minute))
                .statusMessage(message).build();
    }
}
