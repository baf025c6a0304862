package dev.trainctl.training.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An operating-system lock on a directory for one run, so that two trainctl processes never write the same model or
 * checkpoint directory at once. The lock is {@link FileChannel#tryLock} on {@code .NAME.trainctl-lock} beside the directory
 * (not inside it: a model directory is replaced as a whole, and a lock file inside would go with it). The OS releases
 * the lock when the process ends, however it ends, so a crashed run leaves no stale lock. The file records the
 * holder's process id and command while it is held, so a run that is refused can say who holds it.
 *
 * <p>The file stays (emptied) when the run ends: deleting it would let a process that opened it just before hold a
 * lock on a deleted file while a third locks a new one. And while this process holds the lock it never opens the
 * file a second time, because POSIX releases a process's locks on a file when it closes any descriptor of it.
 */
public final class DirectoryLock implements AutoCloseable {

    /** The lock files this process holds, with their records; guarded by the class. */
    private static final Map<Path, String> HELD = new HashMap<>();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private DirectoryLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** Where the lock of {@code directory} lives: {@code .NAME.trainctl-lock} in its parent. */
    public static Path lockFile(Path directory) {
        Path resolved = Directories.resolved(directory);
        return resolved.getParent().resolve("." + resolved.getFileName() + ".trainctl-lock");
    }

    /**
     * Locks {@code directory} for this process, at once or not at all.
     *
     * @param holder what this process is, recorded for a refused one ("trainctl train")
     * @throws DirectoryInUseException when another process (or another run in this one) holds it
     */
    public static DirectoryLock acquire(Path directory, String holder) throws IOException {
        Path file = lockFile(directory);
        synchronized (DirectoryLock.class) {
            if (HELD.containsKey(file)) {
                throw new DirectoryInUseException(directory, describe(HELD.get(file)));
            }
            Files.createDirectories(file.getParent());
            requireLockFileOrNothing(file);
            FileChannel channel = open(file);
            FileLock lock;
            try {
                lock = channel.tryLock();
                if (lock == null) {
                    throw new DirectoryInUseException(directory, describe(read(file)));
                }
                String record = "pid " + ProcessHandle.current().pid() + "\nsince " + Instant.now() + "\ncommand "
                        + holder + "\n";
                channel.truncate(0).write(ByteBuffer.wrap(record.getBytes(StandardCharsets.UTF_8)), 0);
                channel.force(false);
                HELD.put(file, record);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            return new DirectoryLock(file, channel, lock);
        }
    }

    /**
     * Who holds the lock of {@code directory} now ("process 1234, trainctl train, since ..."), if anyone does: a
     * probe with a shared lock, released at once, which fails while a run holds its exclusive one.
     */
    public static Optional<String> holder(Path directory) {
        if (Directories.resolved(directory).getParent() == null) {
            return Optional.empty(); // the root directory: nobody can lock it
        }
        Path file = lockFile(directory);
        synchronized (DirectoryLock.class) {
            if (HELD.containsKey(file)) {
                return Optional.of(describe(HELD.get(file)));
            }
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                FileLock probe = channel.tryLock(0, Long.MAX_VALUE, true);
                if (probe == null) {
                    return Optional.of(describe(read(file)));
                }
                probe.release();
                return Optional.empty();
            } catch (IOException unreadable) { // another user's: it cannot be this user's run
                return Optional.empty();
            }
        }
    }

    /** Refuses to take over a file of that name that trainctl did not write (its records start with "pid "). */
    private static void requireLockFileOrNothing(Path file) throws IOException {
        if (Files.isSymbolicLink(file) || Files.exists(file) && !Files.isRegularFile(file)) {
            throw new IOException(file + " is not a regular file: trainctl will not lock through it; remove it");
        }
        if (Files.isRegularFile(file)) {
            String content = read(file);
            if (!content.isEmpty() && !content.startsWith("pid ")) {
                throw new IOException(file + " exists and is not a trainctl lock file: remove or rename it");
            }
        }
    }

    /** Opens (creating, readable by this user only) without following a planted symbolic link. */
    private static FileChannel open(Path file) throws IOException {
        Set<OpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ,
                LinkOption.NOFOLLOW_LINKS);
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return FileChannel.open(file, options, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")));
        }
        return FileChannel.open(file, options);
    }

    /** Empties the lock file and releases the lock. */
    @Override
    public void close() throws IOException {
        synchronized (DirectoryLock.class) {
            try {
                channel.truncate(0);
            } finally {
                HELD.remove(file);
                try {
                    lock.release();
                } finally {
                    channel.close();
                }
            }
        }
    }

    /** "process 1234, trainctl train, since 2026-12-01T10:00:00Z" from a record, or less when it is not readable. */
    private static String describe(String record) {
        String pid = null;
        String since = null;
        String command = null;
        for (String line : record.lines().toList()) {
            int space = line.indexOf(' ');
            if (space < 0) {
                continue;
            }
            String value = line.substring(space + 1);
            switch (line.substring(0, space)) {
                case "pid" -> pid = value;
                case "since" -> since = value;
                case "command" -> command = value;
                default -> { }
            }
        }
        if (pid == null) {
            return "another process holds the lock";
        }
        String self = pid.equals(Long.toString(ProcessHandle.current().pid())) ? ", this one" : "";
        return "process " + pid + self + (command == null ? "" : ", " + command)
                + (since == null ? "" : ", since " + since);
    }

    /** The record of a lock another process holds (this one holds none on the file, so closing it is safe). */
    private static String read(Path file) {
        try {
            return LimitedFiles.readString(file, 4096, "a lock file");
        } catch (IOException unreadable) { // gone, or another user's
            return "";
        }
    }
}
