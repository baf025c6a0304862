package dev.trainctl.training.serving;

/** A request the server refuses, with the HTTP status that says why (400 malformed, 413 too large, 415 type). */
public final class InvocationException extends Exception {

    private static final long serialVersionUID = 1L;

    public static final int MALFORMED = 400;
    public static final int TOO_LARGE = 413;
    public static final int UNSUPPORTED_TYPE = 415;

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
}
