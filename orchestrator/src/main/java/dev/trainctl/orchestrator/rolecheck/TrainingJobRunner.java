package dev.trainctl.orchestrator.rolecheck;

import dev.trainctl.orchestrator.aws.Sleeper;
import dev.trainctl.orchestrator.cli.Console;
import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.TrainctlException;
import dev.trainctl.orchestrator.data.DataOptions;
import dev.trainctl.orchestrator.jobs.JobFollower;
import dev.trainctl.orchestrator.jobs.JobSummary;
import dev.trainctl.orchestrator.jobs.JobsSupport;
import dev.trainctl.orchestrator.trainingjob.TrainingJobSpec;
import dev.trainctl.orchestrator.jobs.TrainingJobSubmitter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * Runs the live job the way {@code train --on sagemaker} runs a job: puts the MNIST files under the job's data
 * prefix (only those missing or changed), submits it (quota and role-trust errors explained), then follows it to its
 * end with status transitions, the log tail and the summary. Ctrl-C detaches: the job keeps running.
 */
public final class TrainingJobRunner {

    /** A terminal job status: Completed, Failed or Stopped, and SageMaker's FailureReason when there is one. */
    public record Outcome(String status, String failureReason, long billableSeconds) {
        public boolean completed() {
            return "Completed".equals(status);
        }
    }

    private final SageMakerClient sageMaker;
    private final CloudWatchLogsClient logs;
    private final S3Client s3;
    private final Supplier<List<Path>> dataFiles;
    private final Sleeper sleeper;
    private final Duration poll;
    private final Console console;

    /**
     * @param dataFiles the four local MNIST files to upload; asked for only once the job is to run (fetching them
     *     may download)
     */
    public TrainingJobRunner(SageMakerClient sageMaker, CloudWatchLogsClient logs, S3Client s3,
            Supplier<List<Path>> dataFiles, Sleeper sleeper, Duration poll, Console console) {
        this.sageMaker = sageMaker;
        this.logs = logs;
        this.s3 = s3;
        this.dataFiles = dataFiles;
        this.sleeper = sleeper;
        this.poll = poll;
        this.console = console;
    }

    /**
     * Uploads the data, starts the job and waits for a terminal status.
     *
     * @param onDetach runs after Ctrl-C detached from the still-running job, before the JVM exits: say what was left
     * @throws TrainctlException translated AWS errors; {@link ExitCode#INTERRUPTED} when Ctrl-C detached
     */
    public Outcome run(TrainingJobSpec spec, Runnable onDetach) {
        List<Path> files = dataFiles.get();
        DataOptions.orDataError(() -> new TrainingJobSubmitter(sageMaker).uploadAndSubmit(s3,
                spec.roleAccount(), files, spec, console::say));
        JobFollower follower = new JobFollower(sageMaker, logs, sleeper, poll, console::say, true);
        return JobsSupport.follow(follower, spec.jobName(), result -> {
            if (result.outcome() == JobFollower.Outcome.DETACHED) {
                JobsSupport.warnDetached(console, spec.jobName());
                onDetach.run();
                throw new TrainctlException(ExitCode.INTERRUPTED, "detached from " + spec.jobName()
                        + " before it ended: the live checks did not run");
            }
            JobSummary summary = JobSummary.of(result.job());
            summary.lines().forEach(console::say);
            return new Outcome(summary.status(), summary.failureReason(),
                    summary.billableSeconds() == null ? 0 : summary.billableSeconds());
        });
    }
}
