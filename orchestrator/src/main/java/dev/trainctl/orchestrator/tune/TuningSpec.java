package dev.trainctl.orchestrator.tune;

import dev.trainctl.orchestrator.names.JobNames;
import dev.trainctl.orchestrator.names.S3Uri;
import dev.trainctl.orchestrator.trainingjob.TrainingJobSpec;
import dev.trainctl.training.sagemaker.JobHyperparameters;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A hyper-parameter tuning job: what {@link TuningJobRequests} turns into {@code CreateHyperParameterTuningJob}, and
 * what {@code tune --on emulated} rehearses. Every trial is {@code trial} (the same image, role, data channel,
 * network isolation and metric definitions as {@code train --on sagemaker}) with the tuned hyperparameters set.
 * Validated here, so a combination SageMaker would refuse never reaches it.
 *
 * @param tuningJobName {@code NAME-yyMMdd-HHmmss}, at most 32 characters; it prefixes every trial's name
 * @param trial the training job every trial is; its hyperparameters are the static ones
 * @param ranges what is searched; at least one
 * @param objective the metric to optimise
 * @param strategy how SageMaker chooses the trials
 * @param maxJobs how many trials at most (with grid: exactly the grid's size)
 * @param maxParallel how many at a time
 * @param earlyStopping SageMaker may stop trials that will not beat the best (not with hyperband, which stops
 *     trials itself)
 * @param randomSeed makes the search repeatable
 */
public record TuningSpec(String tuningJobName, TrainingJobSpec trial, List<SearchRange> ranges,
        TuningObjective objective, Strategy strategy, int maxJobs, int maxParallel, boolean earlyStopping,
        int randomSeed) {

    /** SageMaker's limit on MaxNumberOfTrainingJobs per tuning job (the default service quota). */
    public static final int MAX_JOBS_LIMIT = 500;
    /** SageMaker's limit on MaxParallelTrainingJobs. */
    public static final int MAX_PARALLEL_LIMIT = 100;

    public TuningSpec {
        JobNames.validateTuning(tuningJobName);
        ranges = List.copyOf(ranges);
        if (ranges.isEmpty()) {
            throw new IllegalArgumentException("nothing to tune: give a range or list for at least one of"
                    + " --learning-rate (MIN:MAX), --hidden-size or --batch-size (a,b,c or MIN:MAX)");
        }
        if (new HashSet<>(ranges.stream().map(SearchRange::hyperparameter).toList()).size() != ranges.size()) {
            throw new IllegalArgumentException("a hyperparameter is tuned twice: " + ranges);
        }
        if (strategy == Strategy.GRID) {
            ranges.stream().filter(r -> r.kind() != SearchRange.Kind.CATEGORICAL).findFirst().ifPresent(r -> {
                throw new IllegalArgumentException("--strategy grid searches lists only (a,b,c), but "
                        + r.describe() + " is a range: give its values as a list");
            });
            if (maxJobs != gridSize(ranges)) {
                throw new IllegalArgumentException("--strategy grid runs every combination: " + gridSize(ranges)
                        + " trials, so --max-jobs must be " + gridSize(ranges) + " (or left out), got " + maxJobs);
            }
        }
        if (strategy == Strategy.HYPERBAND && earlyStopping) {
            throw new IllegalArgumentException("--strategy hyperband stops trials itself: SageMaker requires"
                    + " --early-stopping off with it");
        }
        if (maxJobs < 1 || maxJobs > MAX_JOBS_LIMIT) {
            throw new IllegalArgumentException("--max-jobs must be 1 to " + MAX_JOBS_LIMIT + ", got " + maxJobs);
        }
        if (maxParallel < 1 || maxParallel > Math.min(maxJobs, MAX_PARALLEL_LIMIT)) {
            throw new IllegalArgumentException("--max-parallel must be 1 to " + Math.min(maxJobs, MAX_PARALLEL_LIMIT)
                    + " (at most --max-jobs and " + MAX_PARALLEL_LIMIT + "), got " + maxParallel);
        }
        if (randomSeed < 0) {
            throw new IllegalArgumentException("the tuning seed must be 0 or more, got " + randomSeed);
        }
    }

    /** The number of combinations of the lists. */
    public static int gridSize(List<SearchRange> ranges) {
        return ranges.stream().mapToInt(SearchRange::gridSize).reduce(1, Math::multiplyExact);
    }

    /**
     * The trials' fixed hyperparameters: the trial's, without the tuned ones, and the objective metric's name under
     * {@link JobHyperparameters#TUNING_OBJECTIVE_METRIC}, by which a trial's container knows it is one (it then keeps
     * its checkpoints in a folder of its own name, as the trials share one checkpoint URI).
     */
    public Map<String, String> staticHyperparameters() {
        Map<String, String> fixed = new TreeMap<>(trial.hyperparameters());
        ranges.forEach(range -> fixed.remove(range.hyperparameter()));
        fixed.put(JobHyperparameters.TUNING_OBJECTIVE_METRIC, objective.metric());
        return fixed;
    }

    /** Where a trial's model lands: {@code OUTPUT/TRIAL/output/model.tar.gz}, as for any training job. */
    public S3Uri trialModel(String trialName) {
        return trial.output().resolve(trialName + "/output/model.tar.gz");
    }
}
