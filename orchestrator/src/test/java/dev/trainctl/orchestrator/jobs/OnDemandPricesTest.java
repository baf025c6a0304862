package dev.trainctl.orchestrator.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainctl.orchestrator.fakes.AwsFaults;
import dev.trainctl.orchestrator.fakes.FakePricing;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OnDemandPricesTest {

    private final FakePricing pricing = new FakePricing();

    @Test
    void theOnDemandTrainingPriceOfTheRegionIsUsedNotHostingOrSpot() {
        pricing.product("eu-west-1", "ml.m5.large", "Hosting", "EU-Host:ml.m5.large", "0.1280000000")
                .product("eu-west-1", "ml.m5.large", "Training", "EU-Train:ml.m5.large", "0.1270000000")
                .product("eu-west-1", "ml.m5.large", "Training", "EU-Train-Spot:ml.m5.large", "0.0400000000")
                .product("us-east-1", "ml.m5.large", "Training", "USE1-Train:ml.m5.large", "0.1150000000");

        PriceQuote quote = OnDemandPrices.quote(Optional.of(pricing), "ml.m5.large", "eu-west-1");

        assertThat(quote.live()).isTrue();
        assertThat(quote.usdPerHour()).hasValue(0.127);
        assertThat(quote.worstCase(7200)).isEqualTo("worst-case cost: $0.25 (ml.m5.large at $0.127/h x max runtime "
                + "2h; live on-demand eu-west-1 price from the AWS Price List API)");
    }

    @Test
    void withoutPermissionTheDatedTableIsUsedAndSaysSo() {
        pricing.answers.deny("GetProducts", "pricing:GetProducts");

        PriceQuote quote = OnDemandPrices.quote(Optional.of(pricing), "ml.t3.medium", "eu-west-1");

        assertThat(quote.live()).isFalse();
        assertThat(quote.worstCase(3600)).startsWith(PriceTable.worstCase("ml.t3.medium", 3600).replace(")", ""))
                .endsWith("from trainctl's price table; pricing:GetProducts is not permitted, so no live price)");
    }

    @Test
    void noMatchingProductOrAnotherPartitionFallsBackToTheTable() {
        assertThat(OnDemandPrices.quote(Optional.of(pricing), "ml.t3.medium", "eu-west-1").source())
                .contains("has no on-demand training price for ml.t3.medium in eu-west-1");
        assertThat(OnDemandPrices.quote(Optional.empty(), "ml.t3.medium", "cn-north-1").source())
                .contains("serves only the aws partition");
    }

    @Test
    void anUnexpectedFailureFallsBackWithAwsReason() {
        pricing.answers.fail("GetProducts", AwsFaults.error(500, "InternalErrorException", "try again"));

        assertThat(OnDemandPrices.quote(Optional.of(pricing), "ml.t3.medium", "eu-west-1").source())
                .contains("could not be read").contains("InternalErrorException");
    }

    @Test
    void theRequestFiltersOnTheRegionTheInstanceAndTrainingAttributes() {
        var request = OnDemandPrices.request("ml.t3.medium", "eu-west-1");

        assertThat(request.serviceCode()).isEqualTo("AmazonSageMaker");
        assertThat(request.filters()).extracting(f -> f.field() + "=" + f.value())
                .containsExactly("regionCode=eu-west-1", "instanceName=ml.t3.medium", "component=Training");
    }
}
