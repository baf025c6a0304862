package dev.trainctl.training.engine;

/** The PyTorch natives could not be loaded. The message names the cause and the ways to provide natives. */
public class EngineUnavailableException extends RuntimeException {

    public EngineUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
