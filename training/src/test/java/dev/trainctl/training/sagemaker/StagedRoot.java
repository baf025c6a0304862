package dev.trainctl.training.sagemaker;

import dev.trainctl.training.data.Dataset;
import dev.trainctl.training.data.IdxBytes;
import dev.trainctl.training.data.ImageSet;
import dev.trainctl.training.train.SyntheticDigits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/** A temporary {@code /opt/ml} staged as SageMaker stages it, with small synthetic IDX files in the train channel. */
final class StagedRoot {

    static final Map<String, String> SMALL = Map.of("epochs", "1", "batch_size", "32", "hidden_size", "16",
            "seed", "3", "dataset", "custom");

    private StagedRoot() {}

    static ContainerPaths stage(Path root, Map<String, String> hyperparameters, int trainCount) throws IOException {
        ContainerPaths paths = new ContainerPaths(root);
        Files.createDirectories(paths.config());
        writeHyperparameters(paths, hyperparameters);
        Files.writeString(paths.resourceConfig(),
                "{\"current_host\":\"algo-1\",\"hosts\":[\"algo-1\"],\"network_interface_name\":\"eth0\"}");
        Files.writeString(paths.inputDataConfig(), "{\"train\":{\"TrainingInputMode\":\"File\","
                + "\"S3DistributionType\":\"FullyReplicated\",\"RecordWrapperType\":\"None\"}}");
        Path channel = Files.createDirectories(paths.channel("train"));
        ImageSet train = SyntheticDigits.generate(trainCount, 1);
        ImageSet test = SyntheticDigits.generate(200, 2);
        // One file of each pair compressed: the channel may hold either form.
        IdxBytes.writeImages(train, channel.resolve(Dataset.MNIST.files().trainImages().gzipName()), true);
        IdxBytes.writeLabels(train, channel.resolve(Dataset.MNIST.files().trainLabels().name()), false);
        IdxBytes.writeImages(test, channel.resolve(Dataset.MNIST.files().testImages().name()), false);
        IdxBytes.writeLabels(test, channel.resolve(Dataset.MNIST.files().testLabels().gzipName()), true);
        return paths;
    }

    static void writeHyperparameters(ContainerPaths paths, Map<String, String> values) throws IOException {
        Files.writeString(paths.hyperparameters(), values.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"")
                .collect(Collectors.joining(",", "{", "}")));
    }
}
