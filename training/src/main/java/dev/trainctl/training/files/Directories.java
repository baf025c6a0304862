package dev.trainctl.training.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Directory housekeeping shared by the data store, the emulated job and model downloads. */
public final class Directories {

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
     * Fails unless files can be created in {@code directory}, creating it if it is missing. It creates and deletes
     * a file there, because permission bits do not answer the question (root ignores them; a read-only mount or a
     * path below a regular file fails whoever asks).
     *
     * @throws IOException whose message names the directory and the reason, without a Java class name
     */
    public static void requireWritable(Path directory) throws IOException {
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new IOException(directory + " is a file, not a directory");
        }
        try {
            Files.createDirectories(directory);
            Files.delete(Files.createTempFile(directory, ".trainctl-write-test-", ""));
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

    /** Writes files into a directory it is given. */
    @FunctionalInterface
    public interface Contents {
        void writeInto(Path directory) throws IOException;
    }

    /**
     * Replaces {@code target} with a directory holding exactly what {@code contents} writes, so that {@code target}
     * never holds a mix of old and new files, even after a crash. The new files are written into a hidden sibling
     * ({@code .NAME.new-*}, the same parent and so the same file system), then swapped in by two renames: the old
     * directory aside to {@code .NAME.old-*}, the new one into place; the old one is deleted last. Renames within a
     * file system are atomic (POSIX rename(2)), so a crash leaves either the old or the new directory complete under
     * {@code target}, or, between the two renames, none under {@code target} and both complete beside it. When
     * {@code target} cannot be renamed but is empty (a mount point such as {@code /opt/ml/model} in a container, or
     * a directory another program made), the files are moved into it instead, {@code lastFile} last.
     */
    public static void replace(Path target, String lastFile, Contents contents) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        Path parent = Files.createDirectories(absolute.getParent());
        String name = absolute.getFileName().toString();
        if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
            throw new IOException(target + " is a file, not a directory");
        }
        String newPrefix = "." + name + ".new-";
        Path staged = Files.createTempDirectory(parent, newPrefix);
        try {
            contents.writeInto(staged);
            if (!Files.exists(absolute)) {
                Files.move(staged, absolute, StandardCopyOption.ATOMIC_MOVE);
                return;
            }
            Path old = parent.resolve("." + name + ".old-" + staged.getFileName().toString()
                    .substring(newPrefix.length()));
            try {
                Files.move(absolute, old, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException cannotRename) {
                fillEmpty(absolute, staged, lastFile, cannotRename);
                return;
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

    private static void fillEmpty(Path target, Path staged, String lastFile, IOException cannotRename)
            throws IOException {
        try (Stream<Path> present = Files.list(target)) {
            if (present.findAny().isPresent()) {
                throw new IOException("cannot replace " + target + " (" + cannotRename.getMessage() + "), and it is not"
                        + " empty: delete it or choose another directory", cannotRename);
            }
        }
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
