package dev.trainctl.orchestrator.trainingjob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainctl.orchestrator.jobs.PriceTable;
import org.junit.jupiter.api.Test;

class InstanceTypesTest {

    @Test
    void defaultIsTheSmallestT3() {
        assertThat(InstanceTypes.choose(null, false)).isEqualTo("ml.t3.medium");
    }

    @Test
    void gpuPicksAT4WhichTheGpuImageSupports() {
        assertThat(InstanceTypes.choose(null, true)).isEqualTo("ml.g4dn.xlarge");
        assertThat(InstanceTypes.hasGpu("ml.g4dn.xlarge")).isTrue();
        assertThat(InstanceTypes.hasGpu("ml.m5.large")).isFalse();
    }

    @Test
    void anExplicitTypeWinsOverGpu() {
        assertThat(InstanceTypes.choose("ml.g4dn.xlarge", true)).isEqualTo("ml.g4dn.xlarge");
    }

    @Test
    void aTypeTheSdkDoesNotKnowIsRefusedBeforeAnyCall() {
        assertThatThrownBy(() -> InstanceTypes.choose("t3.medium", false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'t3.medium' is not a SageMaker training instance type")
                .hasMessageContaining("'ml.' prefix");
        assertThatThrownBy(() -> InstanceTypes.choose("ml.t2.nano", false))
                .hasMessageStartingWith("'ml.t2.nano' is not");
    }

    @Test
    void worstCaseCostIsHourlyPriceTimesMaxRuntime() {
        assertThat(PriceTable.worstCase("ml.t3.medium", 3600)).startsWith(
                "worst-case cost: $0.05 (ml.t3.medium at $0.050/h x max runtime 1h; on-demand us-east-1 prices as of");
        assertThat(PriceTable.worstCase("ml.p3.2xlarge", 7200)).startsWith("worst-case cost: $7.65 ");
        assertThat(PriceTable.worstCase("ml.r5.large", 60)).startsWith("worst-case cost: unknown");
        assertThat(PriceTable.cost("ml.m5.large", 1800)).hasValue(0.0575);
    }
}
