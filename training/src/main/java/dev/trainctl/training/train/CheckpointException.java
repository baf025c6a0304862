package dev.trainctl.training.train;

import java.io.IOException;

/**
 * A checkpoint that cannot be resumed: damaged or incomplete files, or a checkpoint that does not belong to the run
 * asked for. The message names the directory, says what it holds and how to continue.
 */
public final class CheckpointException extends IOException {

    public CheckpointException(String message) {
        super(message);
    }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
