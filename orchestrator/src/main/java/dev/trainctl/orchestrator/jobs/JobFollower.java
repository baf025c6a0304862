package dev.trainctl.orchestrator.jobs;

import dev.trainctl.orchestrator.aws.Sleeper;
import dev.trainctl.orchestrator.cli.TerminalText;
import dev.trainctl.orchestrator.names.ResourceNames;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogStreamsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.SecondaryStatusTransition;
import software.amazon.awssdk.services.sagemaker.model.TrainingJobStatus;

/**
 * Follows a training job until it ends: each secondary status transition as it happens (Starting, Downloading,
 * Training, Uploading, ...), the job's CloudWatch log streams tailed as they grow, and a summary at the end. A log
 * stream that does not exist yet (the instance is still starting, or this is the account's first job and the log
 * group is not there) is waited for, not an error. Polling goes through the injected {@link Sleeper}, so tests
 * script the job and never sleep.
 */
public final class JobFollower {

    /** SageMaker writes every training job's logs here, one stream per instance: {@code JOB/algo-1-1700000000}. */
    public static final String LOG_GROUP = ResourceNames.TRAINING_LOG_GROUP;
    public static final Duration DEFAULT_POLL = Duration.ofSeconds(10);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** How following ended. */
    public enum Outcome { COMPLETED, FAILED, STOPPED, DETACHED }

    /** The outcome and the job's last description (null only if detached before the first one). */
    public record Result(Outcome outcome, DescribeTrainingJobResponse job) {}

    private final SageMakerClient sageMaker;
    private final CloudWatchLogsClient logs;
    private final Sleeper sleeper;
    private final Duration poll;
    private final Consumer<String> out;
    private final boolean showLogs;

    public JobFollower(SageMakerClient sageMaker, CloudWatchLogsClient logs, Sleeper sleeper, Duration poll,
            Consumer<String> out, boolean showLogs) {
        this.sageMaker = sageMaker;
        this.logs = logs;
        this.sleeper = sleeper;
        this.poll = poll;
        this.out = out;
        this.showLogs = showLogs;
    }

    /**
     * Follows {@code jobName} until it completes, fails or stops, or until {@code detach} says to stop following
     * (Ctrl-C) or the sleeper is interrupted; the job itself is never touched.
     */
    public Result follow(String jobName, BooleanSupplier detach) {
        int transitionsShown = 0;
        boolean waitingForLogsSaid = false;
        Map<String, String> tokens = new LinkedHashMap<>();
        DescribeTrainingJobResponse job = null;
        while (true) {
            if (detach.getAsBoolean()) {
                return new Result(Outcome.DETACHED, job);
            }
            job = sageMaker.describeTrainingJob(DescribeTrainingJobRequest.builder().trainingJobName(jobName).build());
            List<SecondaryStatusTransition> transitions = job.secondaryStatusTransitions();
            for (; transitionsShown < transitions.size(); transitionsShown++) {
                SecondaryStatusTransition transition = transitions.get(transitionsShown);
                out.accept(time(transition.startTime()) + " " + TerminalText.escape(transition.statusAsString())
                        + (transition.statusMessage() == null ? "" : ": "
                                + TerminalText.escape(transition.statusMessage())));
            }
            boolean terminal = isTerminal(job.trainingJobStatus());
            if (showLogs) {
                boolean any = tail(jobName, tokens);
                if (!any && !waitingForLogsSaid && !terminal) {
                    out.accept("(waiting for the log stream " + LOG_GROUP + " " + jobName + "/algo-1-...;"
                            + " it appears once the instance has started)");
                    waitingForLogsSaid = true;
                }
            }
            if (terminal) {
                return new Result(outcome(job.trainingJobStatus()), job);
            }
            try {
                sleeper.sleep(poll);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Result(Outcome.DETACHED, job);
            }
        }
    }

    /** Prints every log event of the job's streams not shown yet; returns whether any stream exists. */
    public boolean tail(String jobName, Map<String, String> tokens) {
        List<String> streams = new ArrayList<>();
        try {
            for (LogStream stream : logs.describeLogStreams(DescribeLogStreamsRequest.builder()
                    .logGroupName(LOG_GROUP).logStreamNamePrefix(jobName + "/").build()).logStreams()) {
                streams.add(stream.logStreamName());
            }
        } catch (ResourceNotFoundException e) {
            return false; // no job has logged in this account and region yet
        }
        for (String stream : streams) {
            while (true) {
                String token = tokens.get(stream);
                GetLogEventsResponse page = logs.getLogEvents(GetLogEventsRequest.builder().logGroupName(LOG_GROUP)
                        .logStreamName(stream).startFromHead(true).nextToken(token).build());
                for (OutputLogEvent event : page.events()) {
                    // A log event is whatever the container printed: it must not act on the terminal.
                    out.accept(TerminalText.escape(event.message().stripTrailing()));
                }
                tokens.put(stream, page.nextForwardToken());
                // CloudWatch returns the token it was given once a stream has nothing newer.
                if (page.events().isEmpty() || page.nextForwardToken() == null
                        || page.nextForwardToken().equals(token)) {
                    break;
                }
            }
        }
        return !streams.isEmpty();
    }

    public static boolean isTerminal(TrainingJobStatus status) {
        return status == TrainingJobStatus.COMPLETED || status == TrainingJobStatus.FAILED
                || status == TrainingJobStatus.STOPPED;
    }

    private static Outcome outcome(TrainingJobStatus status) {
        return switch (status) {
            case COMPLETED -> Outcome.COMPLETED;
            case FAILED -> Outcome.FAILED;
            default -> Outcome.STOPPED;
        };
    }

    private static String time(Instant instant) {
        return instant == null ? "--:--:--" : TIME.format(instant);
    }
}
