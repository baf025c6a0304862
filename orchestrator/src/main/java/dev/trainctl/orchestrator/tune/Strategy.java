package dev.trainctl.orchestrator.tune;

import java.util.Arrays;
import java.util.Locale;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterTuningJobStrategyType;

/** SageMaker's search strategies; offline, {@link #offline} says which one the emulation runs instead. */
public enum Strategy {
    BAYESIAN(HyperParameterTuningJobStrategyType.BAYESIAN),
    RANDOM(HyperParameterTuningJobStrategyType.RANDOM),
    HYPERBAND(HyperParameterTuningJobStrategyType.HYPERBAND),
    GRID(HyperParameterTuningJobStrategyType.GRID);

    private final HyperParameterTuningJobStrategyType type;

    Strategy(HyperParameterTuningJobStrategyType type) {
        this.type = type;
    }

    public static Strategy parse(String text) {
        return Arrays.stream(values()).filter(s -> s.name().equalsIgnoreCase(text.trim())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--strategy '" + text
                        + "': use bayesian (the default), random, hyperband or grid"));
    }

    public HyperParameterTuningJobStrategyType type() {
        return type;
    }

    /** What {@code tune --on emulated} runs: grid as grid, everything else as random search. */
    public Strategy offline() {
        return this == GRID ? GRID : RANDOM;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
