package dev.trainctl.orchestrator.emulate;

import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.TerminalText;
import dev.trainctl.orchestrator.cli.TrainctlException;
import dev.trainctl.orchestrator.iam.ParsedPolicy;
import dev.trainctl.orchestrator.iam.PolicySet;
import dev.trainctl.orchestrator.names.ResourceNames;
import dev.trainctl.orchestrator.names.S3Uri;
import dev.trainctl.orchestrator.trainingjob.DataUpload;
import dev.trainctl.orchestrator.trainingjob.TrainingJobRequests;
import dev.trainctl.training.artifacts.MetricsReport;
import dev.trainctl.training.artifacts.ModelArtifacts;
import dev.trainctl.training.files.Directories;
import dev.trainctl.training.files.LimitedFiles;
import dev.trainctl.training.files.Tarball;
import dev.trainctl.training.sagemaker.ContainerPaths;
import dev.trainctl.training.sagemaker.JobHyperparameters;
import dev.trainctl.training.sagemaker.TrainingEntryPoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code train --on emulated}: the SageMaker training path with no container and no SageMaker. The data goes to
 * the bucket as for a real job (as the caller); then, as the execution role ({@link RoleSession}): SageMaker assumes
 * the role, stages {@code /opt/ml} from S3 in a temporary directory, runs the entry point in a child JVM, and puts
 * {@code model.tar.gz} at the key SageMaker would use: {@code s3://BUCKET/NAME/output/JOB/output/model.tar.gz}.
 * A spot job's checkpoints are synced to {@code s3://BUCKET/NAME/checkpoints/JOB/}, and a rehearsed spot
 * interruption restarts the container from them.
 */
public final class EmulatedTraining {

    /**
     * @param dataFiles the four IDX files to put under {@code s3://BUCKET/NAME/data/}
     * @param workDir where the job's {@code /opt/ml} is staged (a fresh directory per job below it)
     * @param spot managed spot training: checkpoints synced to S3
     * @param interruptAtEpoch with spot: reclaim the instance once, during this epoch (counting from 1)
     * @param networkIsolation EnableNetworkIsolation: the container gets no AWS credentials or variables
     */
    public record Plan(String jobName, String bucket, Optional<String> bucketOwner, String name, List<Path> dataFiles,
            JobHyperparameters hyperparameters, Path workDir, boolean spot, Optional<Integer> interruptAtEpoch,
            boolean networkIsolation) {

        public Plan {
            if (interruptAtEpoch.isPresent() && !spot) {
                throw new IllegalArgumentException("an interruption needs a spot job (--spot)");
            }
            interruptAtEpoch.ifPresent(epoch -> {
                if (epoch < 1 || epoch > hyperparameters.training().epochs()) {
                    throw new IllegalArgumentException("--interrupt-at-epoch must be between 1 and the number of"
                            + " epochs (" + hyperparameters.training().epochs() + "), got " + epoch);
                }
            });
        }

        /** An on-demand job with network isolation, no interruption. */
        public static Plan onDemand(String jobName, String bucket, Optional<String> bucketOwner, String name,
                List<Path> dataFiles, JobHyperparameters hyperparameters, Path workDir) {
            return new Plan(jobName, bucket, bucketOwner, name, dataFiles, hyperparameters, workDir, false,
                    Optional.empty(), true);
        }

        public S3Uri dataPrefix() {
            return new S3Uri(bucket, name + "/data/");
        }

        public S3Uri modelArtifact() {
            return new S3Uri(bucket, name + "/output/" + jobName + "/output/model.tar.gz");
        }

        /** Where {@code TrainingJobSpec.inLayout} puts a spot job's CheckpointConfig. */
        public S3Uri checkpoints() {
            return new S3Uri(bucket, name + "/checkpoints/" + jobName + "/");
        }
    }

    /**
     * Who the job runs as: the role's documents, the account and region its requests are in, and the documents
     * {@code provision} would create (where the fix for a denial is found).
     */
    public record Role(JobRoleDocuments documents, String partition, String account, String region,
            Optional<PolicySet> reference, JobKeys keys) {

        /** A role with these documents, in the names' account and region; fixes are looked up in provision's. */
        public static Role of(JobRoleDocuments documents, ResourceNames names) {
            return of(documents, names, JobKeys.none());
        }

        /** The same, for jobs with this VPC and these keys (and the keys' policies). */
        public static Role of(JobRoleDocuments documents, ResourceNames names, JobKeys keys) {
            return new Role(documents, names.partition(), names.account(), names.region(), Optional.of(PolicySet.of(
                    JobRoleDocuments.provisioned(names, keys.security()).permissions().toArray(ParsedPolicy[]::new))),
                    keys);
        }

        /** The serving role with these documents; fixes are looked up in the serving role {@code provision} makes. */
        public static Role serving(JobRoleDocuments documents, ResourceNames names) {
            return new Role(documents, names.partition(), names.account(), names.region(), Optional.of(PolicySet.of(
                    JobRoleDocuments.provisionedServing(names).permissions().toArray(ParsedPolicy[]::new))),
                    JobKeys.none());
        }

        /** SageMaker acting as this role for a model being deployed. */
        public RoleSession modelSession(S3Client s3, Optional<String> bucketOwner) {
            return new RoleSession(documents, RoleSession.Job.model(partition, account, region), reference, s3,
                    bucketOwner);
        }

        RoleSession session(String jobName, S3Client s3, Optional<String> bucketOwner) {
            return new RoleSession(documents, RoleSession.Job.training(partition, account, region, jobName), reference,
                    s3, bucketOwner, keys);
        }
    }

    /**
     * What the run produced.
     *
     * @param containerRuns how many times the container was started (2 after one spot interruption)
     * @param finalMetrics the last value of each MetricDefinitions metric, as DescribeTrainingJob's
     *     FinalMetricDataList
     * @param roleDocuments where the documents the job was authorized against came from
     */
    public record Result(String jobName, String model, List<String> uploaded, List<String> unchanged,
            double testAccuracy, int testCorrect, int testCount, MetricsReport metrics, int containerRuns,
            Map<String, Double> finalMetrics, String roleDocuments) {}

    /** How SageMaker's failure reason names the model's upload. */
    static final String MODEL_UPLOAD = "Uploading the model artifact failed";

    private final S3Client s3;
    private final Role role;
    private final EntryPointProcess process;
    private final Consumer<String> log;

    public EmulatedTraining(S3Client s3, Role role, EntryPointProcess process, Consumer<String> log) {
        this.s3 = s3;
        this.role = role;
        this.process = process;
        this.log = log;
    }

    /**
     * After Ctrl-C: the child has stopped; its staged {@code /opt/ml} is removed (an emulated job does not resume,
     * so nothing there is of use), and the empty work directory with it.
     */
    private void removeAfterInterrupt(Path root, Plan plan) {
        try {
            Directories.deleteRecursively(root);
            try {
                Files.deleteIfExists(plan.workDir());
            } catch (java.nio.file.DirectoryNotEmptyException otherJobs) {
                // other jobs' files, not ours to remove
            }
            log.accept("interrupted: emulated training job " + plan.jobName() + " stopped and its staged files in "
                    + root + " were removed (an emulated job does not resume; run the command again)");
        } catch (IOException e) {
            log.accept("interrupted: emulated training job " + plan.jobName() + " stopped; could not remove " + root
                    + " (" + e.getMessage() + "): delete it yourself");
        }
    }

    public Result run(Plan plan) throws IOException, InterruptedException {
        RoleSession session = role.session(plan.jobName(), s3, plan.bucketOwner());
        log.accept("execution role " + role.documents().roleArn() + ", documents: " + role.documents().source());
        session.assume();
        log.accept("SageMaker assumed the role (trust policy allows " + plan.jobName() + "); the job's S3 requests"
                + " are authorized as " + session.principal());
        // A local S3 has no KMS: there the key is only authorized, on AWS the objects are encrypted with it too.
        DataUpload.Outcome data = new DataUpload(s3, plan.bucketOwner(), log, plan.bucketOwner().isPresent()
                ? role.keys().security().outputKey() : Optional.empty()).sync(plan.dataFiles(), plan.dataPrefix());
        Path root = plan.workDir().resolve(plan.jobName());
        try {
            return train(plan, session, root, data);
        } catch (RoleSession.RoleDeniedException e) {
            Directories.deleteRecursively(root);
            log.accept("status: Failed (a request SageMaker makes as the role was denied)");
            throw new TrainctlException(ExitCode.JOB_FAILED, "emulated training job " + plan.jobName()
                    + " failed: " + e.getMessage(), e);
        }
    }

    private Result train(Plan plan, RoleSession session, Path root, DataUpload.Outcome data) throws IOException,
            InterruptedException {
        MetricScraper metrics = new MetricScraper(TrainingJobRequests.METRIC_DEFINITIONS);
        CheckpointSync checkpoints = new CheckpointSync(session, plan.checkpoints());
        Optional<Integer> interruption = plan.interruptAtEpoch();
        int runs = 0;
        ContainerPaths paths;
        while (true) {
            runs++;
            Directories.deleteRecursively(root);
            session.startInstance();
            role.keys().security().vpc().ifPresent(vpc -> log.accept("network interfaces in subnets "
                    + String.join(", ", vpc.subnets()) + " with security groups " + String.join(", ",
                    vpc.securityGroupIds()) + " authorized as the role (routes, VPC endpoints and security group rules"
                    + " are not emulated)"));
            role.keys().security().volumeKey().ifPresent(key -> log.accept("storage volume encrypted with " + key
                    + ": the grant is authorized as the role and by the key's policy"));
            log.accept("staging /opt/ml for " + plan.jobName() + " in " + root + (runs > 1 ? " (a new instance)"
                    : ""));
            paths = ContainerStaging.stage(root, plan.hyperparameters().toStrings(), session, plan.dataPrefix());
            if (runs > 1) {
                int restored = checkpoints.down(paths.checkpoints());
                log.accept("restored " + restored + " checkpoint files from " + plan.checkpoints() + " into "
                        + paths.checkpoints());
            }
            log.accept("running the entry point: SM_ROOT=" + root + " java ... " + TrainingEntryPoint.class.getName()
                    + " train" + (plan.networkIsolation() ? " (network isolation: no AWS credentials or AWS_*"
                    + " variables)" : ""));
            AtomicBoolean interrupted = new AtomicBoolean();
            Optional<Integer> reclaimAt = interruption;
            EntryPointProcess.Exit exit = process.run(paths, plan.jobName(), plan.networkIsolation(), (line, container) -> {
                log.accept("  | " + TerminalText.escape(line));
                metrics.accept(line);
                if (reclaimAt.isPresent() && !interrupted.get() && startsEpoch(line, reclaimAt.get())) {
                    interrupted.set(true);
                    log.accept("spot interruption: SIGTERM to the container during epoch " + reclaimAt.get()
                            + ", as SageMaker does when it reclaims a spot instance");
                    container.terminate();
                }
            }, () -> removeAfterInterrupt(root, plan));
            if (exit.interrupted()) {
                throw new TrainctlException(ExitCode.INTERRUPTED, "emulated training job " + plan.jobName()
                        + " interrupted");
            }
            int code = exit.code();
            if (plan.spot() && (code == TrainingEntryPoint.EXIT_OK || code == TrainingEntryPoint.EXIT_STOPPED)) {
                int synced = checkpoints.up(paths.checkpoints());
                log.accept("synced " + synced + " checkpoint files to " + plan.checkpoints() + " as the role");
            }
            if (interrupted.get() && code == TrainingEntryPoint.EXIT_STOPPED) {
                interruption = Optional.empty();
                log.accept("restarting the job on a new instance from its checkpoints");
                continue;
            }
            if (interrupted.get()) {
                log.accept("warning: the container ended (exit " + code + ") before the SIGTERM took effect; no"
                        + " restart was rehearsed");
            }
            if (code != 0) {
                String reason = Files.exists(paths.failure())
                        ? LimitedFiles.readString(paths.failure(), 64 << 10, "a failure reason").strip()
                        : "exit code " + code + " and no " + paths.failure();
                throw new TrainctlException(ExitCode.JOB_FAILED, "emulated training job " + plan.jobName()
                        + " failed: " + reason + " (staged files kept in " + root + ")");
            }
            break;
        }
        Path archive = root.resolve("model.tar.gz");
        Tarball.pack(paths.model(), archive);
        S3Uri model = plan.modelArtifact();
        session.encryptOutput(MODEL_UPLOAD);
        session.upload(Map.of(model, archive), List.of(), MODEL_UPLOAD);
        log.accept("uploaded " + model + " (" + Files.size(archive) + " bytes) as the role");
        MetricsReport report = ModelArtifacts.readMetrics(paths.model());
        Directories.deleteRecursively(root);
        log.accept("container runs: " + runs + (runs > 1 ? " (" + (runs - 1) + " spot interruption)" : ""));
        Map<String, Double> finals = metrics.finalValues();
        log.accept("final metrics (as DescribeTrainingJob's FinalMetricDataList): " + String.join(", ",
                finals.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
        List<String> unmatched = new ArrayList<>(metrics.neverMatched());
        unmatched.forEach(d -> log.accept("warning: metric definition " + d + " matched no line of the"
                + " container's output; SageMaker would report no value for it"));
        MetricsReport.FinalMetrics last = report.finalMetrics();
        return new Result(plan.jobName(), model.toString(), data.uploaded(), data.unchanged(), last.testAccuracy(),
                last.correct(), last.testCount(), report, runs, finals, role.documents().source());
    }

    /**
     * Whether the line shows that epoch {@code epoch} has begun: epoch N-1's metric line (the trainer goes straight
     * on to epoch N after checkpointing), or for epoch 1 the entry point's hyperparameters line, printed just before
     * training starts. The trainer stops at the next batch boundary, so the checkpoint lands inside epoch N.
     */
    static boolean startsEpoch(String line, int epoch) {
        return epoch == 1 ? line.startsWith("hyperparameters: ") : line.startsWith("epoch=" + (epoch - 1) + " ");
    }
}
