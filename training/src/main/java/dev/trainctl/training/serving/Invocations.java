package dev.trainctl.training.serving;

import java.util.List;
import java.util.Locale;

/** Reads an invocation's body by its content type: JSON, PNG or NumPy's .npy. */
public final class Invocations {

    /** The content types {@code POST /invocations} accepts. */
    public static final List<String> CONTENT_TYPES = List.of(JsonImages.CONTENT_TYPE, PngImages.CONTENT_TYPE,
            NpyImages.CONTENT_TYPE);

    private Invocations() {}

    /** The images in {@code body}; a body that is not what its type says is a 400, an unknown type a 415. */
    public static ImageBatch read(String contentType, byte[] body) throws InvocationException {
        String type = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (body.length == 0) {
            throw InvocationException.malformed("the request has no body");
        }
        return switch (type) {
            case JsonImages.CONTENT_TYPE -> JsonImages.read(body);
            case PngImages.CONTENT_TYPE -> PngImages.read(body);
            case NpyImages.CONTENT_TYPE -> NpyImages.read(body);
            default -> throw new InvocationException(InvocationException.UNSUPPORTED_TYPE, "content type '"
                    + JsonImages.printable(type) + "' is not accepted: send one of " + String.join(", ",
                            CONTENT_TYPES));
        };
    }
}
