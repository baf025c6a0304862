package dev.trainctl.orchestrator.names;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JobNamesTest {

    private static final Instant NOW = Instant.parse("2026-11-25T09:08:07.654Z");

    @Test
    void nameIsPrefixAndUtcTimestampToTheMillisecond() {
        assertThat(JobNames.generate("trainctl-mnist", NOW)).isEqualTo("trainctl-mnist-20261125-090807-654");
    }

    @Test
    void twoJobsAMillisecondApartGetDifferentNames() {
        assertThat(JobNames.generate("a", NOW)).isNotEqualTo(JobNames.generate("a", NOW.plusMillis(1)));
    }

    @Test
    void aLongPrefixIsCutSoTheNameFits63Characters() {
        String name = JobNames.generate("x".repeat(100), NOW);

        assertThat(name).hasSize(63).endsWith("-20261125-090807-654");
    }

    @Test
    void charactersSageMakerRefusesBecomeHyphensAndEdgesAreTrimmed() {
        assertThat(JobNames.generate("--my_job.v2!--", NOW)).isEqualTo("my-job-v2-20261125-090807-654");
        assertThat(JobNames.generate("___", NOW)).isEqualTo("trainctl-20261125-090807-654");
    }

    @Test
    void everyGeneratedNameIsValidWhateverThePrefix() {
        Random random = new Random(1);
        String alphabet = "abcXYZ019-_. /é";
        for (int i = 0; i < 2_000; i++) {
            StringBuilder prefix = new StringBuilder();
            for (int n = random.nextInt(80); n > 0; n--) {
                prefix.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String name = JobNames.generate(prefix.toString(), NOW.plusMillis(random.nextInt(1_000_000)));
            assertThat(name).hasSizeLessThanOrEqualTo(63).matches(JobNames.VALID);
        }
    }

    @Test
    void validateRefusesNamesSageMakerWouldRefuse() {
        assertThatThrownBy(() -> JobNames.validate("-starts-with-hyphen")).hasMessageContaining("not a valid");
        assertThatThrownBy(() -> JobNames.validate("has_underscore")).hasMessageContaining("not a valid");
        assertThatThrownBy(() -> JobNames.validate("a".repeat(64))).hasMessageContaining("at most 63");
        assertThat(JobNames.validate("ok--name-1")).isEqualTo("ok--name-1");
    }
}
