package dev.trainctl.orchestrator.emulate;

import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.TrainctlException;
import dev.trainctl.orchestrator.jobs.DataUpload;
import dev.trainctl.orchestrator.jobs.S3Uri;
import dev.trainctl.training.artifacts.MetricsReport;
import dev.trainctl.training.artifacts.ModelArtifacts;
import dev.trainctl.training.files.Directories;
import dev.trainctl.training.files.Tarball;
import dev.trainctl.training.sagemaker.ContainerPaths;
import dev.trainctl.training.sagemaker.JobHyperparameters;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * {@code train --on emulated}: the SageMaker training path with no container and no SageMaker. The data goes to
 * the bucket as for a real job, {@code /opt/ml} is staged from S3 in a temporary directory, the entry point runs in
 * a child JVM, and {@code model.tar.gz} lands at the key SageMaker would use:
 * {@code s3://BUCKET/NAME/output/JOB/output/model.tar.gz}.
 */
public final class EmulatedTraining {

    /**
     * @param dataFiles the four IDX files to put under {@code s3://BUCKET/NAME/data/}
     * @param workDir where the job's {@code /opt/ml} is staged (a fresh directory per job below it)
     */
    public record Plan(String jobName, String bucket, Optional<String> bucketOwner, String name, List<Path> dataFiles,
            JobHyperparameters hyperparameters, Path workDir) {

        public S3Uri dataPrefix() {
            return new S3Uri(bucket, name + "/data/");
        }

        public S3Uri modelArtifact() {
            return new S3Uri(bucket, name + "/output/" + jobName + "/output/model.tar.gz");
        }
    }

    /** What the run produced. */
    public record Result(String jobName, String model, List<String> uploaded, List<String> unchanged,
            double testAccuracy, int testCorrect, int testCount, MetricsReport metrics) {}

    private final S3Client s3;
    private final EntryPointProcess process;
    private final Consumer<String> log;

    public EmulatedTraining(S3Client s3, EntryPointProcess process, Consumer<String> log) {
        this.s3 = s3;
        this.process = process;
        this.log = log;
    }

    /**
     * After Ctrl-C: the child has saved a checkpoint into the staged {@code /opt/ml}, but nothing could resume it
     * (each emulated job is a new job with a new staged directory), so the staged files, tens of MB of training
     * data among them, are removed instead of kept with a failure file that promises a restart.
     */
    private void removeAfterInterrupt(Path root, Plan plan) {
        try {
            Directories.deleteRecursively(root);
            deleteIfEmpty(plan.workDir());
            log.accept("interrupted: emulated training job " + plan.jobName() + " stopped and its staged files in "
                    + root + " were removed (an emulated job does not resume; run the command again)");
        } catch (IOException e) {
            log.accept("interrupted: emulated training job " + plan.jobName() + " stopped; could not remove " + root
                    + " (" + e.getMessage() + "): delete it yourself");
        }
    }

    private static void deleteIfEmpty(Path directory) throws IOException {
        try {
            Files.deleteIfExists(directory);
        } catch (DirectoryNotEmptyException otherJobs) {
            // other jobs' files, not ours to remove
        }
    }

    public Result run(Plan plan) throws IOException, InterruptedException {
        DataUpload.Outcome data = new DataUpload(s3, plan.bucketOwner(), log).sync(plan.dataFiles(),
                plan.dataPrefix());
        Path root = plan.workDir().resolve(plan.jobName());
        log.accept("staging /opt/ml for " + plan.jobName() + " in " + root);
        ContainerPaths paths = ContainerStaging.stage(root, plan.hyperparameters().toStrings(), s3, plan.dataPrefix(),
                plan.bucketOwner());
        log.accept("running the entry point: SM_ROOT=" + root + " java ... "
                + dev.trainctl.training.sagemaker.TrainingEntryPoint.class.getName() + " train");
        EntryPointProcess.Exit exit = process.run(paths, line -> log.accept("  | " + line),
                () -> removeAfterInterrupt(root, plan));
        if (exit.interrupted()) {
            throw new TrainctlException(ExitCode.INTERRUPTED, "emulated training job " + plan.jobName()
                    + " interrupted");
        }
        int code = exit.code();
        if (code != 0) {
            String reason = Files.exists(paths.failure()) ? Files.readString(paths.failure()).strip()
                    : "exit code " + code + " and no " + paths.failure();
            throw new TrainctlException(ExitCode.JOB_FAILED, "emulated training job " + plan.jobName() + " failed: "
                    + reason + " (staged files kept in " + root + ")");
        }
        Path archive = root.resolve("model.tar.gz");
        Tarball.pack(paths.model(), archive);
        S3Uri model = plan.modelArtifact();
        s3.putObject(PutObjectRequest.builder().bucket(model.bucket()).key(model.key())
                .expectedBucketOwner(plan.bucketOwner().orElse(null)).build(), archive);
        log.accept("uploaded " + model + " (" + Files.size(archive) + " bytes)");
        MetricsReport metrics = ModelArtifacts.readMetrics(paths.model());
        Directories.deleteRecursively(root);
        MetricsReport.FinalMetrics last = metrics.finalMetrics();
        return new Result(plan.jobName(), model.toString(), data.uploaded(), data.unchanged(), last.testAccuracy(),
                last.correct(), last.testCount(), metrics);
    }
}
