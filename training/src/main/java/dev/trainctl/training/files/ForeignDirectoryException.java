package dev.trainctl.training.files;

import java.io.IOException;

/**
 * A directory trainctl was asked to write into holds something it did not write, so writing there could destroy it;
 * the message names a few of those entries.
 *
 * @see OwnedDirectories
 */
public final class ForeignDirectoryException extends IOException {

    ForeignDirectoryException(String message) {
        super(message);
    }
}
