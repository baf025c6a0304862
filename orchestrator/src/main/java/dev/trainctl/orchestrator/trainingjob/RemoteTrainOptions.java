package dev.trainctl.orchestrator.trainingjob;

import dev.trainctl.orchestrator.aws.ModelConstraints;
import dev.trainctl.orchestrator.cli.Invocation;
import dev.trainctl.orchestrator.cli.OptionRules;
import dev.trainctl.orchestrator.cli.TrainctlException;
import dev.trainctl.orchestrator.data.DataOptions;
import dev.trainctl.orchestrator.jobsecurity.JobSecurity;
import dev.trainctl.orchestrator.names.ResourceNames;
import dev.trainctl.orchestrator.roles.RoleArn;
import dev.trainctl.training.data.DataFile;
import dev.trainctl.training.data.Dataset;
import dev.trainctl.training.data.DatasetStore;
import dev.trainctl.training.sagemaker.JobHyperparameters;
import dev.trainctl.training.train.DeviceChoice;
import dev.trainctl.training.train.Hyperparameters;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** The options {@code train --on emulated|sagemaker} add to the train command, and what both modes share. */
public final class RemoteTrainOptions {

    private RemoteTrainOptions() {}

    /** The options only a SageMaker job (or tuning job) uses. */
    public static final String[] SAGEMAKER_ONLY = {"instance-type", "gpu", "max-runtime", "max-wait", "image",
        "detach", "poll", "dry-run"};

    /**
     * The options the emulation honours as SageMaker does: who the job runs as, its network, its VPC and its keys (the
     * emulation authorizes the requests they cause as the role).
     */
    public static final String[] REMOTE = {"role-arn", "allow-network", "subnets", "security-group-ids", "kms-key",
        "volume-kms-key"};

    /** The options only the emulation has: documents instead of the role's. */
    public static final String[] EMULATED_ONLY = {"role-policy-file", "trust-policy-file", "key-policy-file",
        "volume-key-policy-file"};

    /** The rules both commands add for their remote modes: which options apply where, and which go together. */
    public static OptionRules sageMakerRules(OptionRules rules) {
        return rules.onlyIn(java.util.Set.of("sagemaker"), SAGEMAKER_ONLY)
                .onlyIn(java.util.Set.of("emulated", "sagemaker"), REMOTE)
                .onlyIn(java.util.Set.of("emulated"), EMULATED_ONLY)
                .repeatable("role-policy-file")
                .requires("max-wait", "spot")
                .requires("key-policy-file", "kms-key")
                .requires("volume-key-policy-file", "volume-kms-key")
                .conflicts("gpu", "instance-type")
                .conflicts("poll", "detach");
    }

    public static Options addTo(Options options) {
        return options
                .addOption(Option.builder().longOpt("name").hasArg().argName("NAME")
                        .desc("emulated/sagemaker: the provisioned name: job name prefix and S3 prefix (default: "
                                + ResourceNames.DEFAULT_NAME + ")").get())
                .addOption(Option.builder().longOpt("bucket").hasArg().argName("BUCKET")
                        .desc("emulated/sagemaker: bucket (default: trainctl-ACCOUNT-REGION; trainctl-local on a"
                                + " local S3)").get())
                .addOption(Option.builder().longOpt("instance-type").hasArg().argName("TYPE")
                        .desc("sagemaker: training instance (default: " + InstanceTypes.DEFAULT + ")").get())
                .addOption(Option.builder().longOpt("gpu")
                        .desc("sagemaker: a GPU instance (" + InstanceTypes.DEFAULT_GPU + ")").get())
                .addOption(Option.builder().longOpt("max-runtime").hasArg().argName("SECONDS")
                        .desc("sagemaker: MaxRuntimeInSeconds (default: "
                                + TrainingJobSpec.DEFAULT_MAX_RUNTIME_SECONDS + ")").get())
                .addOption(Option.builder().longOpt("spot")
                        .desc("sagemaker (and train --on emulated): managed spot training, with checkpoints in S3")
                        .get())
                .addOption(Option.builder().longOpt("role-policy-file").hasArg().argName("FILE")
                        .desc("emulated: authorize the job against this permission policy instead of the role's"
                                + " (repeatable)").get())
                .addOption(Option.builder().longOpt("trust-policy-file").hasArg().argName("FILE")
                        .desc("emulated: assume the role through this trust policy instead of the role's").get())
                .addOption(Option.builder().longOpt("max-wait").hasArg().argName("SECONDS")
                        .desc("sagemaker --spot: MaxWaitTimeInSeconds, at most 2419200 (28 days; default: 2 x max"
                                + " runtime, at most 28 days)").get())
                .addOption(Option.builder().longOpt("image").hasArg().argName("URI")
                        .desc("sagemaker: training image (default: the provisioned repository, tagged VERSION-CONTENTHASH"
                                + " as 'trainctl image push' tags this build's image)").get())
                .addOption(Option.builder().longOpt("role-arn").hasArg().argName("ARN")
                        .desc("sagemaker/emulated: execution role (default: the provisioned NAME-execution)").get())
                .addOption(Option.builder().longOpt("allow-network")
                        .desc("sagemaker/emulated: give the container network access (EnableNetworkIsolation"
                                + " false), for an image that needs it; trainctl's caller policy refuses such jobs")
                        .get())
                .addOption(Option.builder().longOpt("subnets").hasArg().argName("ID,...")
                        .desc("sagemaker/emulated: run in these subnets of a private VPC (VpcConfig; with"
                                + " --security-group-ids)").get())
                .addOption(Option.builder().longOpt("security-group-ids").hasArg().argName("ID,...")
                        .desc("sagemaker/emulated: the security groups of the job's network interfaces (with"
                                + " --subnets)").get())
                .addOption(Option.builder().longOpt("kms-key").hasArg().argName("KEY_ARN")
                        .desc("sagemaker/emulated: encrypt the output with this KMS key (OutputDataConfig.KmsKeyId),"
                                + " and trainctl's uploads (SSE-KMS); the key of 'provision --kms-key'").get())
                .addOption(Option.builder().longOpt("volume-kms-key").hasArg().argName("KEY_ARN")
                        .desc("sagemaker/emulated: encrypt the job's storage volume with this KMS key"
                                + " (ResourceConfig.VolumeKmsKeyId; not on instance types with local NVMe storage)")
                        .get())
                .addOption(Option.builder().longOpt("key-policy-file").hasArg().argName("FILE")
                        .desc("emulated: the key policy of --kms-key (default: read with kms:GetKeyPolicy where"
                                + " there is KMS, else the key's default policy)").get())
                .addOption(Option.builder().longOpt("volume-key-policy-file").hasArg().argName("FILE")
                        .desc("emulated: the key policy of --volume-kms-key (default as for --key-policy-file)").get())
                .addOption(Option.builder().longOpt("detach")
                        .desc("sagemaker: submit and return at once with the job name").get())
                .addOption(Option.builder().longOpt("poll").hasArg().argName("SECONDS")
                        .desc("sagemaker: seconds between status checks (default: 10)").get());
    }

    /** The job's VPC and keys as given; a bad value is a usage error naming the option. */
    public static JobSecurity security(Invocation invocation) {
        JobSecurity security = TrainctlException.usageIfInvalid(() -> JobSecurity.of(invocation.value("subnets"),
                invocation.value("security-group-ids"), invocation.value("kms-key"),
                invocation.value("volume-kms-key")));
        // JobSecurity's forms are narrower than the API's; these are the API's own, compared with botocore's.
        security.vpc().ifPresent(vpc -> {
            vpc.subnets().forEach(id -> ModelConstraints.VPC_SUBNET.require("--subnets", id));
            vpc.securityGroupIds().forEach(id -> ModelConstraints.VPC_SECURITY_GROUP.require("--security-group-ids",
                    id));
        });
        security.outputKey().ifPresent(key -> ModelConstraints.OUTPUT_KMS_KEY.require("--kms-key", key.arn()));
        security.volumeKey().ifPresent(key -> ModelConstraints.VOLUME_KMS_KEY.require("--volume-kms-key",
                key.arn()));
        return security;
    }

    public static String name(Invocation invocation) {
        String name = invocation.value("name", ResourceNames.DEFAULT_NAME);
        ResourceNames.nameProblem(name).ifPresent(problem -> {
            throw TrainctlException.usage("--name '" + name + "': " + problem);
        });
        return name;
    }

    /** {@code --image}, if given, checked against what CreateTrainingJob takes. */
    public static java.util.Optional<String> image(Invocation invocation) {
        return invocation.value("image").map(image -> ModelConstraints.TRAINING_IMAGE.require("--image", image));
    }

    /** {@code --role-arn}, if given, checked against what CreateTrainingJob takes. */
    public static java.util.Optional<RoleArn> roleArn(Invocation invocation) {
        return invocation.value("role-arn").map(arn -> TrainctlException.usageIfInvalid(() -> RoleArn.forJob(arn)));
    }

    /** The container's hyperparameters from the train command's own options. */
    public static JobHyperparameters hyperparameters(Invocation invocation, Hyperparameters training) {
        Dataset dataset = DataOptions.dataset(invocation);
        int max = DataOptions.maxTrainSamples(invocation, dataset, 0);
        return new JobHyperparameters(training, dataset.id(), max,
                DeviceChoice.parse(invocation.value("device", "auto")));
    }

    /** The four verified local files to upload, fetched into the cache if missing. */
    public static List<Path> dataFiles(Invocation invocation) {
        Dataset dataset = DataOptions.dataset(invocation);
        DatasetStore store = DataOptions.store(invocation, dataset);
        DataOptions.orDataError(() -> store.ensure(false));
        List<Path> files = new ArrayList<>();
        for (DataFile file : store.files().all()) {
            files.add(store.locate(file));
        }
        return files;
    }
}
