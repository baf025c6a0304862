package dev.trainctl.training.serving;

/**
 * A request the server refuses, with the HTTP status that says why (400 malformed, 413 too large, 415 type, 503 short
 * of memory for now).
 */
public final class InvocationException extends Exception {

    private static final long serialVersionUID = 1L;

    public static final int MALFORMED = 400;
    public static final int TOO_LARGE = 413;
    public static final int UNSUPPORTED_TYPE = 415;
    public static final int UNAVAILABLE = 503;

    private final int status;

    public InvocationException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    static InvocationException malformed(String message) {
        return new InvocationException(MALFORMED, message);
    }

    /** The request may be fine; this server had no memory for it just now. */
    static InvocationException outOfMemory() {
        return new InvocationException(UNAVAILABLE, "the server ran out of memory on this request: try again, or"
                + " send fewer or smaller images per request");
    }
}
