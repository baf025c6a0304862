package dev.trainctl.orchestrator.tune;

import dev.trainctl.orchestrator.trainingjob.TrainingJobRequests;
import java.util.Arrays;
import java.util.Locale;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterTuningJobObjectiveType;
import software.amazon.awssdk.services.sagemaker.model.MetricDefinition;

/**
 * What a tuning job optimises: one of the metrics the training jobs already emit ({@link
 * TrainingJobRequests#METRIC_DEFINITIONS}); SageMaker refuses an objective that is not among the definitions.
 */
public enum TuningObjective {
    TEST_ACCURACY("test:accuracy", HyperParameterTuningJobObjectiveType.MAXIMIZE),
    TEST_LOSS("test:loss", HyperParameterTuningJobObjectiveType.MINIMIZE);

    private final String metric;
    private final HyperParameterTuningJobObjectiveType type;

    TuningObjective(String metric, HyperParameterTuningJobObjectiveType type) {
        this.metric = metric;
        this.type = type;
        if (TrainingJobRequests.METRIC_DEFINITIONS.stream().map(MetricDefinition::name).noneMatch(metric::equals)) {
            throw new IllegalStateException("objective " + metric + " is not a metric definition");
        }
    }

    public static TuningObjective parse(String text) {
        return Arrays.stream(values()).filter(o -> o.metric.equals(text.trim().toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--objective '" + text + "': use test:accuracy"
                        + " (maximize, the default) or test:loss (minimize)"));
    }

    public String metric() {
        return metric;
    }

    public HyperParameterTuningJobObjectiveType type() {
        return type;
    }

    /** The regex SageMaker applies to the training job's log to read this metric. */
    public String regex() {
        return TrainingJobRequests.METRIC_DEFINITIONS.stream().filter(d -> d.name().equals(metric)).findFirst()
                .orElseThrow().regex();
    }

    /** Whether {@code a} is a better objective value than {@code b}. */
    public boolean better(double a, double b) {
        return type == HyperParameterTuningJobObjectiveType.MAXIMIZE ? a > b : a < b;
    }
}
