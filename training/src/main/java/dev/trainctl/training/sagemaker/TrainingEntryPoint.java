package dev.trainctl.training.sagemaker;

import ai.djl.Device;
import dev.trainctl.training.artifacts.ModelArtifacts;
import dev.trainctl.training.artifacts.ModelCard;
import dev.trainctl.training.engine.EngineInfo;
import dev.trainctl.training.engine.EngineThreads;
import dev.trainctl.training.files.AtomicFiles;
import dev.trainctl.training.model.MnistMlp;
import dev.trainctl.training.report.TrainingReport;
import dev.trainctl.training.train.Checkpoints;
import dev.trainctl.training.train.EpochMetrics;
import dev.trainctl.training.train.Evaluation;
import dev.trainctl.training.train.Hyperparameters;
import dev.trainctl.training.train.MnistTrainer;
import dev.trainctl.training.train.TrainingListener;
import dev.trainctl.training.train.TrainingResult;
import dev.trainctl.training.train.TrainingStoppedException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The training container's entry point: SageMaker runs {@code IMAGE train}, and this reads the job's contract
 * files and channel under {@code /opt/ml} (or {@code $SM_ROOT}), trains, and writes the model layout to
 * {@code model/}. Metric lines go to stdout for {@code MetricDefinitions}; a failure writes its reason to
 * {@code output/failure} and exits 1; SIGTERM saves a checkpoint and exits 143.
 */
public final class TrainingEntryPoint {

    /** SageMaker keeps at most this many characters of {@code output/failure} as the job's FailureReason. */
    public static final int FAILURE_REASON_LIMIT = 1024;
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    /** 128 + SIGTERM, what a process killed by SIGTERM reports. */
    public static final int EXIT_STOPPED = 143;
    /** SageMaker waits 120 s after SIGTERM before it kills the container; stay well inside that. */
    private static final Duration GRACE = Duration.ofSeconds(60);
    /** SageMaker sets the job's name in every training container's environment. */
    public static final String JOB_NAME_VARIABLE = "TRAINING_JOB_NAME";

    private final ContainerPaths paths;
    private final PrintStream out;
    private final PrintStream err;
    private final StopSignal stop;
    private final Path checkpoints;

    public TrainingEntryPoint(ContainerPaths paths, PrintStream out, PrintStream err, StopSignal stop) {
        this(paths, out, err, stop, Optional.empty());
    }

    /**
     * @param jobName SageMaker's {@code TRAINING_JOB_NAME}: checkpoints go under {@code checkpoints/JOB/}. The trials
     *     of a tuning job share one CheckpointConfig S3 URI, so without it a restarted trial could restore another
     *     trial's checkpoint (and their uploads would overwrite each other).
     */
    public TrainingEntryPoint(ContainerPaths paths, PrintStream out, PrintStream err, StopSignal stop,
            Optional<String> jobName) {
        this.paths = paths;
        this.out = out;
        this.err = err;
        this.stop = stop;
        this.checkpoints = jobName.filter(name -> name.matches("[a-zA-Z0-9-]+"))
                .map(paths.checkpoints()::resolve).orElse(paths.checkpoints());
    }

    public static void main(String[] args) {
        StopSignal stop = StopSignal.onShutdown(GRACE);
        int code = new TrainingEntryPoint(ContainerPaths.fromEnvironment(System.getenv()), System.out, System.err,
                stop, Optional.ofNullable(System.getenv(JOB_NAME_VARIABLE))).run(args);
        System.out.flush();
        System.err.flush();
        if (!stop.finish()) {
            System.exit(code);
        }
        // Stopping: the JVM is already shutting down and exits 143 once the hook returns.
    }

    /** Runs the command SageMaker gives ({@code train}) and returns the process exit code. */
    public int run(String[] args) {
        try {
            if (args.length != 1 || !"train".equals(args[0])) {
                throw new IllegalArgumentException("usage: IMAGE train (SageMaker starts training containers with"
                        + " the single argument 'train'), got " + (args.length == 0 ? "no arguments"
                        : String.join(" ", args)));
            }
            return train();
        } catch (Exception | OutOfMemoryError e) {
            String reason = reason(e);
            err.println("trainctl: training failed: " + reason);
            if (!(e instanceof IOException) && !(e instanceof IllegalArgumentException)) {
                e.printStackTrace(err);
            }
            writeFailure(reason);
            return EXIT_FAILED;
        }
    }

    private int train() throws Exception {
        Map<String, String> values = ContractFiles.hyperparameters(paths.hyperparameters());
        JobHyperparameters job = JobHyperparameters.parse(values);
        ContractFiles.ResourceConfig resources = ContractFiles.resourceConfig(paths.resourceConfig());
        if (resources.hosts().size() != 1) {
            throw new IllegalArgumentException("this trainer runs on one instance, the job has "
                    + resources.hosts().size() + " (" + String.join(", ", resources.hosts())
                    + "): set InstanceCount to 1");
        }
        Map<String, ContractFiles.Channel> channels = ContractFiles.inputDataConfig(paths.inputDataConfig());
        ContractFiles.Channel channel = channels.get(ContainerPaths.TRAIN_CHANNEL);
        if (channel == null) {
            throw new IllegalArgumentException("the job has no '" + ContainerPaths.TRAIN_CHANNEL + "' channel (it has "
                    + (channels.isEmpty() ? "none" : String.join(", ", channels.keySet())) + ")");
        }
        if ("Pipe".equalsIgnoreCase(channel.inputMode())) {
            throw new IllegalArgumentException("channel 'train' uses Pipe input mode; this trainer reads files:"
                    + " use File or FastFile");
        }
        // All of the instance's CPUs, unless the command line asks for a number (the emulation passes one on).
        EngineThreads.configure(EngineThreads.requestedOr(Runtime.getRuntime().availableProcessors()));

        ChannelData data = ChannelData.load(paths.channel(ContainerPaths.TRAIN_CHANNEL), job);
        var train = job.maxTrainSamples() > 0 ? data.train().head(job.maxTrainSamples()) : data.train();
        EngineInfo engine = EngineInfo.current();
        Device device = job.device().resolve(engine.gpuCount(), engine.flavor());
        Hyperparameters hyperparameters = job.training();
        out.printf(Locale.ROOT, "trainctl entry point: root %s, host %s, device %s, dataset %s, %d training and"
                + " %d test images%n", paths.root(), resources.currentHost(), device, job.dataset(), train.count(),
                data.test().count());
        out.println("hyperparameters: " + job.toStrings());

        try (MnistTrainer trainer = new MnistTrainer(hyperparameters, device)) {
            if (Checkpoints.exists(checkpoints)) {
                int done = Checkpoints.restore(checkpoints, trainer);
                out.println("resuming from the checkpoint in " + checkpoints + " (" + done
                        + " epochs complete)");
            }
            stop.attach(trainer);
            TrainingResult result;
            try {
                result = trainer.fit(train, data.test(), metricLines(), Checkpoints.everyEpoch(checkpoints, paths.root()));
            } catch (TrainingStoppedException e) {
                Checkpoints.save(checkpoints, paths.root(), trainer);
                String reason = "stopped by SIGTERM in epoch " + e.epoch() + " after " + e.completedBatches()
                        + " batches; checkpoint saved in " + checkpoints + " (a restart resumes from it)";
                out.println(reason);
                writeFailure(reason);
                return EXIT_STOPPED;
            } finally {
                stop.detach();
            }
            ModelArtifacts.write(paths.model(), trainer, result, card(job, data, device, engine, result));
            // In the model directory, so SageMaker ships the report inside model.tar.gz.
            var report = TrainingReport.writeOrWarn(paths.model(), data.test(), device, paths.model()
                    + " in the training container (SageMaker uploads it as model.tar.gz)", err::println);
            Evaluation last = result.finalEvaluation();
            out.printf(Locale.ROOT, "final test_accuracy=%.6f test_loss=%.6f test_correct=%d test_count=%d%n",
                    last.accuracy(), last.loss(), last.correct(), last.count());
            out.println("model written to " + paths.model());
            report.ifPresent(written -> out.println("report written to " + written.html()));
            return EXIT_OK;
        }
    }

    private TrainingListener metricLines() {
        return new TrainingListener() {
            @Override
            public void epochFinished(EpochMetrics metrics) {
                out.println(metrics.toMetricLine());
                out.flush();
            }
        };
    }

    private static ModelCard card(JobHyperparameters job, ChannelData data, Device device, EngineInfo engine,
            TrainingResult result) {
        int hidden = job.training().hiddenSize();
        return new ModelCard(ModelCard.FORMAT, MnistMlp.describe(hidden), MnistMlp.INPUTS, hidden, MnistMlp.CLASSES,
                ModelCard.NORMALIZATION, String.format(Locale.ROOT, "%s-%04d.params", MnistMlp.NAME,
                        result.epochs().size()),
                job.training(), job.dataset(), data.sha256(), device.toString(), engine,
                System.getProperty("java.version"), version(), Instant.now().toString());
    }

    private static String version() {
        String version = TrainingEntryPoint.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    static String reason(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (!(e instanceof IOException) && !(e instanceof IllegalArgumentException)) {
            message = e.getClass().getSimpleName() + ": " + message;
        }
        return truncate(message);
    }

    static String truncate(String reason) {
        return reason.length() <= FAILURE_REASON_LIMIT ? reason : reason.substring(0, FAILURE_REASON_LIMIT - 3) + "...";
    }

    private void writeFailure(String reason) {
        try {
            Files.createDirectories(paths.output());
            AtomicFiles.writeString(paths.failure(), truncate(reason));
        } catch (IOException e) {
            err.println("trainctl: cannot write " + paths.failure() + ": " + e.getMessage());
        }
    }
}
