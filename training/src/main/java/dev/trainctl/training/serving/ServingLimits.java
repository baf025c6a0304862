package dev.trainctl.training.serving;

/**
 * The limits AWS documents for SageMaker serverless inference ("Invoke a serverless endpoint"), which the container
 * enforces itself so that it behaves the same on a real endpoint, in the emulation and under podman.
 */
public final class ServingLimits {

    /** The largest request (and response) payload of a serverless invocation: 4 MB. */
    public static final int MAX_PAYLOAD_BYTES = 4 * 1024 * 1024;
    /** The container must answer /invocations within 1 minute. */
    public static final int INVOCATION_TIMEOUT_SECONDS = 60;
    /** The model must be loaded and /ping answer 200 within 3 minutes of the container's start. */
    public static final int PING_DEADLINE_SECONDS = 180;
    /**
     * The most images one invocation may carry. The payload limit already bounds it (5,350 uint8 npy images); this
     * keeps a response, 10 probabilities per image as JSON, well inside the same 4 MB.
     */
    public static final int MAX_IMAGES = 10_000;
    /**
     * The largest PNG side the server decodes: a small compressed file can declare a huge picture (a decompression
     * bomb), so the header's dimensions are checked before any pixel is read.
     */
    public static final int MAX_PNG_SIDE = 4096;

    private ServingLimits() {}
}
