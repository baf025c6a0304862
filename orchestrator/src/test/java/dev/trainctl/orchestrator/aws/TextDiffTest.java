package dev.trainctl.orchestrator.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextDiffTest {

    @Test
    void changedLineShowsOldThenNewAndKeepsTheRest() {
        assertThat(TextDiff.lines("a\nb\nc", "a\nx\nc")).containsExactly("  a", "- b", "+ x", "  c");
    }

    @Test
    void equalTextsHaveNoDiff() {
        assertThat(TextDiff.lines("a\nb", "a\nb")).isEmpty();
    }
}
