package dev.trainctl.training.sagemaker;

import dev.trainctl.training.data.DataFile;
import dev.trainctl.training.data.DataFileException;
import dev.trainctl.training.data.Dataset;
import dev.trainctl.training.data.DatasetStore;
import dev.trainctl.training.data.IdxArray;
import dev.trainctl.training.data.IdxReader;
import dev.trainctl.training.data.ImageSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The training and test images from a channel directory holding the four IDX files (raw or {@code .gz}), under
 * their MNIST names. A pinned data set is verified against its SHA-256 hashes; a custom one is checked for format
 * only and its hashes are recorded.
 *
 * @param sha256 file name to SHA-256 of the uncompressed content, for model.json
 */
public record ChannelData(ImageSet train, ImageSet test, Map<String, String> sha256) {

    public static ChannelData load(Path channel, JobHyperparameters hyperparameters) throws IOException {
        Dataset pinned = hyperparameters.pinnedDataset();
        List<DataFile> files = (pinned == null ? Dataset.MNIST : pinned).files().all();
        requirePresent(channel, files);
        if (pinned != null) {
            DatasetStore store = new DatasetStore(pinned.files(), channel, List.of(), message -> {});
            Map<String, String> hashes = new LinkedHashMap<>();
            files.forEach(file -> hashes.put(file.name(), file.sha256()));
            return new ChannelData(store.loadTrain(), store.loadTest(), hashes);
        }
        Map<String, String> hashes = new LinkedHashMap<>();
        List<IdxArray> arrays = new ArrayList<>();
        for (DataFile file : files) {
            Path path = DatasetStore.locate(channel, file);
            byte[] content = IdxReader.readUncompressed(path);
            hashes.put(file.name(), DatasetStore.sha256(content));
            arrays.add(IdxReader.read(path.getFileName().toString(), content));
        }
        return new ChannelData(ImageSet.of(arrays.get(0), arrays.get(1)), ImageSet.of(arrays.get(2), arrays.get(3)),
                hashes);
    }

    private static void requirePresent(Path channel, List<DataFile> files) throws IOException {
        List<String> missing = files.stream().filter(file -> DatasetStore.locate(channel, file) == null).map(DataFile::name)
                .toList();
        if (missing.isEmpty()) {
            return;
        }
        String holds;
        if (!Files.isDirectory(channel)) {
            holds = "the directory does not exist";
        } else {
            try (Stream<Path> list = Files.list(channel)) {
                List<String> names = list.map(path -> path.getFileName().toString()).sorted().toList();
                holds = names.isEmpty() ? "it is empty" : "it holds " + String.join(", ", names);
            }
        }
        throw new DataFileException("channel '" + ContainerPaths.TRAIN_CHANNEL + "' (" + channel + ") lacks "
                + String.join(", ", missing) + " (raw or .gz); " + holds
                + ". Put the four IDX files under the channel's S3 prefix.");
    }
}
