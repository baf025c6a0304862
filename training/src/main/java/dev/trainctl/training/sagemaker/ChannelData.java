package dev.trainctl.training.sagemaker;

import dev.trainctl.training.data.DataFile;
import dev.trainctl.training.data.DataFileException;
import dev.trainctl.training.data.Dataset;
import dev.trainctl.training.data.DatasetStore;
import dev.trainctl.training.data.IdxReader;
import dev.trainctl.training.data.ImageSet;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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
        for (DataFile file : files) {
            hashes.put(file.name(), sha256(locate(channel, file)));
        }
        ImageSet train = ImageSet.of(IdxReader.read(locate(channel, files.get(0))),
                IdxReader.read(locate(channel, files.get(1))));
        ImageSet test = ImageSet.of(IdxReader.read(locate(channel, files.get(2))),
                IdxReader.read(locate(channel, files.get(3))));
        return new ChannelData(train, test, hashes);
    }

    private static void requirePresent(Path channel, List<DataFile> files) throws IOException {
        List<String> missing = files.stream().filter(file -> locate(channel, file) == null).map(DataFile::name)
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

    private static Path locate(Path channel, DataFile file) {
        for (String name : List.of(file.name(), file.gzipName())) {
            Path path = channel.resolve(name);
            if (Files.isRegularFile(path)) {
                return path;
            }
        }
        return null;
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        try (InputStream in = IdxReader.open(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
