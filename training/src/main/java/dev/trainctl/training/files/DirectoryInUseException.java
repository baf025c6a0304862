package dev.trainctl.training.files;

import java.io.IOException;
import java.nio.file.Path;

/** Another run holds the {@link DirectoryLock} of a directory. */
public final class DirectoryInUseException extends IOException {

    private final String holder;

    DirectoryInUseException(Path directory, String holder) {
        super(directory + " is in use by another trainctl run (" + holder + ")");
        this.holder = holder;
    }

    /** Who holds it: "process 1234, trainctl train --model-dir m, since 2026-12-01T10:00:00Z". */
    public String holder() {
        return holder;
    }
}
