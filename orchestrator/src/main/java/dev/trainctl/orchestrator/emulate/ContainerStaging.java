package dev.trainctl.orchestrator.emulate;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import dev.trainctl.orchestrator.cli.TerminalText;
import dev.trainctl.orchestrator.names.S3Uri;
import dev.trainctl.training.files.AtomicFiles;
import dev.trainctl.training.sagemaker.ContainerPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Lays out {@code /opt/ml} in a directory as SageMaker does before it starts a training container: the three
 * config files, the train channel downloaded from its S3 prefix (File mode), and empty model, output and checkpoint
 * directories.
 */
public final class ContainerStaging {

    /** How SageMaker's failure reason names this stage. */
    static final String DATA_DOWNLOAD = "Data download failed";
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    private ContainerStaging() {}

    /**
     * Stages under {@code root} and returns the paths; the channel's objects are listed and read as the execution
     * role, as SageMaker does.
     */
    public static ContainerPaths stage(Path root, Map<String, String> hyperparameters, RoleSession role,
            S3Uri trainData) throws IOException {
        ContainerPaths paths = new ContainerPaths(root);
        Files.createDirectories(paths.config());
        AtomicFiles.writeString(paths.hyperparameters(), GSON.toJson(new TreeMap<>(hyperparameters)));
        AtomicFiles.writeString(paths.resourceConfig(), GSON.toJson(Map.of("current_host", "algo-1",
                "hosts", List.of("algo-1"), "network_interface_name", "eth0")));
        AtomicFiles.writeString(paths.inputDataConfig(), GSON.toJson(Map.of(ContainerPaths.TRAIN_CHANNEL, Map.of(
                "TrainingInputMode", "File", "S3DistributionType", "FullyReplicated", "RecordWrapperType", "None"))));
        Path channel = Files.createDirectories(paths.channel(ContainerPaths.TRAIN_CHANNEL));
        for (S3Object object : role.list(trainData, DATA_DOWNLOAD)) {
            String relative = object.key().substring(trainData.key().length());
            if (relative.isEmpty() || relative.endsWith("/")) {
                continue;
            }
            Path target = channel.resolve(relative).normalize();
            if (!target.startsWith(channel)) {
                throw new IOException("object " + TerminalText.escape(object.key()) + " would be staged outside the"
                        + " channel");
            }
            Files.createDirectories(target.getParent());
            role.download(new S3Uri(trainData.bucket(), object.key()), target, DATA_DOWNLOAD);
        }
        Files.createDirectories(paths.model());
        Files.createDirectories(paths.output());
        Files.createDirectories(paths.checkpoints());
        return paths;
    }
}
