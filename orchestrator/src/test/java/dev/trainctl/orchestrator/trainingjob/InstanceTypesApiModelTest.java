package dev.trainctl.orchestrator.trainingjob;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainctl.orchestrator.cli.CliRun;
import dev.trainctl.orchestrator.fidelity.ApiModelCheck;
import dev.trainctl.orchestrator.jobsecurity.LocalStorageInstances;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * trainctl's training instance types are exactly AWS's (botocore's TrainingInstanceType enum), for training jobs and
 * the trials of tuning jobs alike: when AWS adds one, this fails with the names to add to
 * {@code InstanceTypes.NEWER_THAN_SDK}.
 */
class InstanceTypesApiModelTest {

    @RegisterExtension
    static final ApiModelCheck API = new ApiModelCheck();

    @ParameterizedTest
    @ValueSource(strings = {"CreateTrainingJob:ResourceConfig.InstanceType",
        "CreateHyperParameterTuningJob:TrainingJobDefinition.ResourceConfig.InstanceType"})
    void trainctlKnowsExactlyTheInstanceTypesOfAwsApiModel(String member) {
        String[] parts = member.split(":");
        Set<String> aws = new TreeSet<>(API.model().member("sagemaker", parts[0], parts[1]).enumValues());

        Set<String> missing = new TreeSet<>(aws);
        missing.removeAll(InstanceTypes.known());
        Set<String> extra = new TreeSet<>(InstanceTypes.known());
        extra.removeAll(aws);

        assertThat(missing).as("instance types AWS's model lists that trainctl refuses: add them").isEmpty();
        assertThat(extra).as("instance types trainctl accepts that AWS's model does not list").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ml.g7e.2xlarge", "ml.g7e.4xlarge", "ml.g7e.8xlarge", "ml.g7e.12xlarge",
        "ml.g7e.24xlarge", "ml.g7e.48xlarge", "ml.p6-b300.48xlarge"})
    void theNewestGpuTypesAreAcceptedAsGpuInstancesWithLocalStorage(String type) {
        CliRun run = CliRun.of("train", "--on", "sagemaker", "--dry-run", "--region", "us-east-1", "--instance-type",
                type);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(InstanceTypes.hasGpu(type)).isTrue();
        assertThat(LocalStorageInstances.hasLocalStorage(type)).isTrue();
    }

    @Test
    void aVolumeKeyOnTheNewestLocalStorageFamilyIsRefused() {
        CliRun run = CliRun.of("train", "--on", "sagemaker", "--dry-run", "--region", "us-east-1", "--instance-type",
                "ml.g7e.2xlarge", "--volume-kms-key",
                "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("ml.g7e.2xlarge");
    }
}
