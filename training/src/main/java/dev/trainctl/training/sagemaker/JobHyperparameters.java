package dev.trainctl.training.sagemaker;

import dev.trainctl.training.data.Dataset;
import dev.trainctl.training.train.DeviceChoice;
import dev.trainctl.training.train.Hyperparameters;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The hyperparameters of a trainctl training job, as SageMaker hands them over: a map of string to string. The
 * orchestrator writes them with {@link #toStrings()} and the container reads them with {@link #parse}, so both
 * sides agree on names and formats. Unknown names are an error: a typo must not train with a default silently.
 *
 * @param training the trainer's hyperparameters
 * @param dataset {@code mnist}, {@code fashion-mnist} (files verified against their pinned SHA-256) or
 *     {@value #CUSTOM_DATASET} (any four IDX files with the MNIST names; format checked, hashes recorded)
 * @param maxTrainSamples train on the first N training images only; 0 for all (the smoke job uses 1000)
 * @param device where to train inside the container
 */
public record JobHyperparameters(Hyperparameters training, String dataset, int maxTrainSamples, DeviceChoice device) {

    public static final String CUSTOM_DATASET = "custom";

    static final String EPOCHS = "epochs";
    static final String BATCH_SIZE = "batch_size";
    static final String LEARNING_RATE = "learning_rate";
    static final String SEED = "seed";
    static final String HIDDEN_SIZE = "hidden_size";
    static final String DATASET = "dataset";
    static final String MAX_TRAIN_SAMPLES = "max_train_samples";
    static final String DEVICE = "device";
    /**
     * Set in a tuning job's static hyperparameters, so each trial knows it is one: its name is the objective metric.
     * The SageMaker Python SDK's tuner sets the same key, and AWS's framework containers tell a trial by it.
     */
    public static final String TUNING_OBJECTIVE_METRIC = "_tuning_objective_metric";
    /** Every name the container accepts (and {@link #TUNING_OBJECTIVE_METRIC}, which a tuning job sets). */
    public static final Set<String> NAMES = Set.of(EPOCHS, BATCH_SIZE, LEARNING_RATE, SEED, HIDDEN_SIZE, DATASET,
            MAX_TRAIN_SAMPLES, DEVICE);

    public JobHyperparameters {
        if (!dataset.equals(CUSTOM_DATASET)) {
            dataset = Dataset.fromId(dataset).id();
        }
        if (maxTrainSamples < 0) {
            throw new IllegalArgumentException(MAX_TRAIN_SAMPLES + " must be 0 (all) or positive, got " + maxTrainSamples);
        }
    }

    public static JobHyperparameters defaults() {
        return new JobHyperparameters(Hyperparameters.defaults(), Dataset.MNIST.id(), 0, DeviceChoice.AUTO);
    }

    /** The pinned data set, or null for {@value #CUSTOM_DATASET}. */
    public Dataset pinnedDataset() {
        return dataset.equals(CUSTOM_DATASET) ? null : Dataset.fromId(dataset);
    }

    /**
     * Reads SageMaker's map; names not given keep their defaults.
     *
     * @throws IllegalArgumentException naming the key and the bad value
     */
    public static JobHyperparameters parse(Map<String, String> values) {
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(NAMES);
        unknown.remove(TUNING_OBJECTIVE_METRIC);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown hyperparameter" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + " (known: " + String.join(", ", new TreeSet<>(NAMES)) + ")");
        }
        Hyperparameters d = Hyperparameters.defaults();
        int epochs = integer(values, EPOCHS, d.epochs());
        int batchSize = integer(values, BATCH_SIZE, d.batchSize());
        double learningRate = decimal(values, LEARNING_RATE, d.learningRate());
        long seed = whole(values, SEED, d.seed());
        int hiddenSize = integer(values, HIDDEN_SIZE, d.hiddenSize());
        Hyperparameters training;
        try {
            training = new Hyperparameters(epochs, batchSize, learningRate, seed, hiddenSize);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("hyperparameters: " + e.getMessage(), e);
        }
        DeviceChoice device = DeviceChoice.parse(values.getOrDefault(DEVICE, "auto").trim());
        return new JobHyperparameters(training, values.getOrDefault(DATASET, Dataset.MNIST.id()).trim(),
                integer(values, MAX_TRAIN_SAMPLES, 0), device);
    }

    /** Whether the job that gave these values is a trial of a tuning job ({@link #TUNING_OBJECTIVE_METRIC}). */
    public static boolean tuningTrial(Map<String, String> values) {
        return values.containsKey(TUNING_OBJECTIVE_METRIC);
    }

    /** The map for {@code CreateTrainingJob}: every value a string, in a stable order. */
    public Map<String, String> toStrings() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(EPOCHS, Integer.toString(training.epochs()));
        values.put(BATCH_SIZE, Integer.toString(training.batchSize()));
        values.put(LEARNING_RATE, Double.toString(training.learningRate()));
        values.put(SEED, Long.toString(training.seed()));
        values.put(HIDDEN_SIZE, Integer.toString(training.hiddenSize()));
        values.put(DATASET, dataset);
        if (maxTrainSamples > 0) {
            values.put(MAX_TRAIN_SAMPLES, Integer.toString(maxTrainSamples));
        }
        values.put(DEVICE, device.name().toLowerCase(java.util.Locale.ROOT));
        return values;
    }

    private static int integer(Map<String, String> values, String key, int fallback) {
        long value = whole(values, key, fallback);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("hyperparameter " + key + ": " + value + " is out of range");
        }
        return (int) value;
    }

    private static long whole(Map<String, String> values, String key, long fallback) {
        String text = values.get(key);
        if (text == null) {
            return fallback;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("hyperparameter " + key + ": expected a whole number, got '" + text + "'");
        }
    }

    private static double decimal(Map<String, String> values, String key, double fallback) {
        String text = values.get(key);
        if (text == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("hyperparameter " + key + ": expected a number, got '" + text + "'");
        }
    }
}
