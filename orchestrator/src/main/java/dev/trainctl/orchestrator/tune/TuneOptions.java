package dev.trainctl.orchestrator.tune;

import dev.trainctl.orchestrator.cli.Invocation;
import dev.trainctl.orchestrator.cli.TrainctlException;
import dev.trainctl.orchestrator.data.DataOptions;
import dev.trainctl.orchestrator.trainingjob.RemoteTrainOptions;
import dev.trainctl.training.train.Hyperparameters;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code tune}'s options: the search (ranges, objective, strategy, limits) and the trials' fixed training options,
 * plus the same remote-training options {@code train --on sagemaker} has, read once into values for both modes.
 *
 * @param ranges what is searched
 * @param training the trials' hyperparameters: the fixed values, and the defaults of what is searched
 */
record TuneOptions(List<SearchRange> ranges, Hyperparameters training, TuningObjective objective, Strategy strategy,
        Optional<Integer> maxJobs, int maxParallel, Optional<Boolean> earlyStopping) {

    static final int DEFAULT_MAX_JOBS = 10;
    static final int DEFAULT_MAX_PARALLEL = 2;

    static Options addTo(Options options) {
        options.addOption(Option.builder().longOpt("on").hasArg().argName("sagemaker|emulated")
                        .desc("sagemaker: a SageMaker tuning job; emulated: the same search on this machine").get())
                .addOption(Option.builder().longOpt("learning-rate").hasArg().argName("MIN:MAX|LR")
                        .desc("a range, searched on a log scale (e.g. 0.0001:0.01), or one value (default: "
                                + Hyperparameters.DEFAULT_LEARNING_RATE + ")").get())
                .addOption(Option.builder().longOpt("hidden-size").hasArg().argName("a,b,c|MIN:MAX|N")
                        .desc("a list (64,128,256), an integer range, or one value (default: "
                                + Hyperparameters.DEFAULT_HIDDEN_SIZE + ")").get())
                .addOption(Option.builder().longOpt("batch-size").hasArg().argName("a,b,c|MIN:MAX|N")
                        .desc("a list (32,64,128), an integer range, or one value (default: "
                                + Hyperparameters.DEFAULT_BATCH_SIZE + ")").get())
                .addOption(Option.builder().longOpt("epochs").hasArg().argName("N")
                        .desc("epochs of every trial (default: " + Hyperparameters.DEFAULT_EPOCHS + ")").get())
                .addOption(Option.builder().longOpt("seed").hasArg().argName("N")
                        .desc("the trials' seed, and the search's (default: " + Hyperparameters.DEFAULT_SEED + ")")
                        .get())
                .addOption(Option.builder().longOpt("max-train-samples").hasArg().argName("N")
                        .desc("train every trial on the first N images only (quick runs)").get())
                .addOption(Option.builder().longOpt("device").hasArg().argName("auto|cpu|gpu")
                        .desc("where the trials train (default: auto)").get())
                .addOption(Option.builder().longOpt("objective").hasArg().argName("test:accuracy|test:loss")
                        .desc("the metric to optimise (default: test:accuracy, maximized; test:loss is minimized)")
                        .get())
                .addOption(Option.builder().longOpt("strategy").hasArg().argName("bayesian|random|hyperband|grid")
                        .desc("how SageMaker picks trials (default: bayesian; offline: random, or grid)").get())
                .addOption(Option.builder().longOpt("max-jobs").hasArg().argName("N")
                        .desc("trials at most (default: " + DEFAULT_MAX_JOBS + "; grid: every combination)").get())
                .addOption(Option.builder().longOpt("max-parallel").hasArg().argName("N")
                        .desc("trials at a time (default: " + DEFAULT_MAX_PARALLEL + "; offline at most the cores)")
                        .get())
                .addOption(Option.builder().longOpt("early-stopping").hasArg().argName("auto|off")
                        .desc("let SageMaker stop trials that will not win (default: auto; off for hyperband and "
                                + "grid)").get());
        DataOptions.addTo(options);
        return RemoteTrainOptions.addTo(options);
    }

    static TuneOptions read(Invocation invocation) {
        try {
            List<SearchRange> ranges = new ArrayList<>();
            Hyperparameters d = Hyperparameters.defaults();
            double learningRate = fixed(invocation, "learning-rate", "learning_rate", false, ranges)
                    .map(Double::parseDouble).orElse(d.learningRate());
            int hiddenSize = fixed(invocation, "hidden-size", "hidden_size", true, ranges).map(Integer::parseInt)
                    .orElse(d.hiddenSize());
            int batchSize = fixed(invocation, "batch-size", "batch_size", true, ranges).map(Integer::parseInt)
                    .orElse(d.batchSize());
            Hyperparameters training = new Hyperparameters(invocation.intValue("epochs", d.epochs(), 1,
                    Hyperparameters.MAX_EPOCHS), batchSize, learningRate,
                    invocation.longValue("seed", d.seed(), 0, Long.MAX_VALUE), hiddenSize);
            Strategy strategy = Strategy.parse(invocation.value("strategy", "bayesian"));
            Optional<Boolean> early = invocation.value("early-stopping").map(TuneOptions::earlyStopping);
            Optional<Integer> maxJobs = invocation.value("max-jobs").map(v -> invocation.intValue("max-jobs", 0, 1,
                    TuningSpec.MAX_JOBS_LIMIT));
            return new TuneOptions(ranges, training,
                    TuningObjective.parse(invocation.value("objective", TuningObjective.TEST_ACCURACY.metric())),
                    strategy, maxJobs, invocation.intValue("max-parallel", DEFAULT_MAX_PARALLEL, 1,
                            TuningSpec.MAX_PARALLEL_LIMIT), early);
        } catch (IllegalArgumentException e) {
            throw TrainctlException.usage(e.getMessage());
        }
    }

    /** The option's single value, or empty after adding its range or list to {@code ranges}. */
    private static Optional<String> fixed(Invocation invocation, String option, String hyperparameter,
            boolean integer, List<SearchRange> ranges) {
        Optional<String> text = invocation.value(option);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Optional<SearchRange> range = SearchRange.parse(option, hyperparameter, text.get(), integer);
        range.ifPresent(r -> ranges.add(trainable(option, text.get(), r)));
        return range.isPresent() ? Optional.empty() : text.map(String::trim);
    }

    /**
     * The range, if every value a trial can get is one {@code train} accepts (its edges are enough: each
     * hyperparameter's rule is a range), so no trial fails on a value its container refuses.
     */
    private static SearchRange trainable(String option, String text, SearchRange range) {
        Hyperparameters d = Hyperparameters.defaults();
        for (String value : range.extremes()) {
            try {
                switch (range.hyperparameter()) {
                    case "learning_rate" -> new Hyperparameters(d.epochs(), d.batchSize(), Double.parseDouble(value),
                            d.seed(), d.hiddenSize());
                    case "hidden_size" -> new Hyperparameters(d.epochs(), d.batchSize(), d.learningRate(), d.seed(),
                            Integer.parseInt(value));
                    case "batch_size" -> new Hyperparameters(d.epochs(), Integer.parseInt(value), d.learningRate(),
                            d.seed(), d.hiddenSize());
                    default -> throw new IllegalStateException("no rule for " + range.hyperparameter());
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--" + option + " '" + text + "': a trial could get " + value
                        + ", which train refuses: " + e.getMessage());
            }
        }
        return range;
    }

    private static boolean earlyStopping(String text) {
        return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "auto" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException("--early-stopping '" + text + "': use auto or off");
        };
    }

    /** Trials at most: as given, or the grid's size for grid search, or the default. */
    int jobs() {
        return maxJobs.orElse(strategy == Strategy.GRID ? TuningSpec.gridSize(ranges) : DEFAULT_MAX_JOBS);
    }

    /**
     * Early stopping as given, or the default: auto, but off for hyperband (SageMaker requires it off) and for grid
     * (AWS documents no refusal there, but a grid is asked for to run every combination to its end).
     */
    boolean early() {
        return earlyStopping.orElse(strategy != Strategy.HYPERBAND && strategy != Strategy.GRID);
    }
}
