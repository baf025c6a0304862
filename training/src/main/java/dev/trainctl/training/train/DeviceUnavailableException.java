package dev.trainctl.training.train;

/** The requested device cannot be used. The message says what is missing and how to fix it. */
public class DeviceUnavailableException extends Exception {

    public DeviceUnavailableException(String message) {
        super(message);
    }
}
