package dev.trainctl.orchestrator.rolecheck;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The most a training job can cost: instances × hourly price × MaxRuntimeInSeconds (SageMaker stops the job there
 * and bills by the second). Prices are on-demand training list prices in us-east-1 as published on the SageMaker
 * pricing page; other regions differ, so the figure is labelled an estimate.
 *
 * @param instanceType such as ml.t3.medium
 * @param instances instance count
 * @param maxSeconds the job's MaxRuntimeInSeconds
 * @param pricePerHour USD per instance-hour, when the table knows the type
 */
public record CostEstimate(String instanceType, int instances, int maxSeconds, Optional<Double> pricePerHour) {

    /** USD per instance-hour, on-demand SageMaker training, us-east-1 (check the pricing page for your region). */
    static final Map<String, Double> US_EAST_1_PRICES = Map.of("ml.t3.medium", 0.05);

    public static CostEstimate worstCase(String instanceType, int instances, int maxSeconds) {
        return new CostEstimate(instanceType, instances, maxSeconds,
                Optional.ofNullable(US_EAST_1_PRICES.get(instanceType)));
    }

    public Optional<Double> worstCaseUsd() {
        return pricePerHour.map(p -> p * instances * maxSeconds / 3600.0);
    }

    /** "at most 900 s of 1 × ml.t3.medium: about $0.0125 (us-east-1 list price $0.05/h; storage and logs extra, cents)". */
    public String describe() {
        String time = "at most " + maxSeconds + " s of " + instances + " x " + instanceType;
        return worstCaseUsd().map(usd -> time + ": about $" + String.format(Locale.ROOT, "%.4f", usd)
                + " (us-east-1 on-demand list price $" + String.format(Locale.ROOT, "%.2f", pricePerHour.get())
                + "/h; other regions differ; S3 and CloudWatch Logs add fractions of a cent)")
                .orElse(time + " (no price on record for " + instanceType + ": check the SageMaker pricing page)");
    }
}
