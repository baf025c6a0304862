package dev.trainctl.orchestrator.account;

import dev.trainctl.orchestrator.jobs.PriceQuote;
import dev.trainctl.orchestrator.jobs.PriceTable;
import dev.trainctl.orchestrator.rolecheck.CheckResult;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * Check 7: whether SageMaker has an endpoint in the region (the SDK's endpoint list), and which price the cost
 * estimates use there: the live Price List price, or the dated us-east-1 table.
 */
final class RegionRows {

    static final String SAGEMAKER = "region.sagemaker";
    static final String PRICE = "region.price";

    private RegionRows() {}

    static List<CheckResult> rows(Region region, boolean endpointOverride, PriceQuote price) {
        return List.of(availability(region, endpointOverride), price(region, price));
    }

    private static CheckResult availability(Region region, boolean endpointOverride) {
        if (endpointOverride) {
            return CheckResult.pass(SAGEMAKER, "--endpoint-url is set: SageMaker is whatever that endpoint serves");
        }
        if (SageMakerClient.serviceMetadata().regions().contains(region)) {
            return CheckResult.pass(SAGEMAKER, "SageMaker is offered in " + region.id());
        }
        return CheckResult.warn(SAGEMAKER, "this SDK knows no SageMaker endpoint in " + region.id(), "pass --region with"
                + " a region where SageMaker training runs (e.g. us-east-1, eu-west-1)");
    }

    private static CheckResult price(Region region, PriceQuote price) {
        String hourly = price.usdPerHour().map(usd -> String.format(Locale.ROOT, "$%.3f/h", usd)).orElse("no price");
        if (price.live()) {
            return CheckResult.pass(PRICE, price.instanceType() + " trains at " + hourly + " (" + price.source() + ")");
        }
        if (region.id().equals(PriceTable.REGION)) {
            return CheckResult.pass(PRICE, price.instanceType() + " trains at " + hourly + " (" + price.source() + ")");
        }
        return CheckResult.warn(PRICE, price.instanceType() + " at " + hourly + " is a " + PriceTable.REGION
                + " price, this region is " + region.id() + " (" + price.source() + ")", "cost estimates here may be "
                + "off; allow pricing:GetProducts ('trainctl policy show account') for live prices of " + region.id());
    }
}
