package dev.trainctl.training.serving;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;
import dev.trainctl.training.files.JsonErrors;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * {@code application/json} invocations: one image, {@code {"pixels": [784 numbers 0-255]}}, or a list of such
 * objects. Read as a stream (no tree of 78,400 number objects for 100 images) and strictly: any other shape,
 * key, type or trailing text is a 400 that says what was expected.
 */
final class JsonImages {

    static final String CONTENT_TYPE = "application/json";
    private static final String EXPECTED = "expected {\"pixels\": [784 numbers 0-255]} or a list of such objects";

    private JsonImages() {}

    static ImageBatch read(byte[] body) throws InvocationException {
        try (JsonReader json = new JsonReader(new StringReader(new String(body, StandardCharsets.UTF_8)))) {
            float[] pixels = new float[ImageBatch.PIXELS];
            int count = 0;
            JsonToken first = json.peek();
            if (first == JsonToken.BEGIN_OBJECT) {
                readImage(json, pixels, 0);
                count = 1;
            } else if (first == JsonToken.BEGIN_ARRAY) {
                json.beginArray();
                while (json.hasNext()) {
                    if (count == ServingLimits.MAX_IMAGES) {
                        throw new InvocationException(InvocationException.TOO_LARGE, "more than "
                                + ServingLimits.MAX_IMAGES + " images in one request: send them in smaller batches");
                    }
                    if ((count + 1) * ImageBatch.PIXELS > pixels.length) {
                        pixels = Arrays.copyOf(pixels, pixels.length * 2);
                    }
                    readImage(json, pixels, count * ImageBatch.PIXELS);
                    count++;
                }
                json.endArray();
                if (count == 0) {
                    throw InvocationException.malformed("an empty list: " + EXPECTED);
                }
            } else {
                throw InvocationException.malformed("a JSON " + describe(first) + ": " + EXPECTED);
            }
            if (json.peek() != JsonToken.END_DOCUMENT) {
                throw InvocationException.malformed("text after the JSON value: " + EXPECTED);
            }
            return batch(Arrays.copyOf(pixels, count * ImageBatch.PIXELS), count);
        } catch (MalformedJsonException | IllegalStateException | NumberFormatException e) {
            throw InvocationException.malformed("not valid JSON (" + JsonErrors.describe(e) + "): " + EXPECTED);
        } catch (java.io.EOFException e) {
            throw InvocationException.malformed("the JSON ends early: " + EXPECTED);
        } catch (IOException e) {
            throw InvocationException.malformed("not valid JSON: " + EXPECTED);
        }
    }

    private static void readImage(JsonReader json, float[] pixels, int offset) throws IOException,
            InvocationException {
        if (json.peek() != JsonToken.BEGIN_OBJECT) {
            throw InvocationException.malformed("a list item is a JSON " + describe(json.peek()) + ": " + EXPECTED);
        }
        json.beginObject();
        boolean seen = false;
        while (json.hasNext()) {
            String key = json.nextName();
            if (!key.equals("pixels")) {
                throw InvocationException.malformed("unknown key \"" + printable(key) + "\": " + EXPECTED);
            }
            if (seen) {
                throw InvocationException.malformed("\"pixels\" is given twice: " + EXPECTED);
            }
            seen = true;
            if (json.peek() != JsonToken.BEGIN_ARRAY) {
                throw InvocationException.malformed("\"pixels\" is a JSON " + describe(json.peek()) + ": " + EXPECTED);
            }
            json.beginArray();
            int n = 0;
            while (json.hasNext()) {
                if (json.peek() != JsonToken.NUMBER) {
                    throw InvocationException.malformed("pixel " + n + " is a JSON " + describe(json.peek())
                            + ": pixels are numbers from 0 to 255");
                }
                String number = json.nextString();
                float value = pixel(Double.parseDouble(number), offset / ImageBatch.PIXELS, n, number);
                if (n < ImageBatch.PIXELS) {
                    pixels[offset + n] = value;
                }
                n++;
            }
            json.endArray();
            if (n != ImageBatch.PIXELS) {
                throw InvocationException.malformed("\"pixels\" has " + n + " numbers, expected " + ImageBatch.PIXELS
                        + " (a 28x28 image, row by row)");
            }
        }
        json.endObject();
        if (!seen) {
            throw InvocationException.malformed("an object without \"pixels\": " + EXPECTED);
        }
    }

    /**
     * A pixel value checked while still a double, so a value that a float cannot hold (1e308) is reported as sent,
     * not as Infinity; {@code text}: the value as the request wrote it.
     */
    static float pixel(double value, int image, int index, String text) throws InvocationException {
        if (!(value >= 0 && value <= 255)) {
            throw InvocationException.malformed("pixel " + index + " of image " + image + " is " + printable(text)
                    + ": pixel values are numbers from 0 to 255");
        }
        return (float) value;
    }

    /** Checks the values (0-255, finite) through the batch's own validation. */
    static ImageBatch batch(float[] pixels, int count) throws InvocationException {
        try {
            return new ImageBatch(pixels, count);
        } catch (IllegalArgumentException e) {
            throw InvocationException.malformed(e.getMessage());
        }
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case BEGIN_ARRAY -> "list";
            case BEGIN_OBJECT -> "object";
            case STRING -> "string";
            case NUMBER -> "number";
            case BOOLEAN -> "boolean";
            case NULL -> "null";
            default -> "nothing";
        };
    }

    /** A key from the request, shortened and with control characters escaped before it goes into a message. */
    static String printable(String text) {
        String shortened = text.length() > 40 ? text.substring(0, 40) + "..." : text;
        StringBuilder out = new StringBuilder();
        shortened.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || c == '"' || c == '\\') {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
