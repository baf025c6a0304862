package dev.trainctl.orchestrator.jobs;

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
import dev.trainctl.orchestrator.names.ResourceNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.ListTrainingJobsRequest;
import software.amazon.awssdk.services.sagemaker.model.SortBy;
import software.amazon.awssdk.services.sagemaker.model.SortOrder;
import software.amazon.awssdk.services.sagemaker.model.StopTrainingJobRequest;
import software.amazon.awssdk.services.sagemaker.model.TrainingJobSummary;
import software.amazon.awssdk.services.sagemaker.waiters.SageMakerWaiter;

/** {@code trainctl jobs list|status|wait|logs|stop}: a training job's lifecycle by name. */
public final class JobsCommands {

    private JobsCommands() {}

    public static List<Command> all() {
        return all(JobsSupport.DEFAULT_CLIENTS, Sleeper.SYSTEM);
    }

    public static List<Command> all(Function<Invocation, AwsClients> clients, Sleeper sleeper) {
        return List.of(new ListJobs(clients), new Status(clients), new Wait(clients, sleeper),
                new Logs(clients, sleeper), new Stop(clients));
    }

    /** A {@code jobs} subcommand; every one but {@code list} takes one job name. */
    private abstract static class JobsCommand extends AwsSubcommand {
        JobsCommand(String verb, String summary, Function<Invocation, AwsClients> clients) {
            this(verb, "JOB_NAME", summary, clients);
        }

        JobsCommand(String verb, String arguments, String summary, Function<Invocation, AwsClients> clients) {
            super("jobs", verb, arguments, summary, clients);
        }
    }

    /** {@code jobs list}: newest first, through the SDK's paginator. */
    static final class ListJobs extends JobsCommand {
        ListJobs(Function<Invocation, AwsClients> clients) {
            super("list", "", "list training jobs, newest first (those named --name-*, or --all)", clients);
        }

        @Override
        public OptionRules rules() {
            return OptionRules.none().conflicts("name", "all");
        }

        @Override
        public Options options() {
            return new Options()
                    .addOption(Option.builder().longOpt("name").hasArg().argName("NAME")
                            .desc("jobs whose name contains this (default: " + ResourceNames.DEFAULT_NAME + ")").get())
                    .addOption(Option.builder().longOpt("all").desc("every training job in the region").get())
                    .addOption(Option.builder().longOpt("max").hasArg().argName("N")
                            .desc("at most N jobs (default: 20)").get());
        }

        public ExitCode run(Invocation invocation) {
            int max = invocation.intValue("max", 20, 1, 1000);
            ListTrainingJobsRequest.Builder request = ListTrainingJobsRequest.builder()
                    .sortBy(SortBy.CREATION_TIME).sortOrder(SortOrder.DESCENDING).maxResults(Math.min(max, 100));
            if (!invocation.has("all")) {
                request.nameContains(ModelConstraints.TRAINING_JOB_NAME_CONTAINS.require("--name",
                        invocation.value("name", ResourceNames.DEFAULT_NAME)));
            }
            List<Map<String, String>> rows = new ArrayList<>();
            try (AwsClients aws = clients.apply(invocation)) {
                for (TrainingJobSummary job : aws.sageMaker().listTrainingJobsPaginator(request.build())
                        .trainingJobSummaries()) {
                    if (rows.size() >= max) {
                        break;
                    }
                    Map<String, String> row = new HashMap<>();
                    row.put("name", job.trainingJobName());
                    row.put("status", job.trainingJobStatusAsString());
                    row.put("secondary_status", job.secondaryStatusAsString());
                    row.put("created", String.valueOf(job.creationTime()));
                    rows.add(row);
                    invocation.console().say(String.format(Locale.ROOT, "%-45s %-10s %-12s %s",
                            TerminalText.escape(job.trainingJobName()),
                            TerminalText.escape(job.trainingJobStatusAsString()),
                            TerminalText.escape(Objects.toString(job.secondaryStatusAsString(), "-")), job.creationTime()));
                }
            } catch (SdkException e) {
                throw AwsErrors.translate(e, "sagemaker:ListTrainingJobs", "training jobs");
            }
            if (rows.isEmpty()) {
                invocation.console().say("no training jobs" + (invocation.has("all") ? "" : " named *"
                        + invocation.value("name", ResourceNames.DEFAULT_NAME) + "* (try --all)"));
            }
            invocation.console().result(rows);
            return ExitCode.OK;
        }
    }

    /** {@code jobs status NAME}: one description, with transitions so far. */
    static final class Status extends JobsCommand {
        Status(Function<Invocation, AwsClients> clients) {
            super("status", "a training job's status, metrics, cost and model location", clients);
        }

        public ExitCode run(Invocation invocation) {
            String name = JobsSupport.jobName(invocation);
            try (AwsClients aws = clients.apply(invocation)) {
                DescribeTrainingJobResponse job = AwsErrors.call(JobsSupport.describe(name), name,
                        aws.sageMaker()::describeTrainingJob);
                job.secondaryStatusTransitions().forEach(t -> invocation.console().say("  " + t.startTime() + " "
                        + TerminalText.escape(t.statusAsString()) + (t.statusMessage() == null ? ""
                                : ": " + TerminalText.escape(t.statusMessage()))));
                JobSummary summary = JobSummary.of(job);
                summary.lines().forEach(invocation.console()::say);
                invocation.console().result(summary);
            }
            return ExitCode.OK;
        }
    }

    /** {@code jobs wait NAME}: follow with logs until the end; {@code --no-logs} uses the SDK's waiter. */
    static final class Wait extends JobsCommand {
        private final Sleeper sleeper;

        Wait(Function<Invocation, AwsClients> clients, Sleeper sleeper) {
            super("wait", "follow a training job (status transitions and logs) until it ends; Ctrl-C detaches",
                    clients);
            this.sleeper = sleeper;
        }

        @Override
        public Options options() {
            return JobsSupport.pollOption(new Options()
                    .addOption(Option.builder().longOpt("no-logs")
                            .desc("only wait for the end (the SDK's waiter), print no logs").get()));
        }

        public ExitCode run(Invocation invocation) {
            String name = JobsSupport.jobName(invocation);
            Duration poll = JobsSupport.poll(invocation);
            try (AwsClients aws = clients.apply(invocation)) {
                if (!invocation.has("no-logs")) {
                    return JobsSupport.followToEnd(aws, invocation.console(), name, poll, sleeper, true);
                }
                try (SageMakerWaiter waiter = SageMakerWaiter.builder().client(aws.sageMaker())
                        .overrideConfiguration(WaiterOverrideConfiguration.builder()
                                .backoffStrategyV2(poll.isZero() ? BackoffStrategy.retryImmediately()
                                        : BackoffStrategy.fixedDelayWithoutJitter(poll))
                                .waitTimeout(Duration.ofDays(29)).build())
                        .build()) {
                    waiter.waitUntilTrainingJobCompletedOrStopped(JobsSupport.describe(name));
                } catch (SdkException e) {
                    // The waiter fails on a Failed job; the description below says why.
                    invocation.console().verbose("waiter: " + e.getMessage());
                }
                DescribeTrainingJobResponse job = AwsErrors.call(JobsSupport.describe(name), name,
                        aws.sageMaker()::describeTrainingJob);
                JobFollower.Outcome outcome = switch (job.trainingJobStatus()) {
                    case COMPLETED -> JobFollower.Outcome.COMPLETED;
                    case FAILED -> JobFollower.Outcome.FAILED;
                    default -> JobFollower.Outcome.STOPPED;
                };
                return JobsSupport.finish(invocation.console(), name, new JobFollower.Result(outcome, job));
            }
        }
    }

    /** {@code jobs logs NAME [--follow]}: the job's CloudWatch log streams. */
    static final class Logs extends JobsCommand {
        private final Sleeper sleeper;

        Logs(Function<Invocation, AwsClients> clients, Sleeper sleeper) {
            super("logs", "print a training job's log (" + JobFollower.LOG_GROUP + "); --follow to tail it", clients);
            this.sleeper = sleeper;
        }

        @Override
        public OptionRules rules() {
            return OptionRules.none().requires("poll", "follow");
        }

        @Override
        public Options options() {
            return JobsSupport.pollOption(new Options()
                    .addOption(Option.builder("f").longOpt("follow").desc("keep printing until the job ends").get()));
        }

        public ExitCode run(Invocation invocation) {
            String name = JobsSupport.jobName(invocation);
            Console console = invocation.console();
            try (AwsClients aws = clients.apply(invocation)) {
                if (invocation.has("follow")) {
                    return JobsSupport.followToEnd(aws, console, name, JobsSupport.poll(invocation), sleeper, true);
                }
                List<String> lines = new ArrayList<>();
                try {
                    // With --output json the lines go into the one JSON document instead of the terminal.
                    if (!new JobFollower(aws.sageMaker(), aws.logs(), sleeper, Duration.ZERO,
                            console.json() ? lines::add : console::say, true).tail(name, new HashMap<>())) {
                        console.say("no log stream for " + name + " yet in " + JobFollower.LOG_GROUP
                                + " (the instance may still be starting; try --follow)");
                    }
                } catch (SdkException e) {
                    throw AwsErrors.translate(e, "logs:GetLogEvents", JobFollower.LOG_GROUP + " " + name);
                }
                console.result(Map.of("job_name", name, "lines", lines));
            }
            return ExitCode.OK;
        }
    }

    /** {@code jobs stop NAME}: SageMaker sends the container SIGTERM; trainctl's entry point checkpoints. */
    static final class Stop extends JobsCommand {
        Stop(Function<Invocation, AwsClients> clients) {
            super("stop", "stop a training job (it saves a checkpoint on the way out)", clients);
        }

        public ExitCode run(Invocation invocation) {
            String name = JobsSupport.jobName(invocation);
            StopTrainingJobRequest request = StopTrainingJobRequest.builder().trainingJobName(name).build();
            if (invocation.global().dryRun()) {
                invocation.console().out().println(AwsRequestJson.print(request, AwsRequestJson.Form.of(invocation.console())));
                return ExitCode.OK;
            }
            try (AwsClients aws = clients.apply(invocation)) {
                AwsErrors.call(request, name, aws.sageMaker()::stopTrainingJob);
            }
            invocation.console().say("stopping " + name + ": SageMaker sends SIGTERM, the trainer saves a checkpoint"
                    + " and the job ends as Stopped (follow with: trainctl jobs wait " + name + ")");
            invocation.console().result(Map.of("job_name", name, "stopping", true));
            return ExitCode.OK;
        }
    }
}
