package dev.trainctl.orchestrator.tune;

import static dev.trainctl.orchestrator.cli.TrainctlException.usageIfInvalid;

import dev.trainctl.orchestrator.aws.AwsClients;
import dev.trainctl.orchestrator.aws.AwsErrors;
import dev.trainctl.orchestrator.cli.Console;
import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.Invocation;
import dev.trainctl.orchestrator.cli.TrainctlException;
import dev.trainctl.orchestrator.emulate.EmulatedRoleOptions;
import dev.trainctl.orchestrator.emulate.EmulatedTarget;
import dev.trainctl.orchestrator.emulate.EmulatedTraining;
import dev.trainctl.orchestrator.emulate.EntryPointProcess;
import dev.trainctl.orchestrator.trainingjob.DataUpload;
import dev.trainctl.orchestrator.trainingjob.RemoteTrainOptions;
import dev.trainctl.orchestrator.names.S3Uri;
import dev.trainctl.orchestrator.names.ResourceNames;
import dev.trainctl.orchestrator.s3serve.S3Access;
import dev.trainctl.training.files.Directories;
import dev.trainctl.training.sagemaker.JobHyperparameters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * {@code tune --on emulated}: the tuning spec run on this machine. Each trial is a full emulated training job
 * ({@link EmulatedTraining}: its own {@code /opt/ml}, data from S3, model to S3), named as SageMaker names trials
 * ({@code TUNINGJOB-NNN-xxxxxxxx}), at most {@code --max-parallel} at a time and never more than the cores. Its
 * objective is read as SageMaker reads it: the objective metric's regex applied to the trial's log, last match.
 * Random search, or grid; Bayesian and Hyperband run as random search here, and it says so.
 */
final class EmulatedTuning {

    private EmulatedTuning() {}

    /** One trial to run: its name and the tuned values. */
    record Plan(String name, Map<String, String> tuned) {}

    static ExitCode run(Invocation invocation, TuneOptions options, String name, JobHyperparameters base,
            Instant now) throws Exception {
        Console console = invocation.console();
        String tuningJobName = usageIfInvalid(() -> ResourceNames.tuningJobName(name, now));
        Strategy strategy = options.strategy().offline();
        if (strategy != options.strategy()) {
            console.warn("--strategy " + options.strategy().id() + " needs SageMaker's search service; offline it "
                    + "runs as random search (same ranges, same number of trials)");
        }
        int jobs = options.jobs();
        List<Plan> trials = usageIfInvalid(() -> plans(tuningJobName, options.ranges(), strategy, jobs,
                options.training().seed(), options.maxParallel()));
        int cores = Runtime.getRuntime().availableProcessors();
        int parallel = Math.min(options.maxParallel(), cores);
        if (parallel < options.maxParallel()) {
            console.warn("--max-parallel " + options.maxParallel() + ": this machine has " + cores + " cores, so "
                    + parallel + " trials run at a time");
        }
        EmulatedRoleOptions roleOptions = EmulatedRoleOptions.read(invocation);
        boolean networkIsolation = !invocation.has("allow-network");
        List<Path> files = RemoteTrainOptions.dataFiles(invocation);
        try (AwsClients aws = AwsClients.create(invocation.global(), console);
                S3Access access = S3Access.open(aws, console)) {
            EmulatedTarget target = EmulatedTarget.resolve(invocation, aws, access);
            console.say("emulating tuning job " + tuningJobName + " against " + access.description() + ", bucket "
                    + target.bucket() + ": " + strategy.id() + " search over " + String.join(", ",
                    options.ranges().stream().map(SearchRange::describe).toList()) + "; " + trials.size()
                    + " trials, " + parallel + " at a time; " + options.objective().type().toString()
                    .toLowerCase(Locale.ROOT) + " " + options.objective().metric());
            // Every trial runs as the role, assumed through its trust policy under the trial's own name.
            EmulatedTraining.Role role = roleOptions.resolve(aws, target, name, console);
            console.say("trials run as " + role.documents().roleArn() + ", documents: " + role.documents().source());
            Trials run = new Trials(role, networkIsolation, options.objective(), base, name, target, files, console);
            try {
                // Once, before the trials: they then all find the data in place instead of racing to upload it.
                new DataUpload(access.s3(), target.bucketOwner(), console::say).sync(files,
                        new S3Uri(target.bucket(), name + "/data/"));
                List<Trial> results = run.all(trials, parallel);
                return TuneCommands.finish(console, summary(tuningJobName, strategy, options.objective(), results,
                        target, name), target.endpointOption());
            } catch (SdkException e) {
                throw AwsErrors.translate(e, "s3", "s3://" + target.bucket() + "/" + name + "/");
            }
        }
    }

    /** The trials: every combination for grid, else {@code jobs} random draws, seeded so a rerun repeats them. */
    static List<Plan> plans(String tuningJobName, List<SearchRange> ranges, Strategy strategy, int jobs, long seed,
            int maxParallel) {
        Random random = new Random(seed);
        List<Map<String, String>> assignments = new ArrayList<>();
        if (strategy == Strategy.GRID) {
            assignments.add(new LinkedHashMap<>());
            for (SearchRange range : ranges) {
                if (range.kind() != SearchRange.Kind.CATEGORICAL) {
                    throw new IllegalArgumentException("--strategy grid searches lists only (a,b,c), but "
                            + range.describe() + " is a range: give its values as a list");
                }
                List<Map<String, String>> next = new ArrayList<>();
                for (Map<String, String> partial : assignments) {
                    for (String value : range.values()) {
                        Map<String, String> more = new LinkedHashMap<>(partial);
                        more.put(range.hyperparameter(), value);
                        next.add(more);
                    }
                }
                assignments = next;
            }
            if (jobs != assignments.size()) {
                throw new IllegalArgumentException("--strategy grid runs every combination: " + assignments.size()
                        + " trials, so --max-jobs must be " + assignments.size() + " (or left out), got " + jobs);
            }
        } else {
            for (int i = 0; i < jobs; i++) {
                Map<String, String> draw = new LinkedHashMap<>();
                ranges.forEach(range -> draw.put(range.hyperparameter(), range.sample(random)));
                assignments.add(draw);
            }
        }
        if (jobs < 1 || maxParallel < 1 || maxParallel > jobs) {
            throw new IllegalArgumentException("--max-jobs must be at least 1 and --max-parallel 1 to --max-jobs, got "
                    + jobs + " and " + maxParallel);
        }
        List<Plan> plans = new ArrayList<>();
        for (int i = 0; i < assignments.size(); i++) {
            plans.add(new Plan(String.format(Locale.ROOT, "%s-%03d-%08x", tuningJobName, i + 1, random.nextInt()),
                    assignments.get(i)));
        }
        return plans;
    }

    /** What every trial shares: the role it runs as, its network, the objective, the base values and the data. */
    private record Trials(EmulatedTraining.Role role, boolean networkIsolation, TuningObjective objective,
            JobHyperparameters base, String name, EmulatedTarget target, List<Path> files, Console console) {

        List<Trial> all(List<Plan> plans, int parallel) throws InterruptedException {
            Object printing = new Object();
            ExecutorService pool = Executors.newFixedThreadPool(parallel);
            try {
                List<Future<Trial>> running = new ArrayList<>();
                boolean[] headerShown = {false};
                for (Plan plan : plans) {
                    running.add(pool.submit(() -> {
                        Trial trial = one(plan);
                        synchronized (printing) {
                            if (!headerShown[0]) {
                                console.say(Trial.header(objective.metric()));
                                headerShown[0] = true;
                            }
                            console.say(trial.row());
                        }
                        return trial;
                    }));
                }
                List<Trial> trials = new ArrayList<>();
                for (Future<Trial> future : running) {
                    try {
                        trials.add(future.get());
                    } catch (java.util.concurrent.ExecutionException e) {
                        throw new IllegalStateException("a trial could not be run: " + e.getCause().getMessage(),
                                e.getCause());
                    }
                }
                return trials;
            } finally {
                pool.shutdownNow();
            }
        }

        /** One trial: an emulated training job with the tuned values; a failed job is a Failed trial, not an abort. */
        Trial one(Plan plan) throws Exception {
            Map<String, String> values = new LinkedHashMap<>(base.toStrings());
            values.putAll(plan.tuned());
            JobHyperparameters hyperparameters = JobHyperparameters.parse(values);
            List<String> log = java.util.Collections.synchronizedList(new ArrayList<>());
            Path work = Files.createTempDirectory("trainctl-tune");
            long start = System.nanoTime();
            try {
                new EmulatedTraining(target.access().s3(), role, EntryPointProcess.current(), line -> {
                    log.add(line);
                    console.verbose(plan.name() + " " + line);
                }).run(new EmulatedTraining.Plan(plan.name(), target.bucket(), target.bucketOwner(), name, files,
                        hyperparameters, work, false, java.util.Optional.empty(), networkIsolation));
                long seconds = Math.round((System.nanoTime() - start) / 1e9);
                return new Trial(plan.name(), plan.tuned(), "Completed", objectiveOf(log, objective), seconds, null);
            } catch (TrainctlException e) {
                long seconds = Math.round((System.nanoTime() - start) / 1e9);
                return new Trial(plan.name(), plan.tuned(), "Failed", null, seconds, e.getMessage());
            } finally {
                Directories.deleteRecursively(work);
            }
        }
    }

    /** As SageMaker does: the objective metric's regex over the trial's log; its last match is the final value. */
    static Double objectiveOf(List<String> log, TuningObjective objective) {
        Pattern pattern = Pattern.compile(objective.regex());
        Double last = null;
        for (String line : log) {
            Matcher matcher = pattern.matcher(line);
            while (matcher.find()) {
                last = Double.parseDouble(matcher.group(1));
            }
        }
        return last;
    }

    private static TuningSummary summary(String tuningJobName, Strategy strategy, TuningObjective objective,
            List<Trial> trials, EmulatedTarget target, String name) {
        Trial best = null;
        for (Trial trial : trials) {
            if (trial.objective() != null && (best == null || objective.better(trial.objective(), best.objective()))) {
                best = trial;
            }
        }
        String status = best == null ? "Failed" : "Completed";
        String model = best == null ? null : new S3Uri(target.bucket(), name + "/output/" + best.name()
                + "/output/model.tar.gz").toString();
        return new TuningSummary(tuningJobName, status, strategy.id(), objective.metric(),
                objective.type().toString(), trials, best, model, best == null ? "no trial completed with a value"
                        + " for " + objective.metric() : null);
    }

}
