package dev.trainctl.orchestrator.jobs;

import dev.trainctl.orchestrator.cli.TerminalText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.MetricData;

/**
 * What a finished (or running) job comes to, for people and for {@code --output json}: status, final metrics,
 * billable time, estimated cost, the model's S3 URI, and the failure reason.
 */
public record JobSummary(String name, String status, String secondaryStatus, String instanceType,
        Map<String, Double> finalMetrics, Integer trainingSeconds, Integer billableSeconds, Double estimatedCostUsd,
        String modelArtifact, String failureReason) {

    public static JobSummary of(DescribeTrainingJobResponse job) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (MetricData metric : job.finalMetricDataList()) {
            metrics.put(metric.metricName(), metric.value() == null ? null : metric.value().doubleValue());
        }
        String instanceType = job.resourceConfig() == null ? null : job.resourceConfig().instanceTypeAsString();
        Integer billable = job.billableTimeInSeconds();
        Double cost = billable == null || instanceType == null ? null
                : PriceTable.cost(instanceType, billable).orElse(null);
        return new JobSummary(job.trainingJobName(), job.trainingJobStatusAsString(), job.secondaryStatusAsString(),
                instanceType, metrics, job.trainingTimeInSeconds(), billable, cost,
                job.modelArtifacts() == null ? null : job.modelArtifacts().s3ModelArtifacts(), job.failureReason());
    }

    /** Short lines for people. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add("job " + name + ": " + status + (secondaryStatus == null ? "" : " (" + secondaryStatus + ")"));
        if (!finalMetrics.isEmpty()) {
            StringBuilder text = new StringBuilder("final metrics:");
            finalMetrics.forEach((key, value) -> text.append(String.format(Locale.ROOT, " %s=%s", key,
                    value == null ? "?" : String.format(Locale.ROOT, "%.4f", value))));
            lines.add(text.toString());
        }
        if (billableSeconds != null) {
            lines.add(String.format(Locale.ROOT, "billable: %d s on %s%s%s", billableSeconds, instanceType,
                    trainingSeconds != null && !trainingSeconds.equals(billableSeconds)
                            ? " (training " + trainingSeconds + " s; managed spot saved the difference)" : "",
                    estimatedCostUsd == null ? "" : String.format(Locale.ROOT, ", estimated cost $%.4f (%s prices as"
                            + " of %s)", estimatedCostUsd, PriceTable.REGION, PriceTable.AS_OF)));
        }
        if (modelArtifact != null && "Completed".equals(status)) {
            lines.add("model: " + TerminalText.escape(modelArtifact));
        }
        if (failureReason != null) {
            lines.add("failure reason: " + TerminalText.escape(failureReason));
        }
        return lines;
    }
}
