package dev.trainctl.training.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainctl.training.train.SyntheticDigits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetStoreTest {

    private static final ImageSet TRAIN = SyntheticDigits.generate(50, 1);
    private static final ImageSet TEST = SyntheticDigits.generate(20, 2);
    private static final DataFiles FILES = IdxBytes.describe("synthetic", TRAIN, TEST);

    @TempDir
    Path root;

    private final List<String> log = new ArrayList<>();

    @Test
    void fetchesMissingFilesAndLoadsThem() throws Exception {
        RecordingSource source = new RecordingSource(gzipped(root.resolve("origin")));
        DatasetStore store = new DatasetStore(FILES, root.resolve("cache"), List.of(source), log::add);

        assertThat(store.ensure(false)).hasSize(4);

        assertThat(source.requests).hasSize(1);
        assertThat(store.loadTrain().pixels()).isEqualTo(TRAIN.pixels());
        assertThat(store.loadTest().labels()).isEqualTo(TEST.labels());
        assertThat(root.resolve("cache").resolve("train-images-idx3-ubyte")).isRegularFile();
    }

    @Test
    void linksPlantedWhereTheFilesGoAreNeverWrittenThrough() throws Exception {
        Path cache = Files.createDirectories(root.resolve("cache"));
        Path victim = Files.createDirectories(root.resolve("victim"));
        List<Path> precious = new ArrayList<>();
        for (DataFile file : FILES.all()) {
            Path secret = Files.writeString(victim.resolve(file.name()), "precious");
            precious.add(secret);
            Files.createSymbolicLink(cache.resolve(file.name()), secret);
            Files.createSymbolicLink(cache.resolve(file.name() + ".part"), secret);
        }
        DatasetStore store = new DatasetStore(FILES, cache, List.of(new RecordingSource(gzipped(root.resolve(
                "origin")))), log::add);

        store.ensure(true);

        assertThat(precious).allSatisfy(secret -> assertThat(secret).hasContent("precious"));
        assertThat(store.loadTrain().pixels()).isEqualTo(TRAIN.pixels());
        for (DataFile file : FILES.all()) {
            assertThat(Files.isSymbolicLink(cache.resolve(file.name()))).isFalse();
        }
    }

    @Test
    void verifiedFilesAreNeverFetchedAgain() throws Exception {
        RecordingSource source = new RecordingSource(gzipped(root.resolve("origin")));
        DatasetStore store = new DatasetStore(FILES, root.resolve("cache"), List.of(source), log::add);
        store.ensure(false);

        assertThat(store.ensure(false)).isEmpty();
        assertThat(source.requests).hasSize(1);
    }

    @Test
    void triesSourcesInOrderUntilOneDelivers() throws Exception {
        DataSource broken = new DataSource() {
            @Override
            public String describe() {
                return "https://mirror.invalid/";
            }

            @Override
            public void fetch(List<DataFile> files, Path staging) throws IOException {
                throw new IOException("GET https://mirror.invalid/ failed: UnresolvedAddressException");
            }
        };
        RecordingSource good = new RecordingSource(gzipped(root.resolve("origin")));
        DatasetStore store = new DatasetStore(FILES, root.resolve("cache"), List.of(broken, good), log::add);

        store.ensure(false);

        assertThat(good.requests).hasSize(1);
        assertThat(log).containsSubsequence("fetching train-images-idx3-ubyte, train-labels-idx1-ubyte,"
                        + " t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte from https://mirror.invalid/",
                "  not available (GET https://mirror.invalid/ failed: UnresolvedAddressException); trying the next"
                        + " source");
        assertThat(log).anyMatch(line -> line.startsWith("fallback: fetching ") && line.endsWith(good.describe()));
        assertThat(log).noneMatch(line -> line.contains("  failed: "));
    }

    @Test
    void aSourceDeliveringWrongContentIsNeverTrusted() throws Exception {
        Path origin = root.resolve("origin");
        IdxBytes.writeAll(origin, FILES, TRAIN, TEST);
        Files.write(origin.resolve("t10k-labels-idx1-ubyte"), IdxBytes.labels(TRAIN)); // a different file
        DatasetStore store = new DatasetStore(FILES, root.resolve("cache"),
                List.of(new DirectorySource(origin)), log::add);

        assertThatThrownBy(() -> store.ensure(false))
                .isInstanceOf(DataFileException.class)
                .hasMessageContaining("could not fetch t10k-labels-idx1-ubyte for synthetic")
                .hasMessageContaining("expected " + FILES.testLabels().size() + " bytes");
        assertThat(root.resolve("cache").resolve("t10k-labels-idx1-ubyte")).doesNotExist();
        assertThat(root.resolve("cache").resolve("train-images-idx3-ubyte")).isRegularFile();
    }

    @Test
    void corruptFileFailsWithACleanMessageThenIsFetchedOnTheNextRun() throws Exception {
        RecordingSource source = new RecordingSource(gzipped(root.resolve("origin")));
        Path cache = root.resolve("cache");
        DatasetStore store = new DatasetStore(FILES, cache, List.of(source), log::add);
        store.ensure(false);
        byte[] bytes = Files.readAllBytes(cache.resolve("train-images-idx3-ubyte"));
        bytes[100] ^= 0x01;
        Files.write(cache.resolve("train-images-idx3-ubyte"), bytes);

        assertThatThrownBy(() -> store.ensure(false))
                .isInstanceOf(DataFileException.class)
                .hasMessageContaining("train-images-idx3-ubyte: SHA-256 mismatch")
                .hasMessageContaining("moved aside to")
                .hasMessageContaining("The next run fetches a fresh copy");
        assertThat(cache.resolve("train-images-idx3-ubyte.corrupt")).isRegularFile();

        assertThat(store.ensure(false)).containsExactly(FILES.trainImages());
        assertThat(store.loadTrain().pixels()).isEqualTo(TRAIN.pixels());
    }

    @Test
    void truncatedFileIsReportedWithExpectedAndFoundSizes() throws Exception {
        Path cache = root.resolve("cache");
        IdxBytes.writeAll(cache, FILES, TRAIN, TEST);
        byte[] bytes = Files.readAllBytes(cache.resolve("train-labels-idx1-ubyte"));
        Files.write(cache.resolve("train-labels-idx1-ubyte"), java.util.Arrays.copyOf(bytes, 20));
        DatasetStore store = new DatasetStore(FILES, cache, List.of(), log::add);

        assertThat(store.inspect()).filteredOn(state -> !state.verified()).singleElement()
                .satisfies(state -> assertThat(state.problem()).startsWith(
                        "train-labels-idx1-ubyte: expected " + FILES.trainLabels().size() + " bytes, found 20"));
    }

    @Test
    void nothingToFetchFromSaysWhereToPutTheFiles() {
        DatasetStore store = new DatasetStore(FILES, root.resolve("cache"), List.of(), log::add);

        assertThatThrownBy(() -> store.ensure(false))
                .isInstanceOf(DataFileException.class)
                .hasMessageContaining("(no source is available)")
                .hasMessageContaining("put the files (raw or .gz) into " + root.resolve("cache"));
    }

    /** A directory of .gz files standing in for a mirror; counts what it was asked for. */
    private static final class RecordingSource implements DataSource {
        private final DirectorySource directory;
        final List<List<DataFile>> requests = new ArrayList<>();

        RecordingSource(Path origin) {
            this.directory = new DirectorySource(origin);
        }

        @Override
        public String describe() {
            return "recording";
        }

        @Override
        public void fetch(List<DataFile> files, Path staging) throws IOException {
            requests.add(List.copyOf(files));
            directory.fetch(files, staging);
        }
    }

    private static Path gzipped(Path origin) throws IOException {
        Files.createDirectories(origin);
        Files.write(origin.resolve("train-images-idx3-ubyte.gz"), IdxBytes.gzip(IdxBytes.images(TRAIN)));
        Files.write(origin.resolve("train-labels-idx1-ubyte.gz"), IdxBytes.gzip(IdxBytes.labels(TRAIN)));
        Files.write(origin.resolve("t10k-images-idx3-ubyte.gz"), IdxBytes.gzip(IdxBytes.images(TEST)));
        Files.write(origin.resolve("t10k-labels-idx1-ubyte.gz"), IdxBytes.gzip(IdxBytes.labels(TEST)));
        return origin;
    }
}
