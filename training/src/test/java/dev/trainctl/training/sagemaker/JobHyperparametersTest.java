package dev.trainctl.training.sagemaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainctl.training.train.DeviceChoice;
import dev.trainctl.training.train.Hyperparameters;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobHyperparametersTest {

    @Test
    void anEmptyMapMeansTheTutorialDefaults() {
        JobHyperparameters parsed = JobHyperparameters.parse(Map.of());

        assertThat(parsed).isEqualTo(JobHyperparameters.defaults());
        assertThat(parsed.training()).isEqualTo(Hyperparameters.defaults());
        assertThat(parsed.dataset()).isEqualTo("mnist");
    }

    @Test
    void toStringsRoundTripsThroughParse() {
        JobHyperparameters job = new JobHyperparameters(new Hyperparameters(3, 64, 5e-4, 9, 256), "fashion-mnist",
                1000, DeviceChoice.CPU);

        Map<String, String> strings = job.toStrings();

        assertThat(strings).containsEntry("epochs", "3").containsEntry("learning_rate", "5.0E-4")
                .containsEntry("max_train_samples", "1000").containsEntry("dataset", "fashion-mnist")
                .containsEntry("device", "cpu");
        assertThat(JobHyperparameters.parse(strings)).isEqualTo(job);
    }

    @Test
    void maxTrainSamplesIsLeftOutWhenAllSamplesAreUsed() {
        assertThat(JobHyperparameters.defaults().toStrings()).doesNotContainKey("max_train_samples");
    }

    @Test
    void outOfRangeValuesAreRefusedWithTheTrainersMessage() {
        assertThatThrownBy(() -> JobHyperparameters.parse(Map.of("epochs", "0")))
                .hasMessage("hyperparameters: epochs must be between 1 and 1000, got 0");
    }

    @Test
    void unknownDatasetIsRefused() {
        assertThatThrownBy(() -> JobHyperparameters.parse(Map.of("dataset", "cifar")))
                .hasMessageContaining("unknown dataset 'cifar'");
    }

    @Test
    void everyUnknownKeyIsNamed() {
        assertThatThrownBy(() -> JobHyperparameters.parse(Map.of("lr", "1", "epoch", "2")))
                .hasMessageStartingWith("unknown hyperparameters epoch, lr (known: ");
    }
}
