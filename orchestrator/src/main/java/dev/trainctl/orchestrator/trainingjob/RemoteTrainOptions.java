package dev.trainctl.orchestrator.trainingjob;

import dev.trainctl.orchestrator.aws.ModelConstraints;
import dev.trainctl.orchestrator.cli.Invocation;
import dev.trainctl.orchestrator.cli.OptionRules;
import dev.trainctl.orchestrator.cli.TrainctlException;
import dev.trainctl.orchestrator.data.DataOptions;
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

    /** The options the emulation honours as SageMaker does: who the job runs as, and its network. */
    public static final String[] REMOTE = {"role-arn", "allow-network"};

    /** The options only the emulation has: documents instead of the role's. */
    public static final String[] EMULATED_ONLY = {"role-policy-file", "trust-policy-file"};

    /** The rules both commands add for their remote modes: which options apply where, and which go together. */
    public static OptionRules sageMakerRules(OptionRules rules) {
        return rules.onlyIn(java.util.Set.of("sagemaker"), SAGEMAKER_ONLY)
                .onlyIn(java.util.Set.of("emulated", "sagemaker"), REMOTE)
                .onlyIn(java.util.Set.of("emulated"), EMULATED_ONLY)
                .repeatable("role-policy-file")
                .requires("max-wait", "spot")
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
                        .desc("sagemaker --spot: MaxWaitTimeInSeconds (default: 2 x max runtime)").get())
                .addOption(Option.builder().longOpt("image").hasArg().argName("URI")
                        .desc("sagemaker: training image (default: the provisioned repository, tagged VERSION-CONTENTHASH"
                                + " as 'trainctl image push' tags this build's image)").get())
                .addOption(Option.builder().longOpt("role-arn").hasArg().argName("ARN")
                        .desc("sagemaker/emulated: execution role (default: the provisioned NAME-execution)").get())
                .addOption(Option.builder().longOpt("allow-network")
                        .desc("sagemaker/emulated: give the container network access (EnableNetworkIsolation"
                                + " false), for an image that needs it; trainctl's caller policy refuses such jobs")
                        .get())
                .addOption(Option.builder().longOpt("detach")
                        .desc("sagemaker: submit and return at once with the job name").get())
                .addOption(Option.builder().longOpt("poll").hasArg().argName("SECONDS")
                        .desc("sagemaker: seconds between status checks (default: 10)").get());
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
