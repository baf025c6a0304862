package dev.trainctl.orchestrator.json;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.internal.LazilyParsedNumber;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;

/**
 * Reads JSON that decides something (policy documents, simulation requests) as the JSON standard has it, and refuses
 * what a reader may take either way. Gson's own parser keeps the last of two equal keys, so
 * {@code {"Effect": "Deny", "Effect": "Allow"}} would silently read as Allow; AWS documents no answer for such a
 * document, so here it is an error that names the key and where it is. Comments, single quotes, unquoted names and
 * trailing text are refused too (IAM accepts none of them).
 */
public final class StrictJson {

    private StrictJson() {}

    /** A key given twice in one object. */
    public static final class DuplicateKeyException extends JsonParseException {
        private final String key;
        private final String path;

        DuplicateKeyException(String key, String path) {
            super("key \"" + key + "\" appears twice in " + path + " (a reader may take either one: remove one)");
            this.key = key;
            this.path = path;
        }

        public String key() {
            return key;
        }

        /** Where the object is, as a JSON path such as {@code $.Statement[0]}. */
        public String path() {
            return path;
        }
    }

    /**
     * Parses one JSON value.
     *
     * @throws DuplicateKeyException when an object has a key twice
     * @throws JsonParseException when the text is not one strict JSON value, with the reason and where
     */
    public static JsonElement parse(String json) {
        JsonReader reader = new JsonReader(new StringReader(json));
        reader.setStrictness(Strictness.STRICT);
        try {
            JsonElement element = read(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new JsonParseException("more than one JSON value (text after the end at " + reader.getPath()
                        + ")");
            }
            return element;
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            throw new JsonParseException(inWords(e.getMessage()), e);
        }
    }

    /**
     * Gson's message without its advice to Java programmers (the first line, "malformed JSON at line 1 ..."), cut
     * short where the path in it is long (a deeply nested document).
     */
    private static String inWords(String message) {
        String first = message == null ? "malformed JSON" : message.lines().findFirst().orElse("malformed JSON");
        String words = first.replaceFirst("^Use JsonReader\\.set\\w+\\([^)]*\\) to accept malformed JSON", "malformed JSON");
        return words.length() <= 200 ? words : words.substring(0, 200) + "...";
    }

    /** Recursion is bounded by the reader's nesting limit (255 levels). */
    private static JsonElement read(JsonReader reader) throws IOException {
        String path = reader.getPath();
        return switch (reader.peek()) {
            case BEGIN_OBJECT -> {
                JsonObject object = new JsonObject();
                reader.beginObject();
                while (reader.hasNext()) {
                    String key = reader.nextName();
                    if (object.has(key)) {
                        throw new DuplicateKeyException(key, path);
                    }
                    object.add(key, read(reader));
                }
                reader.endObject();
                yield object;
            }
            case BEGIN_ARRAY -> {
                JsonArray array = new JsonArray();
                reader.beginArray();
                while (reader.hasNext()) {
                    array.add(read(reader));
                }
                reader.endArray();
                yield array;
            }
            case STRING -> new JsonPrimitive(reader.nextString());
            case NUMBER -> new JsonPrimitive(new LazilyParsedNumber(reader.nextString()));
            case BOOLEAN -> new JsonPrimitive(reader.nextBoolean());
            case NULL -> {
                reader.nextNull();
                yield JsonNull.INSTANCE;
            }
            default -> throw new JsonParseException("unexpected " + reader.peek() + " at " + reader.getPath());
        };
    }
}
