package dev.trainctl.orchestrator.jobs;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The on-demand hourly price of one training instance type, and where it came from: the AWS Price List API for the
 * job's region, or trainctl's dated {@link PriceTable} (us-east-1) when the live price could not be read.
 *
 * @param instanceType e.g. {@code ml.t3.medium}
 * @param usdPerHour the price; empty when neither source knows the type
 * @param live true when the price came from {@code pricing:GetProducts}
 * @param source one phrase for people: which price this is, and for the table why the live one was not used
 */
public record PriceQuote(String instanceType, Optional<Double> usdPerHour, boolean live, String source) {

    public PriceQuote {
        Objects.requireNonNull(instanceType, "instanceType");
        Objects.requireNonNull(usdPerHour, "usdPerHour");
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("a price says where it came from");
        }
    }

    /** The live on-demand price for a region, read from the Price List API. */
    public static PriceQuote live(String instanceType, double usdPerHour, String region) {
        return new PriceQuote(instanceType, Optional.of(usdPerHour), true, "live on-demand " + region
                + " price from the AWS Price List API");
    }

    /** The table's price, saying why the live one was not used (e.g. "pricing:GetProducts not permitted"). */
    public static PriceQuote table(String instanceType, String whyNotLive) {
        return new PriceQuote(instanceType, PriceTable.hourly(instanceType), false, "on-demand " + PriceTable.REGION
                + " prices as of " + PriceTable.AS_OF + " from trainctl's price table; " + whyNotLive);
    }

    /** One line for people: the worst case of a job that runs until its MaxRuntimeInSeconds. */
    public String worstCase(long maxRuntimeSeconds) {
        return usdPerHour.map(price -> String.format(Locale.ROOT,
                        "worst-case cost: $%.2f (%s at $%.3f/h x max runtime %s; %s)",
                        price * maxRuntimeSeconds / 3600.0, instanceType, price, Durations.human(maxRuntimeSeconds),
                        source))
                .orElse("worst-case cost: unknown (no price for " + instanceType + "; see the SageMaker pricing page) "
                        + "for max runtime " + Durations.human(maxRuntimeSeconds) + "; " + source);
    }
}
