package dev.trainctl.orchestrator.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StrictJsonTest {

    @Test
    void aRepeatedKeyIsRefusedNamingTheKeyAndTheObject() {
        String ambiguous = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"s3:*\","
                + "\"Resource\":\"*\",\"Effect\":\"Allow\"}]}";

        assertThat(JsonParser.parseString(ambiguous).getAsJsonObject().getAsJsonArray("Statement").get(0)
                .getAsJsonObject().get("Effect").getAsString()).as("Gson alone: the last one wins").isEqualTo("Allow");
        assertThatThrownBy(() -> StrictJson.parse(ambiguous))
                .isInstanceOfSatisfying(StrictJson.DuplicateKeyException.class, e -> {
                    assertThat(e.key()).isEqualTo("Effect");
                    assertThat(e.path()).isEqualTo("$.Statement[0]");
                })
                .hasMessage("key \"Effect\" appears twice in $.Statement[0] (a reader may take either one: remove"
                        + " one)");
    }

    @Test
    void aRepeatedKeyDeepInsideAConditionIsFound() {
        String ambiguous = "{\"Statement\":{\"Condition\":{\"StringEquals\":{\"aws:SourceAccount\":\"111122223333\","
                + "\"aws:SourceAccount\":\"444455556666\"}}}}";

        assertThatThrownBy(() -> StrictJson.parse(ambiguous)).isInstanceOf(StrictJson.DuplicateKeyException.class)
                .hasMessageContaining("\"aws:SourceAccount\" appears twice in $.Statement.Condition.StringEquals");
    }

    @Test
    void theSameKeyInTwoObjectsAndKeysThatDifferInCaseAreFine() {
        assertThat(StrictJson.parse("[{\"a\":1},{\"a\":2},{\"A\":3,\"a\":4}]").getAsJsonArray()).hasSize(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{'Effect':'Allow'}", "{Effect:\"Allow\"}", "{\"a\":1} // note", "{\"a\":1} {\"b\":2}",
            "{\"a\":1,}", ""})
    void whatStrictJsonDoesNotAllowIsRefusedInWords(String text) {
        assertThatThrownBy(() -> StrictJson.parse(text)).isInstanceOf(JsonParseException.class)
                .hasMessageNotContaining("setStrictness").hasMessageNotContaining("\n");
    }

    @Test
    void deepNestingIsRefusedInsteadOfOverflowingTheStack() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);

        assertThatThrownBy(() -> StrictJson.parse(deep)).isInstanceOf(JsonParseException.class)
                .hasMessageStartingWith("Nesting limit 255 reached").hasMessageEndingWith("...");
    }

    @Test
    void numbersKeepTheirText() {
        assertThat(StrictJson.parse("{\"n\":1e3}").getAsJsonObject().get("n").getAsString()).isEqualTo("1e3");
    }
}
