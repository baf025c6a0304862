package dev.trainctl.orchestrator.image;

import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import dev.trainctl.orchestrator.Trainctl;
import dev.trainctl.orchestrator.aws.AwsClients;
import dev.trainctl.orchestrator.aws.AwsErrors;
import dev.trainctl.orchestrator.aws.CallerIdentity;
import dev.trainctl.orchestrator.cli.Command;
import dev.trainctl.orchestrator.cli.Console;
import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.GlobalOptions;
import dev.trainctl.orchestrator.cli.Invocation;
import dev.trainctl.orchestrator.cli.OptionRules;
import dev.trainctl.orchestrator.cli.TrainctlException;
import dev.trainctl.orchestrator.trainingjob.RemoteTrainOptions;
import dev.trainctl.orchestrator.names.ResourceNames;
import dev.trainctl.training.files.Directories;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.spi.ToolProvider;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;
import software.amazon.awssdk.services.ecr.model.DescribeImagesRequest;
import software.amazon.awssdk.services.ecr.model.GetAuthorizationTokenRequest;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;

/**
 * {@code trainctl image push}: builds the training image with jib-core and pushes it to the provisioned ECR
 * repository (token from {@code ecr:GetAuthorizationToken}), or to any registry with {@code --to}, or into a tar
 * with {@code --tar}. The tag is {@code VERSION-CONTENTHASH}; a tag already in ECR is not pushed again. With
 * {@code --gpu} it builds the GPU image instead, tagged {@code VERSION-CONTENTHASH-gpu}.
 */
public final class ImagePushCommand implements Command {

    /**
     * Jib's layer caches, per user: its default is one folder in /tmp for everyone, which the first user owns and
     * every other user then cannot write.
     */
    static final Path LAYER_CACHE = dev.trainctl.training.files.CacheDirectory.of("image-layers");

    private final BiFunction<GlobalOptions, Console, AwsClients> clients;

    public ImagePushCommand() {
        this(AwsClients::create);
    }

    /** With another way to get clients (tests pass {@code AwsClients.using(fake)}). */
    public ImagePushCommand(BiFunction<GlobalOptions, Console, AwsClients> clients) {
        this.clients = clients;
    }

    public List<String> path() {
        return List.of("image", "push");
    }

    public String summary() {
        return "build the training image (jib, no Docker) and push it to the ECR repository";
    }

    @Override
    public OptionRules rules() {
        return OptionRules.none().conflicts("tar", "to");
    }

    public Options options() {
        return new Options()
                .addOption(Option.builder().longOpt("name").hasArg().argName("NAME")
                        .desc("the provisioned name; the repository is NAME (default: " + ResourceNames.DEFAULT_NAME
                                + ")").get())
                .addOption(Option.builder().longOpt("base").hasArg().argName("IMAGE")
                        .desc("base image: a registry reference or a docker-save .tar (default: a JRE, "
                                + TrainingImage.DEFAULT_BASE + "; with --gpu a CUDA PyTorch "
                                + TrainingImage.GPU_DEFAULT_BASE + ")").get())
                .addOption(Option.builder().longOpt("gpu")
                        .desc("build the GPU image: CUDA libtorch from the base, a jlinked Java runtime, DJL's CUDA JNI"
                                + " (run on Linux x86-64 with a JDK)").get())
                .addOption(Option.builder().longOpt("libtorch").hasArg().argName("DIR")
                        .desc("with --gpu: the folder in the base that holds libtorch.so (default: "
                                + TrainingImage.GPU_DEFAULT_LIBTORCH + ")").get())
                .addOption(Option.builder().longOpt("to").hasArg().argName("REF")
                        .desc("push to this image reference instead of ECR (e.g. a local registry)").get())
                .addOption(Option.builder().longOpt("tar").hasArg().argName("FILE")
                        .desc("write a docker-load tar instead of pushing").get())
                .addOption(Option.builder().longOpt("insecure")
                        .desc("allow plain-HTTP registries (a local registry for --base or --to)").get());
    }

    public ExitCode run(Invocation invocation) throws Exception {
        Console console = invocation.console();
        boolean gpu = invocation.has("gpu");
        invocation.value("tar").map(Path::of).ifPresent(TarDestination::requireReplaceable);
        if (!gpu && invocation.has("libtorch")) {
            throw TrainctlException.usage("--libtorch names the base's libtorch for the GPU image: add --gpu");
        }
        String base = invocation.value("base", gpu ? TrainingImage.GPU_DEFAULT_BASE : TrainingImage.DEFAULT_BASE);
        String libtorch = TrainingImage.Gpu.requireAbsolute(invocation.value("libtorch",
                TrainingImage.GPU_DEFAULT_LIBTORCH));
        // Before anything slow: the GPU image's Java runtime can only be linked on a Linux x86-64 JDK.
        ToolProvider jlink = gpu ? JavaRuntime.jlink() : null;
        ImageContents contents = ImageContents.discover(Trainctl.version());
        String tag = gpu ? contents.gpuTag() : contents.tag();
        int jars = (gpu ? TrainingImage.gpuDependencies(contents) : contents.dependencies()).size();
        console.say("image content: " + jars + " dependency jars + the trainer ("
                + contents.training().getFileName() + "), tag " + tag + ", base " + base
                + (gpu ? ", libtorch " + libtorch : ""));
        Path work = Files.createTempDirectory("trainctl-image-");
        try {
            Build build = () -> gpu ? TrainingImage.gpuBuilder(base, contents, new TrainingImage.Gpu(
                    JavaRuntime.link(jlink, work.resolve("java")), CudaJni.from(contents, work.resolve("jni")),
                    libtorch)) : TrainingImage.builder(base, contents);
            return push(invocation, build, tag, gpu);
        } finally {
            Directories.deleteRecursively(work);
        }
    }

    /** Makes the builder only when an image is really built: linking the GPU image's runtime takes a while. */
    private interface Build {
        JibContainerBuilder builder() throws IOException;
    }

    private ExitCode push(Invocation invocation, Build build, String tag, boolean gpu) throws Exception {
        Console console = invocation.console();
        Map<String, String> result = new LinkedHashMap<>();
        Optional<String> tar = invocation.value("tar");
        if (tar.isPresent()) {
            JibContainer built = TrainingImage.toTar(build.builder(), Path.of(tar.get()), TrainingImage.REPOSITORY + ":" + tag,
                    LAYER_CACHE);
            say(console, result, "wrote " + tar.get(), TrainingImage.REPOSITORY + ":" + tag, built);
            return ExitCode.OK;
        }
        Optional<String> to = invocation.value("to");
        if (to.isPresent()) {
            if (invocation.global().dryRun()) {
                console.say("--dry-run: would push " + to.get());
                return ExitCode.OK;
            }
            JibContainer pushed = TrainingImage.push(build.builder(), to.get(), null, null, invocation.has("insecure"),
                    LAYER_CACHE);
            say(console, result, "pushed", to.get(), pushed);
            return ExitCode.OK;
        }
        try (AwsClients aws = clients.apply(invocation.global(), console)) {
            CallerIdentity caller = CallerIdentity.lookup(aws.sts());
            ResourceNames names = ResourceNames.of(caller.partition(), caller.account(), aws.region().id(),
                    RemoteTrainOptions.name(invocation));
            String target = names.repositoryUri() + ":" + tag;
            Optional<ImageDetail> present = existing(aws.ecr(), names.repository(), tag);
            if (present.isPresent()) {
                console.say("already in ECR: " + names.repositoryUri() + "@" + present.get().imageDigest()
                        + " (tag " + tag + "); nothing to push");
                result.put("image", target);
                result.put("digest", present.get().imageDigest());
                console.result(result);
                return ExitCode.OK;
            }
            if (invocation.global().dryRun()) {
                console.say("--dry-run: would push " + target + " (after ecr:GetAuthorizationToken)");
                return ExitCode.OK;
            }
            AuthorizationData token = AwsErrors.call(GetAuthorizationTokenRequest.builder().build(), "ECR",
                    aws.ecr()::getAuthorizationToken).authorizationData().get(0);
            String[] userAndPassword = new String(Base64.getDecoder().decode(token.authorizationToken()),
                    StandardCharsets.UTF_8).split(":", 2);
            JibContainer pushed = TrainingImage.push(build.builder(), target, userAndPassword[0], userAndPassword[1],
                    false, LAYER_CACHE);
            say(console, result, "pushed", target, pushed);
            console.say(gpu ? "train with it: trainctl train --on sagemaker --instance-type ml.g4dn.xlarge (this tag is"
                    + " the default image on GPU instances; its libtorch needs a Turing or newer GPU, so not ml.p3)"
                    : "train with it: trainctl train --on sagemaker (this tag is the default image)");
            return ExitCode.OK;
        }
    }

    private static Optional<ImageDetail> existing(EcrClient ecr, String repository, String tag) {
        try {
            return ecr.describeImages(DescribeImagesRequest.builder().repositoryName(repository)
                    .imageIds(ImageIdentifier.builder().imageTag(tag).build()).build()).imageDetails().stream()
                    .findFirst();
        } catch (ImageNotFoundException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "ecr:DescribeImages", repository);
        }
    }

    private static void say(Console console, Map<String, String> result, String what, String image,
            JibContainer container) {
        console.say(what + " " + image + " digest " + container.getDigest() + " (image id " + container.getImageId()
                + ")");
        result.put("image", image);
        result.put("digest", container.getDigest().toString());
        console.result(result);
    }
}
