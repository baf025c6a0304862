package dev.trainctl.orchestrator.jobs;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/**
 * On-demand SageMaker training prices in USD per instance-hour, us-east-1, for the instance types trainctl
 * suggests. Prices differ by region and change over time; the table is for an order-of-magnitude preview before a
 * job starts, never a bill. Managed spot training is billed at a discount of this, so on-demand is the worst case.
 * Source: the "Training" tab of the public Amazon SageMaker AI pricing page, as recorded on {@link #AS_OF}
 * (the build machine has no internet access: re-check there before relying on a figure).
 */
public final class PriceTable {

    public static final LocalDate AS_OF = LocalDate.of(2025, 6, 1);
    public static final String REGION = "us-east-1";

    private static final Map<String, Double> USD_PER_HOUR = Map.ofEntries(
            Map.entry("ml.t3.medium", 0.05),
            Map.entry("ml.t3.large", 0.10),
            Map.entry("ml.t3.xlarge", 0.20),
            Map.entry("ml.t3.2xlarge", 0.399),
            Map.entry("ml.m5.large", 0.115),
            Map.entry("ml.m5.xlarge", 0.23),
            Map.entry("ml.m5.2xlarge", 0.461),
            Map.entry("ml.c5.xlarge", 0.204),
            Map.entry("ml.c5.2xlarge", 0.408),
            Map.entry("ml.p3.2xlarge", 3.825),
            Map.entry("ml.g4dn.xlarge", 0.736),
            Map.entry("ml.g5.xlarge", 1.408));

    private PriceTable() {}

    public static Optional<Double> hourly(String instanceType) {
        return Optional.ofNullable(USD_PER_HOUR.get(instanceType));
    }

    /** Price × seconds, for one instance. */
    public static Optional<Double> cost(String instanceType, long seconds) {
        return hourly(instanceType).map(price -> price * seconds / 3600.0);
    }

    /** One line for people: the worst case of a job that runs until its MaxRuntimeInSeconds. */
    public static String worstCase(String instanceType, long maxRuntimeSeconds) {
        return hourly(instanceType)
                .map(price -> String.format(java.util.Locale.ROOT,
                        "worst-case cost: $%.2f (%s at $%.3f/h x max runtime %s; on-demand %s prices as of %s)",
                        price * maxRuntimeSeconds / 3600.0, instanceType, price, Durations.human(maxRuntimeSeconds),
                        REGION, AS_OF))
                .orElse("worst-case cost: unknown (no price recorded for " + instanceType + "; see the SageMaker"
                        + " pricing page) for max runtime " + Durations.human(maxRuntimeSeconds));
    }
}
