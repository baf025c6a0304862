package dev.trainctl.training.data;

import java.io.IOException;

/** A data file that is missing, corrupt, or not what it claims to be. The message names the file and the fix. */
public class DataFileException extends IOException {

    public DataFileException(String message) {
        super(message);
    }

    public DataFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
