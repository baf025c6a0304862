package dev.trainctl.training.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Directory housekeeping shared by the data store, the emulated job and model downloads. */
public final class Directories {

    /** As many links as Linux follows in one path before it gives up (ELOOP). */
    private static final int MAX_LINK_HOPS = 40;
    /** A directory {@link #replace} creates: readable like the files trainctl writes into it. */
    private static final Set<PosixFilePermission> NEW_DIRECTORY = PosixFilePermissions.fromString("rwxr-xr-x");

    private Directories() {}

    /** Deletes {@code root} and everything under it; nothing happens when it does not exist. */
    public static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /**
     * Fails unless files can be created in {@code directory}. It creates and deletes a file there, because permission
     * bits do not answer the question (root ignores them; a read-only mount or a path below a regular file fails
     * whoever asks); the folders it had to create for that are removed again, so a run that stops before writing
     * leaves nothing behind.
     *
     * @throws IOException whose message names the directory and the reason, without a Java class name
     */
    public static void requireWritable(Path directory) throws IOException {
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new IOException(directory + " is a file, not a directory");
        }
        Path firstMissing = null;
        for (Path path = directory.toAbsolutePath().normalize(); path != null && !Files.exists(path,
                LinkOption.NOFOLLOW_LINKS); path = path.getParent()) {
            firstMissing = path;
        }
        try {
            Files.createDirectories(directory);
            Files.delete(Files.createTempFile(directory, ".trainctl-write-test-", ""));
            removeCreated(directory, firstMissing);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("cannot create " + directory + ": " + e.getFile() + " is a file", e);
        } catch (FileSystemException e) {
            String reason = e instanceof AccessDeniedException ? "permission denied"
                    : e.getReason() == null ? "failed" : e.getReason();
            String where = e.getFile() == null || e.getFile().equals(directory.toString()) ? ""
                    : " (" + e.getFile() + ")";
            throw new IOException("cannot write to " + directory + ": " + reason + where, e);
        }
    }

    /** Removes {@code directory} and its parents up to {@code firstMissing}, those that are still empty. */
    private static void removeCreated(Path directory, Path firstMissing) {
        if (firstMissing == null) {
            return;
        }
        try {
            for (Path created = directory.toAbsolutePath().normalize(); created.startsWith(firstMissing);
                    created = created.getParent()) {
                Files.deleteIfExists(created);
            }
        } catch (IOException inUse) {
            // something was written there meanwhile: it stays
        }
    }

    /** Writes files into a directory it is given. */
    @FunctionalInterface
    public interface Contents {
        void writeInto(Path directory) throws IOException;
    }

    /**
     * Replaces {@code target} with a directory holding exactly what {@code contents} writes, so that {@code target}
     * never holds a mix of old and new files, even after a crash; {@code target} must be absent, empty or trainctl's
     * own directory of {@code kind} ({@link OwnedDirectories}), checked again just before anything is replaced. The
     * new files are written into a hidden sibling ({@code .NAME.new-*}, the same parent and so the same file system),
     * then swapped in by two renames: the old directory aside to {@code .NAME.old-*}, the new one into place; the old
     * one is deleted last. Renames within a file system are atomic (POSIX rename(2)), so a crash leaves either the
     * old or the new directory complete under {@code target}, or, between the two renames, none under {@code target}
     * and both complete beside it. The new directory keeps the old one's permissions. An empty {@code target} (one
     * the user made, or a mount point such as {@code /opt/ml/model} in a container) is filled instead, {@code
     * lastFile} last, so it keeps its permissions. A symbolic link to a directory is followed: the directory it
     * names is replaced and the link kept.
     */
    public static void replace(Path target, DirectoryKind kind, String lastFile, Contents contents)
            throws IOException {
        Path absolute = resolved(target);
        Path parent = Files.createDirectories(absolute.getParent());
        String name = absolute.getFileName().toString();
        if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
            throw new IOException(target + " is a file, not a directory");
        }
        String newPrefix = "." + name + ".new-";
        Path staged = Files.createTempDirectory(parent, newPrefix);
        try {
            try {
                contents.writeInto(staged);
            } catch (IOException e) {
                throw new IOException("cannot write " + target + " (" + reason(e) + ")", e);
            }
            OwnedDirectories.requireOwned(absolute, kind);
            if (!Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
                // The staging directory was made private (rwx------); a new one gets what its files get (rw-r--r--).
                if (staged.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    Files.setPosixFilePermissions(staged, NEW_DIRECTORY);
                }
                Files.move(staged, absolute, StandardCopyOption.ATOMIC_MOVE);
                return;
            }
            if (isEmpty(absolute)) {
                fill(absolute, staged, lastFile);
                return;
            }
            keepPermissions(absolute, staged);
            Path old = parent.resolve("." + name + ".old-" + staged.getFileName().toString()
                    .substring(newPrefix.length()));
            try {
                Files.move(absolute, old, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException cannotRename) {
                throw new IOException("cannot replace " + target + " (" + cannotRename.getMessage() + "), and it is"
                        + " not empty: delete it or choose another directory", cannotRename);
            }
            try {
                Files.move(staged, absolute, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                Files.move(old, absolute, StandardCopyOption.ATOMIC_MOVE); // put the old one back
                throw e;
            }
            deleteRecursively(old);
        } finally {
            deleteRecursively(staged);
        }
    }

    /**
     * {@code path} made absolute with every symbolic link and {@code ..} in its existing part resolved as the file
     * system resolves them (the rest normalised), so that two paths to one directory compare equal. A symbolic link
     * whose target does not exist yet is followed too, since creating the directory would create its target.
     */
    public static Path resolved(Path path) {
        Path current = path.toAbsolutePath();
        for (int hops = 0; hops < MAX_LINK_HOPS; hops++) {
            Path existing = current;
            Deque<Path> rest = new ArrayDeque<>();
            while (existing.getParent() != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
                rest.push(existing.getFileName());
                existing = existing.getParent();
            }
            Path next;
            if (Files.isSymbolicLink(existing) && !Files.exists(existing)) {
                try {
                    next = existing.getParent().resolve(Files.readSymbolicLink(existing));
                } catch (IOException unreadable) {
                    return joined(existing, rest).normalize();
                }
            } else {
                try {
                    return joined(existing.toRealPath(), rest).normalize();
                } catch (IOException unreadable) { // a loop of links, or a folder this user may not search
                    return joined(existing, rest).normalize();
                }
            }
            current = joined(next, rest); // not normalised: a ".." in the link's target is the file system's to resolve
        }
        return current.normalize();
    }

    private static Path joined(Path start, Deque<Path> rest) {
        Path joined = start;
        for (Path name : rest) {
            joined = joined.resolve(name);
        }
        return joined;
    }

    /** Whether the two paths name one directory, or one lies inside the other (after {@link #resolved}). */
    public static boolean overlap(Path a, Path b) {
        Path first = resolved(a);
        Path second = resolved(b);
        return first.startsWith(second) || second.startsWith(first);
    }

    /** What went wrong with a file, in words: the reason of a file-system error, else the message. */
    private static String reason(IOException e) {
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getMessage() == null ? "an I/O error" : e.getMessage();
    }

    private static boolean isEmpty(Path directory) throws IOException {
        try (Stream<Path> present = Files.list(directory)) {
            return present.findAny().isEmpty();
        }
    }

    private static void keepPermissions(Path from, Path to) throws IOException {
        if (from.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(to, Files.getPosixFilePermissions(from));
        }
    }

    private static void fill(Path target, Path staged, String lastFile) throws IOException {
        List<Path> files;
        try (Stream<Path> listed = Files.list(staged)) {
            files = listed.sorted(Comparator.comparing((Path file) -> file.getFileName().toString().equals(lastFile))
                    .thenComparing(Comparator.naturalOrder())).toList();
        }
        for (Path file : files) {
            Files.move(file, target.resolve(file.getFileName().toString()));
        }
    }

    /** A new temporary directory that is deleted, with its contents, when the JVM exits. */
    public static Path temporary(String prefix) throws IOException {
        Path directory = Files.createTempDirectory(prefix);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                deleteRecursively(directory);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "delete " + directory));
        return directory;
    }
}
