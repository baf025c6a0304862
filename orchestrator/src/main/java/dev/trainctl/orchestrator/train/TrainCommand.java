package dev.trainctl.orchestrator.train;

import ai.djl.Device;
import dev.trainctl.orchestrator.Trainctl;
import dev.trainctl.orchestrator.aws.AwsClients;
import dev.trainctl.orchestrator.aws.Sleeper;
import dev.trainctl.orchestrator.cli.Command;
import dev.trainctl.orchestrator.cli.Console;
import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.Invocation;
import dev.trainctl.orchestrator.cli.OptionRules;
import dev.trainctl.orchestrator.cli.TrainctlException;
import dev.trainctl.orchestrator.data.DataOptions;
import dev.trainctl.orchestrator.jobs.JobsSupport;
import dev.trainctl.orchestrator.jobs.SageMakerMode;
import dev.trainctl.orchestrator.outputs.OutputDirectories;
import dev.trainctl.orchestrator.trainingjob.RemoteTrainOptions;
import dev.trainctl.training.artifacts.ModelArtifacts;
import dev.trainctl.training.artifacts.ModelCard;
import dev.trainctl.training.artifacts.OutputKind;
import dev.trainctl.training.data.Dataset;
import dev.trainctl.training.data.DatasetStore;
import dev.trainctl.training.data.ImageSet;
import dev.trainctl.training.engine.EngineInfo;
import dev.trainctl.training.files.ForeignDirectoryException;
import dev.trainctl.training.model.MnistMlp;
import dev.trainctl.training.report.TrainingReport;
import dev.trainctl.training.sagemaker.StopSignal;
import dev.trainctl.training.train.CheckpointException;
import dev.trainctl.training.train.Checkpoints;
import dev.trainctl.training.train.EpochMetrics;
import dev.trainctl.training.train.Hyperparameters;
import dev.trainctl.training.train.MnistTrainer;
import dev.trainctl.training.train.TrainingResult;
import dev.trainctl.training.train.TrainingStoppedException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code trainctl train}: trains the tutorial MLP; {@code --on local} runs DJL in this process. */
public final class TrainCommand implements Command {

    static final String DEFAULT_MODEL_DIR = "trainctl-output/model";
    static final String DEFAULT_CHECKPOINT_DIR = "trainctl-output/checkpoints";
    /** How long Ctrl-C waits for the trainer to finish its batch and save a checkpoint. */
    private static final Duration CTRL_C_GRACE = Duration.ofSeconds(60);

    private final Function<Invocation, AwsClients> clients;
    private final Function<Invocation, List<Path>> dataFiles;
    private final Sleeper sleeper;
    private final Clock clock;

    /** The command as it ships: real AWS clients, MNIST from the cache (fetched if missing), real waiting. */
    public TrainCommand() {
        this(JobsSupport.DEFAULT_CLIENTS, RemoteTrainOptions::dataFiles, Sleeper.SYSTEM, Clock.systemUTC());
    }

    /**
     * For {@code --on sagemaker} in tests: fake clients, the local data files to upload, no real waiting, and the
     * clock the job name is made from.
     */
    public TrainCommand(Function<Invocation, AwsClients> clients, Function<Invocation, List<Path>> dataFiles,
            Sleeper sleeper, Clock clock) {
        this.clients = clients;
        this.dataFiles = dataFiles;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    /** The JSON result. */
    record Result(String on, String device, String modelDir, String checkpointDir, String dataset,
            Hyperparameters hyperparameters, List<EpochMetrics> epochs, double testAccuracy, double testLoss,
            int testCorrect, int testCount, double trainingSeconds) {}

    @Override
    public List<String> path() {
        return List.of("train");
    }

    @Override
    public String summary() {
        return "train the MNIST MLP (--on local | emulated | sagemaker)";
    }

    @Override
    public Options options() {
        Options options = new Options()
                .addOption(Option.builder().longOpt("on").hasArg().argName("local|emulated|sagemaker")
                        .desc("where to train: local (default, in-process DJL on CPU or GPU), emulated (the SageMaker"
                                + " path on this machine: S3, /opt/ml contract, child JVM), sagemaker (a training job)")
                        .get())
                .addOption(Option.builder().longOpt("epochs").hasArg().argName("N")
                        .desc("passes over the training set (default: " + Hyperparameters.DEFAULT_EPOCHS + ")").get())
                .addOption(Option.builder().longOpt("batch-size").hasArg().argName("N")
                        .desc("images per step (default: " + Hyperparameters.DEFAULT_BATCH_SIZE + ")").get())
                .addOption(Option.builder().longOpt("learning-rate").hasArg().argName("LR")
                        .desc("Adam learning rate (default: " + Hyperparameters.DEFAULT_LEARNING_RATE + ")").get())
                .addOption(Option.builder().longOpt("seed").hasArg().argName("N")
                        .desc("seed for initialisation and shuffling (default: " + Hyperparameters.DEFAULT_SEED + ")")
                        .get())
                .addOption(Option.builder().longOpt("hidden-size").hasArg().argName("N")
                        .desc("hidden units (default: " + Hyperparameters.DEFAULT_HIDDEN_SIZE + ")").get())
                .addOption(Option.builder().longOpt("model-dir").hasArg().argName("DIR")
                        .desc("where the model is written (default: " + DEFAULT_MODEL_DIR + ")").get())
                .addOption(Option.builder().longOpt("checkpoint-dir").hasArg().argName("DIR")
                        .desc("checkpoint after every epoch here (default: " + DEFAULT_CHECKPOINT_DIR + ")").get())
                .addOption(Option.builder().longOpt("resume")
                        .desc("continue from the checkpoint in --checkpoint-dir").get())
                .addOption(Option.builder().longOpt("max-train-samples").hasArg().argName("N")
                        .desc("train on the first N images only (quick runs)").get());
        DataOptions.addTo(options);
        dev.trainctl.orchestrator.trainingjob.RemoteTrainOptions.addTo(options);
        // A training job's own: a tuning job's trials are not interrupted offline.
        options.addOption(Option.builder().longOpt("interrupt-at-epoch").hasArg().argName("N")
                .desc("emulated --spot: reclaim the instance once during epoch N (SIGTERM, checkpoints to S3, restart"
                        + " from them), as a spot interruption does").get());
        return EngineOptions.addTo(options);
    }

    /** Which options each mode uses: the rest would be dropped silently, so the CLI refuses them. */
    static final OptionRules RULES = dev.trainctl.orchestrator.trainingjob.RemoteTrainOptions.sageMakerRules(
            OptionRules.modes("on", "local", "emulated", "sagemaker")
            .onlyIn(Set.of("local"), "model-dir", "checkpoint-dir", "resume")
            .onlyIn(Set.of("local", "emulated"), "threads")
            .onlyIn(Set.of("emulated", "sagemaker"), "name", "bucket", "spot")
            .onlyIn(Set.of("emulated"), "interrupt-at-epoch")
            .requires("interrupt-at-epoch", "spot")
            .warnUnlessIn(Set.of("emulated", "sagemaker"), OptionRules.AWS_GLOBALS.toArray(String[]::new)));

    @Override
    public OptionRules rules() {
        return RULES;
    }

    @Override
    public ExitCode run(Invocation invocation) throws Exception {
        String on = invocation.value("on", "local").toLowerCase(Locale.ROOT);
        switch (on) {
            case "local" -> { }
            case "emulated" -> {
                return dev.trainctl.orchestrator.emulate.EmulatedMode.run(invocation, hyperparameters(invocation));
            }
            case "sagemaker" -> {
                return SageMakerMode.run(invocation, hyperparameters(invocation), clients, dataFiles, sleeper,
                        clock.instant());
            }
            default -> throw TrainctlException.usage("--on " + on + ": unknown mode (local, emulated or sagemaker)");
        }
        Hyperparameters hyperparameters = hyperparameters(invocation);
        Console console = invocation.console();
        Dataset dataset = DataOptions.dataset(invocation);
        invocation.intValue("max-train-samples", 0, 1, Integer.MAX_VALUE); // a bad value fails before anything else
        Path modelDir = Path.of(invocation.value("model-dir", DEFAULT_MODEL_DIR));
        Path checkpointDir = Path.of(invocation.value("checkpoint-dir", DEFAULT_CHECKPOINT_DIR));
        DatasetStore store = DataOptions.store(invocation, dataset);
        try (OutputDirectories claimed = OutputDirectories.claim(List.of(
                        new OutputDirectories.Output("--model-dir", modelDir, "model", List.of(OutputKind.MODEL)),
                        new OutputDirectories.Output("--checkpoint-dir", checkpointDir, "checkpoints",
                                List.of(Checkpoints.DIRECTORY))),
                List.of(new OutputDirectories.Input(invocation.has("data-dir") ? "--data-dir" : "the data cache",
                        store.directory())), "trainctl train");
                StopSignal ctrlC = StopSignal.onShutdown(CTRL_C_GRACE)) {
            LocalCheckpoint.requireWritable(modelDir, checkpointDir);
            ctrlC.idle(() -> console.warn(LocalCheckpoint.nothingWritten(modelDir, checkpointDir)));
            int maxTrainSamples = DataOptions.maxTrainSamples(invocation, dataset, Integer.MAX_VALUE);
            if (invocation.has("resume")) {
                LocalCheckpoint.requireResumable(checkpointDir, hyperparameters,
                        Math.min(maxTrainSamples, dataset.trainCount()));
            }
            return train(invocation, hyperparameters, dataset, store, maxTrainSamples, modelDir, checkpointDir, ctrlC);
        }
    }

    private ExitCode train(Invocation invocation, Hyperparameters hyperparameters, Dataset dataset, DatasetStore store,
            int maxTrainSamples, Path modelDir, Path checkpointDir, StopSignal ctrlC) throws IOException {
        Console console = invocation.console();
        DataOptions.orDataError(() -> store.ensure(false));
        ImageSet train = DataOptions.orDataError(store::loadTrain).head(maxTrainSamples);
        ImageSet test = DataOptions.orDataError(store::loadTest);

        EngineOptions.configureThreads(invocation);
        EngineInfo engine = EngineOptions.engine();
        Device device = EngineOptions.device(invocation, engine);
        console.say(String.format(Locale.ROOT, "training %s on %s (%s %s, %s natives), %d train / %d test images",
                MnistMlp.describe(hyperparameters.hiddenSize()), device, engine.engine(), engine.engineVersion(),
                engine.flavor(), train.count(), test.count()));

        // From here a Ctrl-C waits for the main thread, which says what it saved and how to continue.
        ctrlC.busy();
        TrainingResult result;
        try (MnistTrainer trainer = new MnistTrainer(hyperparameters, device)) {
            if (invocation.has("resume")) {
                LocalCheckpoint.resume(checkpointDir, trainer, console);
            } else {
                LocalCheckpoint.sayIfReplaced(checkpointDir, console);
            }
            long stepsAtStart = trainer.optimizerSteps();
            ctrlC.attach(trainer);
            try {
                result = trainer.fit(train, test, new ProgressReporter(console, System.console() != null),
                        Checkpoints.everyEpoch(checkpointDir));
            } catch (TrainingStoppedException e) {
                return LocalCheckpoint.interrupted(e, stepsAtStart, trainer, checkpointDir, invocation);
            } catch (CheckpointException e) {
                throw new TrainctlException(ExitCode.DATA, e.getMessage(), e);
            } catch (IOException e) {
                throw new TrainctlException(ExitCode.FAILURE, "cannot save the checkpoint in " + checkpointDir + " after"
                        + " epoch " + trainer.history().size() + " (" + e.getMessage() + "): free some space or fix"
                        + " the directory, then continue with '" + LocalCheckpoint.resumeCommand(invocation) + "'", e);
            } finally {
                ctrlC.detach();
            }
            try {
                ModelArtifacts.write(modelDir, trainer, result, ModelCard.of(hyperparameters, dataset,
                        device.toString(), engine, result.epochs().size(), Trainctl.version()));
            } catch (ForeignDirectoryException e) {
                throw TrainctlException.refused("--model-dir " + e.getMessage() + " (written there during training):"
                        + " trainctl replaces only its own files, so the model was not written; training finished"
                        + " and the checkpoint in " + checkpointDir + " holds all " + result.epochs().size()
                        + " epochs: move those files elsewhere, then '" + LocalCheckpoint.resumeCommand(invocation)
                        + "' writes the model from it", e);
            } catch (IOException e) {
                throw new TrainctlException(ExitCode.FAILURE, e.getMessage() + "; training finished and the checkpoint"
                        + " in " + checkpointDir + " holds all " + result.epochs().size() + " epochs: free some space"
                        + " or fix the directory, then '" + LocalCheckpoint.resumeCommand(invocation) + "' writes the"
                        + " model from it", e);
            }
        }
        var evaluation = result.finalEvaluation();
        String saved = String.format(Locale.ROOT, "test accuracy %.4f (%d/%d), test loss %.4f, %.1f s; model in %s",
                evaluation.accuracy(), evaluation.correct(), evaluation.count(), evaluation.loss(),
                result.trainingSeconds(), modelDir);
        if (ctrlC.requested()) {
            console.warn(LocalCheckpoint.interruptedAfterTraining(saved, modelDir));
            return ExitCode.INTERRUPTED;
        }

        var report = TrainingReport.writeOrWarn(modelDir, test, device, modelDir.toAbsolutePath().toString(),
                console::warn);

        console.say(saved);
        report.ifPresent(written -> console.say(String.format(Locale.ROOT, "report: %s (plots beside it, %.2f s)",
                written.html(), written.seconds())));
        if (ctrlC.requested()) {
            console.warn(report.isPresent()
                    ? "trainctl: interrupted after the run had finished: the model and its report are complete"
                    : LocalCheckpoint.interruptedDuringReport(modelDir));
            return ExitCode.INTERRUPTED;
        }
        console.result(new Result("local", device.toString(), modelDir.toString(), checkpointDir.toString(),
                dataset.id(), hyperparameters, result.epochs(), evaluation.accuracy(), evaluation.loss(),
                evaluation.correct(), evaluation.count(), result.trainingSeconds()));
        return ExitCode.OK;
    }

    static Hyperparameters hyperparameters(Invocation invocation) {
        return new Hyperparameters(
                invocation.intValue("epochs", Hyperparameters.DEFAULT_EPOCHS, 1, Hyperparameters.MAX_EPOCHS),
                invocation.intValue("batch-size", Hyperparameters.DEFAULT_BATCH_SIZE, 1, Hyperparameters.MAX_BATCH_SIZE),
                invocation.positiveValue("learning-rate", Hyperparameters.DEFAULT_LEARNING_RATE,
                        Hyperparameters.MAX_LEARNING_RATE),
                invocation.longValue("seed", Hyperparameters.DEFAULT_SEED, 0, Long.MAX_VALUE),
                invocation.intValue("hidden-size", Hyperparameters.DEFAULT_HIDDEN_SIZE, 1,
                        Hyperparameters.MAX_HIDDEN_SIZE));
    }
}
