package dev.trainctl.training.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
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
