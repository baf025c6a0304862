package dev.trainctl.orchestrator.emulate;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import dev.trainctl.orchestrator.jobs.S3Uri;
import dev.trainctl.training.sagemaker.ContainerPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Lays out {@code /opt/ml} in a directory as SageMaker does before it starts a training container: the three
 * config files, the train channel downloaded from its S3 prefix (File mode), and empty model, output and checkpoint
 * directories.
 */
public final class ContainerStaging {

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    private ContainerStaging() {}

    /**
     * Stages under {@code root} and returns the paths; the channel's objects are listed with the SDK's paginator,
     * every call with {@code ExpectedBucketOwner} when the owner is known.
     */
    public static ContainerPaths stage(Path root, Map<String, String> hyperparameters, S3Client s3, S3Uri trainData,
            Optional<String> bucketOwner) throws IOException {
        ContainerPaths paths = new ContainerPaths(root);
        Files.createDirectories(paths.config());
        Files.writeString(paths.hyperparameters(), GSON.toJson(new TreeMap<>(hyperparameters)));
        Files.writeString(paths.resourceConfig(), GSON.toJson(Map.of("current_host", "algo-1",
                "hosts", List.of("algo-1"), "network_interface_name", "eth0")));
        Files.writeString(paths.inputDataConfig(), GSON.toJson(Map.of(ContainerPaths.TRAIN_CHANNEL, Map.of(
                "TrainingInputMode", "File", "S3DistributionType", "FullyReplicated", "RecordWrapperType", "None"))));
        Path channel = Files.createDirectories(paths.channel(ContainerPaths.TRAIN_CHANNEL));
        for (S3Object object : s3.listObjectsV2Paginator(ListObjectsV2Request.builder()
                .bucket(trainData.bucket()).prefix(trainData.key()).expectedBucketOwner(bucketOwner.orElse(null))
                .build()).contents()) {
            String relative = object.key().substring(trainData.key().length());
            if (relative.isEmpty() || relative.endsWith("/")) {
                continue;
            }
            Path target = channel.resolve(relative).normalize();
            if (!target.startsWith(channel)) {
                throw new IOException("object " + object.key() + " would be staged outside the channel");
            }
            Files.createDirectories(target.getParent());
            s3.getObject(GetObjectRequest.builder().bucket(trainData.bucket()).key(object.key())
                    .expectedBucketOwner(bucketOwner.orElse(null)).build(), target);
        }
        Files.createDirectories(paths.model());
        Files.createDirectories(paths.output());
        Files.createDirectories(paths.checkpoints());
        return paths;
    }
}
