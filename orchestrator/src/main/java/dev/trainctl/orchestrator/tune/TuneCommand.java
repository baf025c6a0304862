package dev.trainctl.orchestrator.tune;

import static dev.trainctl.orchestrator.cli.TrainctlException.usageIfInvalid;

import dev.trainctl.orchestrator.account.QuotaPreflight;
import dev.trainctl.orchestrator.aws.AwsClients;
import dev.trainctl.orchestrator.aws.AwsErrors;
import dev.trainctl.orchestrator.aws.Sleeper;
import dev.trainctl.orchestrator.cli.Command;
import dev.trainctl.orchestrator.cli.Console;
import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.Invocation;
import dev.trainctl.orchestrator.cli.OptionRules;
import dev.trainctl.orchestrator.cli.TrainctlException;
import dev.trainctl.orchestrator.trainingjob.DataUpload;
import dev.trainctl.orchestrator.trainingjob.InstanceTypes;
import dev.trainctl.orchestrator.jobs.JobsSupport;
import dev.trainctl.orchestrator.jobs.RemoteJob;
import dev.trainctl.orchestrator.jobs.SubmissionDryRun;
import dev.trainctl.orchestrator.trainingjob.RemoteTrainOptions;
import dev.trainctl.orchestrator.names.ResourceNames;
import dev.trainctl.training.sagemaker.JobHyperparameters;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.commons.cli.Options;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sagemaker.model.CreateHyperParameterTuningJobRequest;

/**
 * {@code trainctl tune --on sagemaker|emulated}: a hyper-parameter tuning job. On SageMaker: validate, upload the data
 * (only what is missing or changed), submit {@code CreateHyperParameterTuningJob}, follow the trials to the end (or
 * return at once with {@code --detach}; Ctrl-C detaches). Emulated: the same search on this machine
 * ({@link EmulatedTuning}).
 */
public final class TuneCommand implements Command {

    private final Function<Invocation, AwsClients> clients;
    private final Function<Invocation, List<Path>> dataFiles;
    private final Sleeper sleeper;
    private final Clock clock;

    public TuneCommand() {
        this(JobsSupport.DEFAULT_CLIENTS, Sleeper.SYSTEM, Clock.systemUTC());
    }

    /** For tests: fake clients, a sleeper that does not sleep, and a fixed clock for the job name. */
    public TuneCommand(Function<Invocation, AwsClients> clients, Sleeper sleeper, Clock clock) {
        this(clients, RemoteTrainOptions::dataFiles, sleeper, clock);
    }

    /** The same, with the local data files to upload. */
    public TuneCommand(Function<Invocation, AwsClients> clients, Function<Invocation, List<Path>> dataFiles,
            Sleeper sleeper, Clock clock) {
        this.clients = clients;
        this.dataFiles = dataFiles;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    @Override
    public List<String> path() {
        return List.of("tune");
    }

    @Override
    public String summary() {
        return "tune hyperparameters with a SageMaker tuning job (--on sagemaker) or rehearse it offline (--on emulated)";
    }

    @Override
    public Options options() {
        return TuneOptions.addTo(new Options());
    }

    static final OptionRules RULES = RemoteTrainOptions.sageMakerRules(OptionRules.modes("on", "sagemaker",
            "emulated").onlyIn(Set.of("sagemaker"), "early-stopping", "spot"));

    @Override
    public OptionRules rules() {
        return RULES;
    }

    @Override
    public ExitCode run(Invocation invocation) throws Exception {
        String on = invocation.value("on").orElseThrow(() -> TrainctlException.usage("tune needs --on sagemaker (a"
                + " tuning job, billed per trial) or --on emulated (the same search on this machine, free)"))
                .toLowerCase(Locale.ROOT);
        TuneOptions options = TuneOptions.read(invocation);
        String name = RemoteTrainOptions.name(invocation);
        JobHyperparameters hyperparameters = RemoteTrainOptions.hyperparameters(invocation, options.training());
        return switch (on) {
            case "sagemaker" -> sageMaker(invocation, options, name, hyperparameters);
            case "emulated" -> EmulatedTuning.run(invocation, options, name, hyperparameters, clock.instant());
            default -> throw TrainctlException.usage("--on " + on + ": tune runs --on sagemaker or --on emulated");
        };
    }

    private ExitCode sageMaker(Invocation invocation, TuneOptions options, String name,
            JobHyperparameters hyperparameters) throws Exception {
        Console console = invocation.console();
        boolean dryRun = invocation.global().dryRun();
        String instanceType = usageIfInvalid(() -> InstanceTypes.choose(invocation.value(
                "instance-type").orElse(null), invocation.has("gpu")));
        usageIfInvalid(() -> {
            RemoteTrainOptions.security(invocation).checkInstanceType(instanceType);
            return instanceType;
        });
        JobHyperparameters trials = usageIfInvalid(() -> new JobHyperparameters(hyperparameters.training(),
                hyperparameters.dataset(), hyperparameters.maxTrainSamples(), InstanceTypes.deviceFor(instanceType,
                        hyperparameters.device(), invocation.value("image"))));
        try (AwsClients aws = clients.apply(invocation)) {
            String tuningJobName = usageIfInvalid(() -> ResourceNames.tuningJobName(name, clock.instant()));
            RemoteJob job = usageIfInvalid(() -> RemoteJob.plan(invocation, aws, instanceType, trials, name,
                    tuningJobName));
            TuningSpec spec = usageIfInvalid(() -> new TuningSpec(tuningJobName, job.spec(), options.ranges(),
                    options.objective(), options.strategy(), options.jobs(), options.maxParallel(), options.early(),
                    (int) Math.floorMod(options.training().seed(), Integer.MAX_VALUE)));
            // Under --dry-run stdout carries only the request, so the plan goes to stderr with the cost.
            java.util.function.Consumer<String> tell = dryRun ? console::warn : console::say;
            tell.accept("tuning job " + spec.tuningJobName() + ": " + options.strategy().id() + " search over "
                    + String.join(", ", spec.ranges().stream().map(SearchRange::describe).toList()) + "; "
                    + spec.maxJobs() + " trials, " + spec.maxParallel() + " at a time; "
                    + options.objective().type().toString().toLowerCase(Locale.ROOT) + " "
                    + options.objective().metric());
            console.warn(job.price().worstCase(spec.trial().maxRuntimeSeconds()).replaceFirst("^worst-case cost: ",
                    "worst-case cost per trial: ") + "; at most " + spec.maxJobs() + " trials: "
                    + job.price().usdPerHour().map(p -> String.format(Locale.ROOT, "$%.2f",
                            p * spec.trial().maxRuntimeSeconds() / 3600.0 * spec.maxJobs())).orElse("unknown"));
            new QuotaPreflight(aws.serviceQuotas(), console).check(instanceType, spec.trial().spot(),
                    job.region().id(), dryRun);
            CreateHyperParameterTuningJobRequest request = TuningJobRequests.create(spec);
            if (dryRun) {
                SubmissionDryRun.print(console, aws.s3(), Optional.of(job.names().account()),
                        dataFiles.apply(invocation), spec.trial().trainData(), spec.trial().security().outputKey(),
                        !job.caller().placeholder(), request);
                return ExitCode.OK;
            }
            try {
                new DataUpload(aws.s3(), Optional.of(job.names().account()), console::say,
                        spec.trial().security().outputKey()).sync(dataFiles.apply(invocation),
                        spec.trial().trainData());
            } catch (SdkException e) {
                throw AwsErrors.translate(e, "s3:PutObject", spec.trial().trainData().toString());
            }
            String arn = AwsErrors.call(request, spec.tuningJobName(), aws.sageMaker()::createHyperParameterTuningJob)
                    .hyperParameterTuningJobArn();
            console.say("submitted " + arn);
            if (invocation.has("detach")) {
                console.say("detached; follow it with: trainctl tune wait " + spec.tuningJobName()
                        + "   stop it with: trainctl tune stop " + spec.tuningJobName());
                console.result(Map.of("tuning_job_name", spec.tuningJobName(), "arn", arn));
                return ExitCode.OK;
            }
            return TuneCommands.followToEnd(aws, console, spec.tuningJobName(), JobsSupport.poll(invocation),
                    sleeper);
        }
    }
}
