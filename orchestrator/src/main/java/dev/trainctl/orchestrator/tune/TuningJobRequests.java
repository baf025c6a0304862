package dev.trainctl.orchestrator.tune;

import dev.trainctl.orchestrator.trainingjob.TrainingJobRequests;
import dev.trainctl.orchestrator.trainingjob.TrainingJobSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sagemaker.model.CategoricalParameterRange;
import software.amazon.awssdk.services.sagemaker.model.ContinuousParameterRange;
import software.amazon.awssdk.services.sagemaker.model.CreateHyperParameterTuningJobRequest;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterAlgorithmSpecification;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterScalingType;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterTrainingJobDefinition;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterTuningJobConfig;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterTuningJobObjective;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterTuningJobStrategyConfig;
import software.amazon.awssdk.services.sagemaker.model.HyperbandStrategyConfig;
import software.amazon.awssdk.services.sagemaker.model.IntegerParameterRange;
import software.amazon.awssdk.services.sagemaker.model.ParameterRanges;
import software.amazon.awssdk.services.sagemaker.model.ResourceLimits;
import software.amazon.awssdk.services.sagemaker.model.TrainingInputMode;
import software.amazon.awssdk.services.sagemaker.model.TrainingJobEarlyStoppingType;

/** Turns a {@link TuningSpec} into the exact {@code CreateHyperParameterTuningJob} request: pure and printable. */
public final class TuningJobRequests {

    private TuningJobRequests() {}

    public static CreateHyperParameterTuningJobRequest create(TuningSpec spec) {
        HyperParameterTuningJobConfig.Builder config = HyperParameterTuningJobConfig.builder()
                .strategy(spec.strategy().type())
                .hyperParameterTuningJobObjective(HyperParameterTuningJobObjective.builder()
                        .type(spec.objective().type()).metricName(spec.objective().metric()).build())
                .resourceLimits(ResourceLimits.builder().maxNumberOfTrainingJobs(spec.maxJobs())
                        .maxParallelTrainingJobs(spec.maxParallel()).build())
                .parameterRanges(ranges(spec.ranges()))
                .trainingJobEarlyStoppingType(spec.earlyStopping() ? TrainingJobEarlyStoppingType.AUTO
                        : TrainingJobEarlyStoppingType.OFF)
                .randomSeed(spec.randomSeed());
        if (spec.strategy() == Strategy.HYPERBAND) {
            // The resource is epochs: the trials print test:accuracy after every epoch, which Hyperband reads.
            int epochs = Integer.parseInt(spec.trial().hyperparameters().get("epochs"));
            config.strategyConfig(HyperParameterTuningJobStrategyConfig.builder()
                    .hyperbandStrategyConfig(HyperbandStrategyConfig.builder().minResource(1).maxResource(epochs)
                            .build()).build());
        }
        return CreateHyperParameterTuningJobRequest.builder()
                .hyperParameterTuningJobName(spec.tuningJobName())
                .hyperParameterTuningJobConfig(config.build())
                .trainingJobDefinition(definition(spec))
                .tags(TrainingJobRequests.tags(spec.trial()))
                .build();
    }

    /** What every trial is: the same parts as {@code train --on sagemaker}'s CreateTrainingJob request. */
    private static HyperParameterTrainingJobDefinition definition(TuningSpec spec) {
        TrainingJobSpec trial = spec.trial();
        HyperParameterTrainingJobDefinition.Builder definition = HyperParameterTrainingJobDefinition.builder()
                .algorithmSpecification(HyperParameterAlgorithmSpecification.builder()
                        .trainingImage(trial.image())
                        .trainingInputMode(TrainingInputMode.FILE)
                        .metricDefinitions(TrainingJobRequests.METRIC_DEFINITIONS)
                        .build())
                .roleArn(trial.roleArn())
                .staticHyperParameters(spec.staticHyperparameters())
                .inputDataConfig(TrainingJobRequests.trainChannel(trial))
                .outputDataConfig(TrainingJobRequests.output(trial))
                .resourceConfig(TrainingJobRequests.resources(trial))
                .stoppingCondition(TrainingJobRequests.stopping(trial))
                .enableNetworkIsolation(trial.networkIsolation());
        if (trial.spot()) {
            definition.enableManagedSpotTraining(true);
        }
        TrainingJobRequests.checkpoints(trial).ifPresent(definition::checkpointConfig);
        TrainingJobRequests.vpc(trial).ifPresent(definition::vpcConfig);
        return definition.build();
    }

    static ParameterRanges ranges(List<SearchRange> ranges) {
        List<ContinuousParameterRange> continuous = new ArrayList<>();
        List<IntegerParameterRange> integer = new ArrayList<>();
        List<CategoricalParameterRange> categorical = new ArrayList<>();
        for (SearchRange range : ranges) {
            switch (range.kind()) {
                case CONTINUOUS_LOG -> continuous.add(ContinuousParameterRange.builder().name(range.hyperparameter())
                        .minValue(SearchRange.plain(range.min())).maxValue(SearchRange.plain(range.max()))
                        .scalingType(HyperParameterScalingType.LOGARITHMIC).build());
                case INTEGER -> integer.add(IntegerParameterRange.builder().name(range.hyperparameter())
                        .minValue(SearchRange.plain(range.min())).maxValue(SearchRange.plain(range.max()))
                        .scalingType(HyperParameterScalingType.LINEAR).build());
                case CATEGORICAL -> categorical.add(CategoricalParameterRange.builder().name(range.hyperparameter())
                        .values(range.values()).build());
            }
        }
        ParameterRanges.Builder builder = ParameterRanges.builder();
        if (!continuous.isEmpty()) {
            builder.continuousParameterRanges(continuous);
        }
        if (!integer.isEmpty()) {
            builder.integerParameterRanges(integer);
        }
        if (!categorical.isEmpty()) {
            builder.categoricalParameterRanges(categorical);
        }
        return builder.build();
    }

    /** The tuned values of one trial, as the trial table shows them. */
    static String shortly(Map<String, String> tuned) {
        return String.join(" ", new java.util.TreeMap<>(tuned).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).toList());
    }
}
