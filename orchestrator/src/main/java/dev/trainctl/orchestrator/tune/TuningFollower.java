package dev.trainctl.orchestrator.tune;

import dev.trainctl.orchestrator.aws.Sleeper;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeHyperParameterTuningJobRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeHyperParameterTuningJobResponse;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterTuningJobStatus;
import software.amazon.awssdk.services.sagemaker.model.ListTrainingJobsForHyperParameterTuningJobRequest;
import software.amazon.awssdk.services.sagemaker.model.SortOrder;
import software.amazon.awssdk.services.sagemaker.model.TrainingJobSortByOptions;

/**
 * Follows a tuning job until it ends: a row for every trial as it finishes (from the
 * {@code ListTrainingJobsForHyperParameterTuningJob} paginator), then the job's last description. Polling goes through
 * the injected {@link Sleeper}, so tests script the job and never sleep.
 */
public final class TuningFollower {

    /** How following ended, the last description (null only if detached before it), and the trials. */
    public record Result(boolean detached, DescribeHyperParameterTuningJobResponse job, List<Trial> trials) {}

    private final SageMakerClient sageMaker;
    private final Sleeper sleeper;
    private final Duration poll;
    private final Consumer<String> out;

    public TuningFollower(SageMakerClient sageMaker, Sleeper sleeper, Duration poll, Consumer<String> out) {
        this.sageMaker = sageMaker;
        this.sleeper = sleeper;
        this.poll = poll;
        this.out = out;
    }

    public Result follow(String tuningJobName, BooleanSupplier detach) {
        Set<String> shown = new HashSet<>();
        DescribeHyperParameterTuningJobResponse job = null;
        List<Trial> trials = List.of();
        while (true) {
            if (detach.getAsBoolean()) {
                return new Result(true, job, trials);
            }
            job = describe(sageMaker, tuningJobName);
            trials = trials(sageMaker, tuningJobName);
            for (Trial trial : trials) {
                if (trial.finished() && shown.add(trial.name())) {
                    if (shown.size() == 1) {
                        out.accept(Trial.header(job.hyperParameterTuningJobConfig().hyperParameterTuningJobObjective()
                                .metricName()));
                    }
                    out.accept(trial.row());
                }
            }
            if (isTerminal(job.hyperParameterTuningJobStatus())) {
                return new Result(false, job, trials);
            }
            try {
                sleeper.sleep(poll);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Result(true, job, trials);
            }
        }
    }

    static DescribeHyperParameterTuningJobResponse describe(SageMakerClient sageMaker, String tuningJobName) {
        return sageMaker.describeHyperParameterTuningJob(DescribeHyperParameterTuningJobRequest.builder()
                .hyperParameterTuningJobName(tuningJobName).build());
    }

    /** Every trial so far, oldest first, through the SDK's paginator. */
    static List<Trial> trials(SageMakerClient sageMaker, String tuningJobName) {
        return sageMaker.listTrainingJobsForHyperParameterTuningJobPaginator(
                ListTrainingJobsForHyperParameterTuningJobRequest.builder().hyperParameterTuningJobName(tuningJobName)
                        .sortBy(TrainingJobSortByOptions.CREATION_TIME).sortOrder(SortOrder.ASCENDING).build())
                .trainingJobSummaries().stream().map(Trial::of).toList();
    }

    public static boolean isTerminal(HyperParameterTuningJobStatus status) {
        return status == HyperParameterTuningJobStatus.COMPLETED || status == HyperParameterTuningJobStatus.FAILED
                || status == HyperParameterTuningJobStatus.STOPPED;
    }

    /** The summary of a described tuning job and its trials. */
    static TuningSummary summary(DescribeHyperParameterTuningJobResponse job, List<Trial> trials) {
        Trial best = job.bestTrainingJob() == null ? null : Trial.of(job.bestTrainingJob());
        String output = job.trainingJobDefinition().outputDataConfig().s3OutputPath();
        String model = best == null ? null : (output.endsWith("/") ? output : output + "/") + best.name()
                + "/output/model.tar.gz";
        var objective = job.hyperParameterTuningJobConfig().hyperParameterTuningJobObjective();
        return new TuningSummary(job.hyperParameterTuningJobName(), job.hyperParameterTuningJobStatusAsString(),
                job.hyperParameterTuningJobConfig().strategyAsString().toLowerCase(java.util.Locale.ROOT),
                objective.metricName(), objective.typeAsString(), trials, best, model, job.failureReason());
    }
}
