package dev.trainctl.training.files;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A directory trainctl was asked to write into holds something it did not write, so writing there could destroy it.
 *
 * @see OwnedDirectories
 */
public final class ForeignDirectoryException extends IOException {

    private final transient Path directory;
    private final List<String> found;

    ForeignDirectoryException(Path directory, List<String> found, String message) {
        super(message);
        this.directory = directory;
        this.found = List.copyOf(found);
    }

    public Path directory() {
        return directory;
    }

    /** A few of the entries that are not trainctl's, as {@code ls -F} names them ({@code src/}, {@code link@}). */
    public List<String> found() {
        return found;
    }
}
