package dev.trainctl.training.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.gson.Gson;
import com.google.gson.JsonParser;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Gson's complaints about real mistakes in JSON files, in words, with line and column, and no Java names. */
class JsonErrorsTest {

    private static String parse(String json) {
        Throwable e = catchThrowable(() -> JsonParser.parseString(json));
        assertThat(e).as(json).isNotNull();
        return JsonErrors.describe(e);
    }

    record Card(String format, int epochs) {}

    @Test
    void commonMistakesAreNamedWithTheirLineAndColumn() {
        Map<String, String> cases = Map.of(
                "{\"a\": 1,\n \"b\": \"open}", "line 2, column 13 (at b): a string is not closed (a missing \")",
                "{\"a\": 1", "line 1, column 8 (at a): the text ends early (something is not closed)",
                "{\"a\": 1,}", "line 1, column 10 (at a): expected a key in double quotes (a comma too many?)",
                "{\"a\" 1}", "line 1, column 7 (at a): expected : after a key",
                "{\"a\": 1} // comment", "line 1, column 11: this is not strict JSON (a comment, single quotes, an"
                        + " unquoted word, a missing comma, or text after the document?)");
        cases.forEach((json, words) -> assertThat(parse(json)).as(json).isEqualTo(words));
    }

    @Test
    void aValueOfTheWrongKindSaysWhatWasExpectedAndFound() {
        Throwable e = catchThrowable(() -> new Gson().fromJson("\"a model\"", Card.class));

        assertThat(JsonErrors.describe(e)).isEqualTo("line 1, column 2: expected an object {...}, found a string");
    }

    @Test
    void noJavaNamesOrLinksRemain() {
        for (String json : new String[] {"[1, 2", "{\"a\": \"\\x\"}", "{\"a\"::1}"}) {
            assertThat(parse(json)).as(json).doesNotContain("Exception").doesNotContain("JsonReader")
                    .doesNotContain("https://").doesNotContain("BEGIN_");
        }
    }

    @org.junit.jupiter.api.Test
    void aDocumentNestedPastTheReadersLimitIsSaidToBeTooDeepNotInvalid() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        RuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> com.google.gson.JsonParser.parseString(deep));

        org.assertj.core.api.Assertions.assertThat(JsonErrors.failure(e)).isEqualTo("too deeply nested to read");
        org.assertj.core.api.Assertions.assertThat(JsonErrors.describe(e)).contains("nested deeper than 255 levels,"
                + " the JSON reader's limit").doesNotContain("[0][0]");
        org.assertj.core.api.Assertions.assertThat(JsonErrors.failure(new IllegalStateException("Expected value at"
                + " line 1 column 1"))).isEqualTo("not valid JSON");
    }
}
