package dev.trainctl.orchestrator.tune;

import dev.trainctl.orchestrator.aws.AwsClients;
import dev.trainctl.orchestrator.aws.AwsErrors;
import dev.trainctl.orchestrator.aws.AwsRequestJson;
import dev.trainctl.orchestrator.aws.ModelConstraints;
import dev.trainctl.orchestrator.aws.Sleeper;
import dev.trainctl.orchestrator.cli.Command;
import dev.trainctl.orchestrator.cli.Console;
import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.Invocation;
import dev.trainctl.orchestrator.cli.OptionRules;
import dev.trainctl.orchestrator.cli.TerminalText;
import dev.trainctl.orchestrator.cli.TrainctlException;
import dev.trainctl.orchestrator.jobs.AwsSubcommand;
import dev.trainctl.orchestrator.names.JobNames;
import dev.trainctl.orchestrator.jobs.JobsSupport;
import dev.trainctl.orchestrator.names.ResourceNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterTuningJobSummary;
import software.amazon.awssdk.services.sagemaker.model.ListHyperParameterTuningJobsRequest;
import software.amazon.awssdk.services.sagemaker.model.SortOrder;
import software.amazon.awssdk.services.sagemaker.model.StopHyperParameterTuningJobRequest;

/** {@code trainctl tune status|wait|stop|list}: a tuning job's lifecycle by name. */
public final class TuneCommands {

    private TuneCommands() {}

    public static List<Command> all() {
        return all(JobsSupport.DEFAULT_CLIENTS, Sleeper.SYSTEM);
    }

    public static List<Command> all(Function<Invocation, AwsClients> clients, Sleeper sleeper) {
        return List.of(new Status(clients), new Wait(clients, sleeper), new Stop(clients), new ListJobs(clients));
    }

    /**
     * Follows a tuning job until it ends, a row per trial as it finishes, then the best trial; Ctrl-C detaches and
     * the job goes on.
     */
    static ExitCode followToEnd(AwsClients aws, Console console, String name, Duration poll, Sleeper sleeper) {
        TuningFollower follower = new TuningFollower(aws.sageMaker(), sleeper, poll, console::say);
        TuningFollower.Result result = JobsSupport.untilCtrlC(detach -> {
            try {
                return follower.follow(name, detach);
            } catch (SdkException e) {
                if (!detach.getAsBoolean()) {
                    throw AwsErrors.translate(e, "sagemaker:DescribeHyperParameterTuningJob", name);
                }
                return new TuningFollower.Result(true, null, List.of());
            }
        });
        if (result.detached()) {
            console.warn("detached from tuning job " + name + "; it keeps running (and billing its trials)."
                    + " Re-attach: trainctl tune wait " + name + "   Stop it: trainctl tune stop " + name);
            return ExitCode.INTERRUPTED;
        }
        return finish(console, TuningFollower.summary(result.job(), result.trials()), "");
    }

    /** Prints the summary and its JSON; a tuning job that did not complete is a failed job (exit 10). */
    static ExitCode finish(Console console, TuningSummary summary, String endpointOption) {
        summary.lines(endpointOption).forEach(console::say);
        console.result(summary);
        if (!"Completed".equals(summary.status())) {
            throw new TrainctlException(ExitCode.JOB_FAILED, "tuning job " + summary.tuningJobName() + " "
                    + summary.status().toLowerCase(Locale.ROOT)
                    + (summary.failureReason() == null ? "" : ": " + TerminalText.escape(summary.failureReason())));
        }
        return ExitCode.OK;
    }

    /** A {@code tune} subcommand that takes one tuning job name. */
    private abstract static class OneJob extends AwsSubcommand {
        OneJob(String verb, String summary, Function<Invocation, AwsClients> clients) {
            super("tune", verb, "TUNING_JOB_NAME", summary, clients);
        }

        static String name(Invocation invocation) {
            invocation.requireArguments(1, "a tuning job name (see 'trainctl tune list')");
            return JobNames.validateTuning(invocation.arguments().get(0));
        }
    }

    /** {@code tune status NAME}: the trials so far and the best one. */
    static final class Status extends OneJob {
        Status(Function<Invocation, AwsClients> clients) {
            super("status", "a tuning job's status, its trials and the best one", clients);
        }

        public ExitCode run(Invocation invocation) {
            String name = name(invocation);
            try (AwsClients aws = clients.apply(invocation)) {
                TuningSummary summary;
                try {
                    summary = TuningFollower.summary(TuningFollower.describe(aws.sageMaker(), name),
                            TuningFollower.trials(aws.sageMaker(), name));
                } catch (SdkException e) {
                    throw AwsErrors.translate(e, "sagemaker:DescribeHyperParameterTuningJob", name);
                }
                Trial.table(summary.objectiveMetric(), summary.trials()).forEach(invocation.console()::say);
                summary.lines("").forEach(invocation.console()::say);
                invocation.console().result(summary);
            }
            return ExitCode.OK;
        }
    }

    /** {@code tune wait NAME}: follow until the end. */
    static final class Wait extends OneJob {
        private final Sleeper sleeper;

        Wait(Function<Invocation, AwsClients> clients, Sleeper sleeper) {
            super("wait", "follow a tuning job (a row per finished trial) until it ends; Ctrl-C detaches", clients);
            this.sleeper = sleeper;
        }

        @Override
        public Options options() {
            return JobsSupport.pollOption(new Options());
        }

        public ExitCode run(Invocation invocation) {
            String name = name(invocation);
            try (AwsClients aws = clients.apply(invocation)) {
                return followToEnd(aws, invocation.console(), name, JobsSupport.poll(invocation), sleeper);
            }
        }
    }

    /** {@code tune stop NAME}: SageMaker stops every running trial; each saves a checkpoint on the way out. */
    static final class Stop extends OneJob {
        Stop(Function<Invocation, AwsClients> clients) {
            super("stop", "stop a tuning job and its running trials", clients);
        }

        public ExitCode run(Invocation invocation) {
            String name = name(invocation);
            StopHyperParameterTuningJobRequest request = StopHyperParameterTuningJobRequest.builder()
                    .hyperParameterTuningJobName(name).build();
            if (invocation.global().dryRun()) {
                invocation.console().out().println(AwsRequestJson.print(request, AwsRequestJson.Form.of(invocation.console())));
                return ExitCode.OK;
            }
            try (AwsClients aws = clients.apply(invocation)) {
                AwsErrors.call(request, name, aws.sageMaker()::stopHyperParameterTuningJob);
            }
            invocation.console().say("stopping " + name + " and its running trials (follow with: trainctl tune wait "
                    + name + ")");
            return ExitCode.OK;
        }
    }

    /** {@code tune list}: this name's tuning jobs, newest first, through the SDK's paginator. */
    static final class ListJobs extends AwsSubcommand {
        ListJobs(Function<Invocation, AwsClients> clients) {
            super("tune", "list", "", "list tuning jobs, newest first (those of --name, or --all)", clients);
        }

        @Override
        public OptionRules rules() {
            return OptionRules.none().conflicts("name", "all");
        }

        @Override
        public Options options() {
            return new Options()
                    .addOption(Option.builder().longOpt("name").hasArg().argName("NAME")
                            .desc("tuning jobs of this name (default: " + ResourceNames.DEFAULT_NAME + ")").get())
                    .addOption(Option.builder().longOpt("all").desc("every tuning job in the region").get())
                    .addOption(Option.builder().longOpt("max").hasArg().argName("N")
                            .desc("at most N jobs (default: 20)").get());
        }

        public ExitCode run(Invocation invocation) {
            int max = invocation.intValue("max", 20, 1, 10_000);
            ListHyperParameterTuningJobsRequest.Builder request = ListHyperParameterTuningJobsRequest.builder()
                    .sortBy("CreationTime").sortOrder(SortOrder.DESCENDING).maxResults(Math.min(max, 100));
            if (!invocation.has("all")) {
                String name = invocation.value("name", ResourceNames.DEFAULT_NAME);
                // A tuning job of NAME is NAME-STAMP: asking for "NAME-" leaves out another name's NAME-gpu-STAMP.
                ModelConstraints.TUNING_JOB_NAME_CONTAINS.problem(name + "-").ifPresent(problem -> {
                    throw TrainctlException.usage("--name '" + name + "': tune list looks for '" + name + "-': "
                            + problem);
                });
                request.nameContains(name + "-");
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (AwsClients aws = clients.apply(invocation)) {
                for (HyperParameterTuningJobSummary job : aws.sageMaker().listHyperParameterTuningJobsPaginator(
                        request.build()).hyperParameterTuningJobSummaries()) {
                    if (rows.size() >= max) {
                        break;
                    }
                    rows.add(Map.of("tuning_job_name", job.hyperParameterTuningJobName(),
                            "status", job.hyperParameterTuningJobStatusAsString(),
                            "strategy", job.strategyAsString(), "created", String.valueOf(job.creationTime())));
                    invocation.console().say(String.format(Locale.ROOT, "%-34s %-10s %-9s %s",
                            TerminalText.escape(job.hyperParameterTuningJobName()),
                            TerminalText.escape(job.hyperParameterTuningJobStatusAsString()),
                            TerminalText.escape(job.strategyAsString()), job.creationTime()));
                }
            } catch (SdkException e) {
                throw AwsErrors.translate(e, "sagemaker:ListHyperParameterTuningJobs", "tuning jobs");
            }
            if (rows.isEmpty()) {
                invocation.console().say("no tuning jobs" + (invocation.has("all") ? "" : " of "
                        + invocation.value("name", ResourceNames.DEFAULT_NAME) + " (try --all)"));
            }
            invocation.console().result(Map.of("tuning_jobs", rows));
            return ExitCode.OK;
        }
    }
}
