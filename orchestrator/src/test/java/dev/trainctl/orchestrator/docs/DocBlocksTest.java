package dev.trainctl.orchestrator.docs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DocBlocksTest {

    private static final String FORMAT = "model: accuracy 0.9653 (9653/10000)\n   ...\n  7  0.9969  ####\n";

    @Test
    void aFormatMatchesOtherNumbersSpacesAndBarsWithLinesLeftOut() {
        assertThat(DocBlocks.matchesFormat(FORMAT,
                "model: accuracy 0.12 (12/100)\n  0  0.1000  ####\n  7    0.5000  ##########\n")).isTrue();
    }

    @Test
    void aChangedWordOrAMissingLineDoesNotMatch() {
        assertThat(DocBlocks.matchesFormat(FORMAT, "model: acc 0.12 (12/100)\n  7  0.5  ##\n")).isFalse();
        assertThat(DocBlocks.matchesFormat(FORMAT, "model: accuracy 0.12 (12/100)\n")).isFalse();
    }

    @Test
    void anEllipsisInsideALineStandsForAnyText() {
        String format = "downloaded s3://b/.../model.tar.gz to /tmp/trainctl-s3-model.../model\n";

        assertThat(DocBlocks.matchesFormat(format, "downloaded s3://b/x/y/model.tar.gz to"
                + " /tmp/trainctl-s3-model123/model\n")).isTrue();
        assertThat(DocBlocks.matchesFormat(format, "downloaded s3://b/x/y/model.zip to /tmp/m\n")).isFalse();
    }
}
