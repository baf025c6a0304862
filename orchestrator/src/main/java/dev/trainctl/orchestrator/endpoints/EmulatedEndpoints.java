package dev.trainctl.orchestrator.endpoints;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.TrainctlException;
import dev.trainctl.orchestrator.names.JobNames;
import dev.trainctl.training.files.AtomicFiles;
import dev.trainctl.training.files.CacheDirectory;
import dev.trainctl.training.files.Directories;
import dev.trainctl.training.files.LimitedFiles;
import java.io.IOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The emulated endpoints running for this user: one file per endpoint, {@code NAME.json}, holding its address and
 * the secret every request must carry, so {@code predict/evaluate --on emulated --endpoint NAME} and {@code undeploy
 * --on emulated NAME} find it. The folder is the user's alone (mode 700, owned by the user) and each file mode 600,
 * written through {@link AtomicFiles} (a new file beside it, renamed); a folder or file that another user owns or could read is refused,
 * never used, since it would hand that user the secret or let them point trainctl at their own server.
 */
public final class EmulatedEndpoints {

    /**
     * One running emulated endpoint. {@code token}: the secret its server requires in every request; {@code pid} and
     * {@code started}: the deploy process and when it registered (an ISO-8601 instant), which tell it from a later
     * process given the same pid; {@code work}: its staged files (null in entries of older trainctl versions).
     */
    public record Entry(String name, String url, String token, String model, String roleArn, long pid,
            String started, String work) {

        public Entry {
            JobNames.validate(name);
            URI uri = URI.create(url);
            if (!"http".equals(uri.getScheme()) || !"127.0.0.1".equals(uri.getHost())) {
                throw new IllegalArgumentException("an emulated endpoint listens on http://127.0.0.1, got " + url);
            }
            Instant.parse(started);
        }
    }

    /**
     * What is registered under a name: the live endpoint, if any, and the stale entry removed on the way (its
     * process is gone, or the pid now belongs to a later process), if there was one.
     */
    public record Lookup(Optional<Entry> running, Optional<Entry> removedStale) {

        /** The sentence for a stale entry that was just removed. */
        public String staleRemoved() {
            Entry stale = removedStale.orElseThrow();
            return "emulated endpoint " + stale.name() + " is not running; its stale registration was removed (its"
                    + " deploy, process " + stale.pid() + " since " + stale.started() + ", ended without cleaning up)";
        }
    }

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting()
            .setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES).create();
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

    /** The name a deploy's staged files start with, in the temporary folder. */
    public static final String WORK_PREFIX = "trainctl-endpoint";

    private final Path directory;

    public EmulatedEndpoints(Path directory) {
        this.directory = directory;
    }

    /**
     * The user's registry: {@code $XDG_RUNTIME_DIR/trainctl/endpoints} (the login session's own folder, emptied at
     * logout), else {@code ~/.cache/trainctl/endpoints}.
     */
    public static EmulatedEndpoints forUser(Map<String, String> environment) {
        String runtime = environment.get("XDG_RUNTIME_DIR");
        Path directory = runtime != null && !runtime.isBlank() && Files.isDirectory(Path.of(runtime))
                ? Path.of(runtime, "trainctl", "endpoints") : CacheDirectory.of("endpoints");
        return new EmulatedEndpoints(directory);
    }

    public Path directory() {
        return directory;
    }

    /**
     * Registers a running endpoint, replacing a stale entry of the same name (its process has ended). The entry is
     * written beside its file and hard-linked into place, which fails when the name is taken, so of two deployments
     * of one name started at once exactly one registers.
     *
     * @throws TrainctlException (exit code 2) when a live endpoint of that name is registered
     */
    public void register(Entry entry) throws IOException {
        ownDirectory(true);
        Path file = file(entry.name());
        Path staged = directory.resolve("." + entry.name() + "." + ProcessHandle.current().pid() + ".new");
        AtomicFiles.writeString(staged, GSON.toJson(entry), AtomicFiles.PRIVATE);
        try {
            for (int attempt = 0; ; attempt++) {
                Optional<Entry> current = find(entry.name());
                if (current.isPresent() && isRunning(current.get())) {
                    throw alreadyRunning(current.get());
                }
                current.ifPresent(this::removeStale);
                try {
                    Files.createLink(file, staged);
                    return;
                } catch (FileAlreadyExistsException raced) {
                    if (attempt == 3) {
                        throw raced;
                    }
                }
            }
        } finally {
            Files.deleteIfExists(staged);
        }
    }

    /** The live endpoint registered under {@code name}: its entry, if its process still runs. */
    public Optional<Entry> running(String name) throws IOException {
        return lookup(name).running();
    }

    /**
     * The entry under {@code name}, checked before anyone uses it: a stale one is removed with its staged files
     * (never trusted: whoever listens on its port now must not get its secret).
     */
    public Lookup lookup(String name) throws IOException {
        Optional<Entry> entry = find(name);
        if (entry.isEmpty() || isRunning(entry.get())) {
            return new Lookup(entry, Optional.empty());
        }
        remove(entry.get());
        removeWorkDirectory(entry.get());
        return new Lookup(Optional.empty(), entry);
    }

    /**
     * Whether the process that registered {@code entry} is still running: a live process of that pid that started
     * no later than the entry was written (a later one merely reuses the pid).
     */
    public static boolean isRunning(Entry entry) {
        Optional<ProcessHandle> process = ProcessHandle.of(entry.pid()).filter(ProcessHandle::isAlive);
        Optional<Instant> start = process.flatMap(p -> p.info().startInstant());
        // Linux derives a start time from the boot time in whole seconds: a little slack, far below the time a
        // pid takes to be reused.
        return process.isPresent() && start.isPresent()
                && !start.get().isAfter(Instant.parse(entry.started()).plusSeconds(2));
    }

    /**
     * Deletes a stale entry's staged files, only where a deploy makes them: a real folder (not a link) named
     * {@code trainctl-endpoint*} directly in the temporary folder, owned by this user.
     */
    static void removeWorkDirectory(Entry stale) {
        if (stale.work() == null) {
            return;
        }
        try {
            Path work = Path.of(stale.work());
            Path temp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize();
            Path parent = work.getParent();
            if (!work.isAbsolute() || parent == null || !(parent.equals(temp) || parent.equals(temp.toRealPath()))
                    || !work.getFileName().toString().startsWith(WORK_PREFIX)) {
                return;
            }
            PosixFileAttributes attributes = Files.readAttributes(work, PosixFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (attributes.isDirectory() && attributes.owner().getName().equals(System.getProperty("user.name"))) {
                Directories.deleteRecursively(work);
            }
        } catch (IOException | RuntimeException gone) {
            // nothing there, or not ours: left alone
        }
    }

    /** The refusal of a second deployment of a running endpoint's name. */
    public static TrainctlException alreadyRunning(Entry running) {
        return TrainctlException.refused("emulated endpoint " + running.name() + " is already running (process "
                + running.pid() + ", " + running.url() + ", since " + running.started() + ", model " + running.model()
                + "): use it, or stop it first with 'trainctl undeploy --on emulated " + running.name() + "'", null);
    }

    private void removeStale(Entry stale) {
        try {
            remove(stale);
            removeWorkDirectory(stale);
        } catch (IOException | RuntimeException unreadable) {
            // the link below then fails, and the caller hears why
        }
    }

    /** The endpoint registered under {@code name}, if one is. */
    public Optional<Entry> find(String name) throws IOException {
        JobNames.validate(name);
        if (!ownDirectory(false)) {
            return Optional.empty();
        }
        Path file = file(name);
        try {
            checkOwnerOnly(file, OWNER_ONLY_FILE);
            return Optional.of(read(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** Every registered endpoint. */
    public List<Entry> list() throws IOException {
        List<Entry> entries = new ArrayList<>();
        if (!ownDirectory(false)) {
            return entries;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.json")) {
            for (Path file : files) {
                String name = file.getFileName().toString().replaceFirst("\\.json$", "");
                if (JobNames.VALID.matcher(name).matches()) {
                    find(name).ifPresent(entries::add);
                }
            }
        }
        return entries;
    }

    /** Removes {@code name}'s entry, if the file there is still the one {@code entry} describes. */
    public void remove(Entry entry) throws IOException {
        Optional<Entry> current = find(entry.name());
        if (current.isPresent() && current.get().token().equals(entry.token())) {
            Files.deleteIfExists(file(entry.name()));
        }
    }

    private Path file(String name) {
        return directory.resolve(JobNames.validate(name) + ".json");
    }

    private Entry read(Path file) throws IOException {
        try {
            Entry entry = GSON.fromJson(LimitedFiles.readString(file, 64 << 10, "an endpoint's entry"), Entry.class);
            if (entry == null || entry.token() == null || entry.token().isBlank()) {
                throw new JsonParseException("no token");
            }
            return new Entry(entry.name(), entry.url(), entry.token(), entry.model(), entry.roleArn(), entry.pid(),
                    entry.started(), entry.work());
        } catch (JsonParseException | IllegalArgumentException | NullPointerException
                | java.time.format.DateTimeParseException e) {
            throw new TrainctlException(ExitCode.FAILURE, file + " is not an emulated endpoint's entry ("
                    + e.getMessage() + "): delete it");
        }
    }

    /**
     * Whether the folder exists (creating it, mode 700, when asked); an existing one must be a real folder owned by
     * this user with no access for others.
     */
    private boolean ownDirectory(boolean create) throws IOException {
        if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
            if (!create) {
                return false;
            }
            Files.createDirectories(directory.getParent());
            Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
            Files.setPosixFilePermissions(directory, OWNER_ONLY_DIRECTORY);
        }
        checkOwnerOnly(directory, OWNER_ONLY_DIRECTORY);
        return true;
    }

    /** One snapshot of the path's attributes (a missing path is a NoSuchFileException), checked as a whole. */
    private static void checkOwnerOnly(Path path, Set<PosixFilePermission> expected) throws IOException {
        boolean directory = expected.contains(PosixFilePermission.OWNER_EXECUTE);
        PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS);
        if (directory ? !attributes.isDirectory() : !attributes.isRegularFile()) {
            throw refused(path, "is not a " + (directory ? "folder" : "regular file") + " (a link?)");
        }
        String owner = attributes.owner().getName();
        if (!owner.equals(System.getProperty("user.name"))) {
            throw refused(path, "belongs to " + owner);
        }
        if (!attributes.permissions().equals(expected)) {
            throw refused(path, "has mode " + PosixFilePermissions.toString(attributes.permissions()) + ", not "
                    + PosixFilePermissions.toString(expected));
        }
    }

    private static TrainctlException refused(Path path, String why) {
        return new TrainctlException(ExitCode.FAILURE, path + " " + why + ": emulated endpoints are registered only"
                + " in a folder and files of your own that no one else can read; remove it (or set XDG_RUNTIME_DIR)");
    }
}
