package dev.trainctl.training.files;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JSON parser's complaint in words, with where it is: {@code line 3, column 14: a string is not closed (a
 * missing ")}. Gson's own text names Java classes and methods ({@code java.lang.IllegalStateException: Expected
 * BEGIN_OBJECT but was STRING}, {@code Use JsonReader.setStrictness(...)}) and links to its troubleshooting page,
 * which mean nothing to someone who wrote a policy file.
 */
public final class JsonErrors {

    private static final Pattern WHERE = Pattern.compile("at line (\\d+) column (\\d+)(?: path (\\S+))?");
    private static final Pattern EXPECTED = Pattern.compile("Expected (BEGIN_OBJECT|BEGIN_ARRAY|a string|an int|a long"
            + "|a double|a boolean|name|[A-Z_]+) but was (\\S+)");
    /** Gson's phrase, and what it means. */
    private static final List<Map.Entry<String, String>> PHRASES = List.of(
            Map.entry("Unterminated object", "an object is not closed (a missing } or ,)"),
            Map.entry("Unterminated array", "a list is not closed (a missing ] or ,)"),
            Map.entry("Unterminated string", "a string is not closed (a missing \")"),
            Map.entry("Unterminated escape sequence", "a backslash escape is cut short"),
            Map.entry("Invalid escape sequence", "a backslash escape is not valid JSON (use \\\\, \\\", \\n or \\uXXXX)"),
            Map.entry("Expected name", "expected a key in double quotes (a comma too many?)"),
            Map.entry("Expected ':'", "expected : after a key"),
            Map.entry("Expected value", "expected a value"),
            Map.entry("End of input", "the text ends early (something is not closed)"),
            Map.entry("setStrictness", "this is not strict JSON (a comment, single quotes, an unquoted word, a"
                    + " missing comma, or text after the document?)"),
            Map.entry("setLenient", "this is not strict JSON (a comment, single quotes, an unquoted word, a"
                    + " missing comma, or text after the document?)"),
            Map.entry("Duplicate key", "a key is given twice"));

    private static final Pattern NESTING = Pattern.compile("Nesting limit (\\d+) reached");

    private JsonErrors() {}

    /**
     * What the text is, for a message's verb: {@code not valid JSON}, or {@code too deeply nested to read} when the
     * reader stopped at its nesting limit (the text may be valid JSON: saying it is not would be false).
     */
    public static String failure(Throwable e) {
        return NESTING.matcher(innermost(e)).find() ? "too deeply nested to read" : "not valid JSON";
    }

    /** {@code e}'s complaint in words, with its line and column when the parser gave them. */
    public static String describe(Throwable e) {
        String message = innermost(e);
        Matcher where = WHERE.matcher(message);
        String location = "";
        Matcher nesting = NESTING.matcher(message);
        if (nesting.find()) {
            // Gson's reader stops at its nesting limit; the path it gives is the limit's length in [0]s.
            return (where.find() ? "line " + where.group(1) + ", column " + where.group(2) + ": " : "")
                    + "nested deeper than " + nesting.group(1) + " levels, the JSON reader's limit (the text may well"
                    + " be valid JSON, but no document trainctl reads nests that deep)";
        }
        if (where.find()) {
            String path = where.group(3);
            location = "line " + where.group(1) + ", column " + where.group(2)
                    + (path == null || path.equals("$") ? "" : " (at " + path.replaceFirst("^\\$\\.?", "") + ")")
                    + ": ";
        }
        return location + what(message);
    }

    private static String what(String message) {
        Matcher expected = EXPECTED.matcher(message);
        if (expected.find()) {
            return "expected " + kind(expected.group(1)) + ", found " + kind(expected.group(2));
        }
        for (Map.Entry<String, String> phrase : PHRASES) {
            if (message.contains(phrase.getKey())) {
                return phrase.getValue();
            }
        }
        String words = message.replaceAll("\\s*See https?://\\S+", "").replaceAll(WHERE.pattern(), "")
                .replaceAll("\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z]\\w*(?:Exception|Error):\\s*", "").strip();
        return words.isEmpty() ? "not valid JSON" : words;
    }

    /** Gson's token names as a reader knows them. */
    private static String kind(String token) {
        return switch (token) {
            case "BEGIN_OBJECT" -> "an object {...}";
            case "BEGIN_ARRAY" -> "a list [...]";
            case "END_OBJECT" -> "the end of an object";
            case "END_ARRAY" -> "the end of a list";
            case "STRING" -> "a string";
            case "NUMBER" -> "a number";
            case "BOOLEAN" -> "true or false";
            case "NULL" -> "null";
            case "NAME" -> "a key";
            case "END_DOCUMENT" -> "the end of the text";
            case "name" -> "a key";
            default -> token.toLowerCase(Locale.ROOT).startsWith("a") ? token : "'" + token + "'";
        };
    }

    private static String innermost(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? e.getMessage() : cause.getMessage();
        return message == null ? "" : message;
    }
}
