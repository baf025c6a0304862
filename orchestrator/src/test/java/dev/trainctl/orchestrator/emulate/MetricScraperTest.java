package dev.trainctl.orchestrator.emulate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainctl.orchestrator.trainingjob.TrainingJobRequests;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.model.MetricDefinition;

class MetricScraperTest {

    @Test
    void theFinalValueOfAMetricIsTheLastOneItsRegexMatched() {
        MetricScraper scraper = new MetricScraper(TrainingJobRequests.METRIC_DEFINITIONS);

        scraper.accept("epoch=1 train_loss=1.5 train_accuracy=0.5 test_loss=1.0 test_accuracy=0.7 epoch_seconds=2.0");
        scraper.accept("epoch=2 train_loss=0.5 train_accuracy=0.8 test_loss=0.6 test_accuracy=0.84 epoch_seconds=1.5");
        scraper.accept("model written to /opt/ml/model");

        assertThat(scraper.finalValues()).containsEntry("epoch", 2.0).containsEntry("test:accuracy", 0.84)
                .containsEntry("train:loss", 0.5).hasSize(6);
        assertThat(scraper.neverMatched()).isEmpty();
    }

    @Test
    void aDefinitionThatNeverMatchesIsReportedAndHasNoValue() {
        MetricScraper scraper = new MetricScraper(List.of(
                MetricDefinition.builder().name("test:accuracy").regex("test_accuracy=([0-9.]+)").build(),
                MetricDefinition.builder().name("validation:f1").regex("val_f1=([0-9.]+)").build()));

        scraper.accept("epoch=1 test_accuracy=0.9");

        assertThat(scraper.finalValues()).containsOnlyKeys("test:accuracy");
        assertThat(scraper.neverMatched()).containsExactly("validation:f1 (val_f1=([0-9.]+))");
    }
}
