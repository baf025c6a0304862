package dev.trainctl.orchestrator.jobs;

import dev.trainctl.orchestrator.aws.AwsClients;
import dev.trainctl.orchestrator.aws.AwsErrors;
import dev.trainctl.orchestrator.aws.Sleeper;
import dev.trainctl.orchestrator.cli.Console;
import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.Invocation;
import dev.trainctl.orchestrator.cli.TerminalText;
import dev.trainctl.orchestrator.cli.TrainctlException;
import dev.trainctl.orchestrator.names.JobNames;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobRequest;

/** What the {@code jobs} commands and {@code train --on sagemaker} share: clients, following, and its endings. */
public final class JobsSupport {

    /** Builds the AWS clients for an invocation; tests hand in fakes through {@link AwsClients#using}. */
    public static final Function<Invocation, AwsClients> DEFAULT_CLIENTS =
            invocation -> AwsClients.create(invocation.global(), invocation.console());

    private JobsSupport() {}

    public static Options pollOption(Options options) {
        return options.addOption(Option.builder().longOpt("poll").hasArg().argName("SECONDS")
                .desc("seconds between status checks (default: " + JobFollower.DEFAULT_POLL.toSeconds() + ")").get());
    }

    public static Duration poll(Invocation invocation) {
        int seconds = invocation.intValue("poll", (int) JobFollower.DEFAULT_POLL.toSeconds(), 0, 3600);
        if (seconds < 0) {
            throw TrainctlException.usage("--poll must be 0 or more seconds");
        }
        return Duration.ofSeconds(seconds);
    }

    /** The job name argument, validated. */
    static String jobName(Invocation invocation) {
        invocation.requireArguments(1, "a training job name (see 'trainctl jobs list')");
        return JobNames.validate(invocation.arguments().get(0));
    }

    /**
     * Follows a job with logs until it ends, as {@code jobs wait} and {@code train --on sagemaker} do. Ctrl-C
     * detaches: the job keeps running, and the way back is printed.
     */
    public static ExitCode followToEnd(AwsClients aws, Console console, String jobName, Duration poll, Sleeper sleeper,
            boolean showLogs) {
        return follow(new JobFollower(aws.sageMaker(), aws.logs(), sleeper, poll, console::say, showLogs), jobName,
                result -> finish(console, jobName, result));
    }

    /**
     * Follows a job until it ends or until Ctrl-C, which detaches (the job keeps running), and hands the result to
     * {@code then}. {@code then} runs while Ctrl-C still holds the JVM open (up to 5 s), so what it prints about a
     * detached job is seen. AWS errors come back translated.
     */
    public static <T> T follow(JobFollower follower, String jobName, Function<JobFollower.Result, T> then) {
        return untilCtrlC(detach -> {
            JobFollower.Result result;
            try {
                result = follower.follow(jobName, detach);
            } catch (SdkException e) {
                if (!detach.getAsBoolean()) {
                    throw AwsErrors.translate(e, "sagemaker:DescribeTrainingJob", jobName);
                }
                // Ctrl-C interrupted a call in flight, which the SDK reports as an abort: still a detach.
                result = new JobFollower.Result(JobFollower.Outcome.DETACHED, null);
            }
            return then.apply(result);
        });
    }

    /**
     * Runs {@code body} with a flag that Ctrl-C sets (and the thread interrupted), so following a job can stop
     * without stopping the job. The JVM waits for {@code body} to finish (up to 5 s) before it exits, so what it
     * prints about the detached job is seen.
     */
    public static <T> T untilCtrlC(Function<BooleanSupplier, T> body) {
        Thread main = Thread.currentThread();
        AtomicBoolean detach = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            detach.set(true);
            main.interrupt();
            try {
                done.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "trainctl-detach");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return body.apply(detach::get);
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the JVM is already on its way out.
            }
        }
    }

    /** Says that following stopped while the job goes on, and how to re-attach or stop it. */
    public static void warnDetached(Console console, String jobName) {
        console.warn("detached from " + jobName + "; the job keeps running (and billing)."
                + " Re-attach: trainctl jobs wait " + jobName + "   Stop it: trainctl jobs stop " + jobName);
    }

    static ExitCode finish(Console console, String jobName, JobFollower.Result result) {
        if (result.outcome() == JobFollower.Outcome.DETACHED) {
            warnDetached(console, jobName);
            return ExitCode.INTERRUPTED;
        }
        JobSummary summary = JobSummary.of(result.job());
        summary.lines().forEach(console::say);
        console.result(summary);
        if (result.outcome() != JobFollower.Outcome.COMPLETED) {
            throw new TrainctlException(ExitCode.JOB_FAILED, "training job " + jobName + " "
                    + result.job().trainingJobStatusAsString().toLowerCase(java.util.Locale.ROOT)
                    + (result.job().failureReason() == null ? "" : ": "
                            + TerminalText.escape(result.job().failureReason()))
                    + " (logs: trainctl jobs logs " + jobName + ")");
        }
        return ExitCode.OK;
    }

    static DescribeTrainingJobRequest describe(String jobName) {
        return DescribeTrainingJobRequest.builder().trainingJobName(jobName).build();
    }
}
