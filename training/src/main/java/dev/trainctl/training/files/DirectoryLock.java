package dev.trainctl.training.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * An operating-system lock on a directory for one run, so that two trainctl processes never write the same model or
 * checkpoint directory at once. The lock is {@link FileChannel#tryLock} on {@code .NAME.lock} beside the directory
 * (not inside it: a model directory is replaced as a whole, and a lock file inside would go with it). The OS releases
 * the lock when the process ends, however it ends, so a crashed run leaves no stale lock. The file records the
 * holder's process id and command, so the run that is refused can say who holds it; the holder deletes it when done.
 */
public final class DirectoryLock implements AutoCloseable {

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private DirectoryLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** Where the lock of {@code directory} lives: {@code .NAME.lock} in its parent. */
    public static Path lockFile(Path directory) {
        Path resolved = Directories.resolved(directory);
        return resolved.getParent().resolve("." + resolved.getFileName() + ".lock");
    }

    /**
     * Locks {@code directory} for this process, at once or not at all.
     *
     * @param holder what this process is, recorded for a refused one ("trainctl train --model-dir ...")
     * @throws DirectoryInUseException when another process (or another run in this one) holds it
     */
    public static DirectoryLock acquire(Path directory, String holder) throws IOException {
        Path file = lockFile(directory);
        Files.createDirectories(file.getParent());
        String record = "pid " + ProcessHandle.current().pid() + "\nsince " + Instant.now() + "\ncommand " + holder
                + "\ntoken " + UUID.randomUUID() + "\n";
        // A holder deletes the file when it is done; a process that opened it just before then holds a lock on a
        // deleted file, sees that the path no longer holds its own record, and tries again on the new file.
        for (int attempt = 0; ; attempt++) {
            FileChannel channel = open(file);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException thisProcess) {
                lock = null;
            } catch (IOException e) {
                channel.close();
                throw e;
            }
            if (lock == null) {
                channel.close();
                throw new DirectoryInUseException(directory, holderOf(file));
            }
            channel.truncate(0).write(ByteBuffer.wrap(record.getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
            if (record.equals(read(file)) || attempt == 10) {
                return new DirectoryLock(file, channel, lock);
            }
            lock.release();
            channel.close();
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

    /** Deletes the lock file while still holding the lock, then releases it. */
    @Override
    public void close() throws IOException {
        try {
            Files.deleteIfExists(file);
        } finally {
            try {
                lock.release();
            } finally {
                channel.close();
            }
        }
    }

    /** "process 1234 (trainctl train ...), since 2026-12-01T10:00:00Z", or what can be said when it is not readable. */
    private static String holderOf(Path file) {
        String pid = null;
        String since = null;
        String command = null;
        for (String line : read(file).lines().toList()) {
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
            return "another process (" + file + " holds the lock)";
        }
        String self = pid.equals(Long.toString(ProcessHandle.current().pid())) ? ", this one" : "";
        return "process " + pid + self + (command == null ? "" : ", " + command)
                + (since == null ? "" : ", since " + since);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException unreadable) { // gone, or another user's
            return "";
        }
    }
}
