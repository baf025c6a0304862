package dev.trainctl.training.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import dev.trainctl.training.data.ImageSet;
import dev.trainctl.training.model.MnistMlp;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Trains the tutorial MLP with Adam and softmax cross-entropy. The loop is lean: the labels live on the device,
 * each epoch draws a shuffled order, and each batch gathers its rows of uint8 pixels by that order ({@link
 * PixelBatches}) and normalises them inside a child {@link NDManager} that is closed after the step, so no native
 * memory outlives its batch and no float or shuffled copy of the images is ever made.
 */
public final class MnistTrainer implements AutoCloseable {

    private final Hyperparameters hyperparameters;
    private final Device device;
    private final NDManager manager;
    private final SequentialBlock block;
    private final ParameterStore parameterStore;
    private final List<NDArray> parameters;
    private final Adam adam;
    private final Loss loss = Loss.softmaxCrossEntropyLoss();
    private final Evaluator evaluator = new Evaluator();
    private final List<EpochMetrics> history = new ArrayList<>();
    /** Images per epoch of the running (or last) {@link #fit}; 0 before the first. */
    private int trainImages;
    /** Images per epoch of the run a restored checkpoint came from; 0 when not restored or not recorded. */
    private int restoredTrainImages;
    /** SHA-256 of the training images and labels of the running (or last) {@link #fit}; null before the first. */
    private String trainData;
    /** The same of the run a restored checkpoint came from; null when not restored or not recorded. */
    private String restoredTrainData;
    /**
     * The running sums of the epoch in progress (batch losses, correct predictions) after a stop or a restore in the
     * middle of it, so that the resumed epoch reports the same figures as an uninterrupted one; zero otherwise.
     */
    private EpochSums partialEpoch = EpochSums.NONE;
    /** Set from another thread (a SIGTERM or Ctrl-C hook); the loop checks it between batches. */
    private volatile boolean stopRequested;

    /** Builds the network on {@code device} with parameters initialised from the seed. */
    public MnistTrainer(Hyperparameters hyperparameters, Device device) {
        this.hyperparameters = hyperparameters;
        this.device = device;
        Engine.getInstance().setRandomSeed((int) hyperparameters.seed());
        this.manager = NDManager.newBaseManager(device);
        this.block = MnistMlp.build(hyperparameters.hiddenSize());
        block.initialize(manager, DataType.FLOAT32, MnistMlp.inputShape(1));
        this.parameters = block.getParameters().values().stream().map(Parameter::getArray).toList();
        this.parameterStore = new ParameterStore(manager, false);
        this.adam = new Adam((float) hyperparameters.learningRate(), parameters, manager);
    }

    public Hyperparameters hyperparameters() {
        return hyperparameters;
    }

    public Device device() {
        return device;
    }

    public SequentialBlock block() {
        return block;
    }

    /**
     * Asks a running {@link #fit} to stop before its next batch, from any thread. {@code fit} then throws
     * {@link TrainingStoppedException} with the trainer at a batch boundary, so a checkpoint saved then resumes
     * exactly (the optimizer's step count says how far into the epoch it got).
     */
    public void requestStop() {
        stopRequested = true;
    }

    /** The epochs completed so far, including those restored from a checkpoint. */
    public List<EpochMetrics> history() {
        return List.copyOf(history);
    }

    /**
     * Trains until {@link Hyperparameters#epochs()} epochs are complete, calling {@code afterEpoch} after each
     * (to write a checkpoint), then evaluates on the test set.
     */
    public TrainingResult fit(ImageSet train, ImageSet test, TrainingListener listener, EpochHook afterEpoch)
            throws IOException {
        long start = System.nanoTime();
        trainData = fingerprint(train);
        int firstBatch = resumeBatch(train.count());
        trainImages = train.count();
        try (NDManager dataManager = manager.newSubManager();
                NDArray trainLabels = DeviceImages.labels(train, dataManager);
                DeviceImages testData = DeviceImages.upload(test, dataManager)) {
            PixelBatches trainBatches = new PixelBatches(train, hyperparameters.batchSize(), dataManager);
            Evaluation evaluation = null;
            for (int epoch = history.size() + 1; epoch <= hyperparameters.epochs(); epoch++) {
                long epochStart = System.nanoTime();
                double[] lossAndAccuracy = trainEpoch(trainBatches, trainLabels, epoch, listener, firstBatch);
                firstBatch = 0;
                evaluation = evaluator.evaluate(block, parameterStore, testData);
                EpochMetrics metrics = new EpochMetrics(epoch, lossAndAccuracy[0], lossAndAccuracy[1],
                        evaluation.loss(), evaluation.accuracy(), (System.nanoTime() - epochStart) / 1e9);
                history.add(metrics);
                listener.epochFinished(metrics);
                afterEpoch.epochFinished(this);
            }
            if (evaluation == null) {
                evaluation = evaluator.evaluate(block, parameterStore, testData);
            }
            return new TrainingResult(hyperparameters, device.toString(), history, evaluation,
                    (System.nanoTime() - start) / 1e9);
        }
    }

    /**
     * Where a checkpoint saved mid-epoch (after a stop) left off: the optimizer steps beyond the completed epochs
     * are the batches of the next epoch already trained.
     */
    private int resumeBatch(int count) throws CheckpointException {
        if (restoredTrainImages > 0 && restoredTrainImages != count) {
            throw new CheckpointException("the checkpoint was trained on " + restoredTrainImages + " images per"
                    + " epoch, this run has " + count + ": pass the same --max-train-samples and data set to continue"
                    + " it, or train without --resume to start afresh");
        }
        if (restoredTrainData != null && !restoredTrainData.equals(trainData)) {
            throw new CheckpointException("the checkpoint was trained on other images than this run's (another"
                    + " --dataset, --data-dir or --max-train-samples): pass the checkpoint's to continue it, or train"
                    + " without --resume to start afresh");
        }
        long batches = (count + hyperparameters.batchSize() - 1) / hyperparameters.batchSize();
        long done = adam.steps() - history.size() * batches;
        if (done < 0 || done >= batches) {
            throw new CheckpointException("the checkpoint's " + adam.steps() + " optimizer steps do not fit "
                    + history.size() + " epochs of " + batches + " batches: it was made with other training data"
                    + " (another --max-train-samples or data set); train without --resume to start afresh");
        }
        return (int) done;
    }

    /**
     * Runs one epoch from {@code firstBatch} (non-zero only when resuming mid-epoch) and returns {mean batch loss,
     * training accuracy} over the whole epoch, the batches before a resume included through the carried sums.
     */
    private double[] trainEpoch(PixelBatches images, NDArray allLabels, int epoch, TrainingListener listener,
            int firstBatch) {
        int count = Math.toIntExact(allLabels.size());
        int batchSize = hyperparameters.batchSize();
        int batches = (count + batchSize - 1) / batchSize;
        listener.epochStarted(epoch, hyperparameters.epochs(), batches);
        try (NDManager epochManager = manager.newSubManager()) {
            long[] shuffled = shuffledOrder(count, hyperparameters.seed(), epoch);
            NDArray order = epochManager.create(shuffled);
            NDArray labels = allLabels.get(order);
            labels.attach(epochManager);
            EpochSums carried = firstBatch > 0 ? partialEpoch : EpochSums.NONE;
            NDArray lossSum = epochManager.create(carried.lossSum());
            NDArray correct = epochManager.create(carried.correct());
            partialEpoch = EpochSums.NONE;
            for (int batch = firstBatch; batch < batches; batch++) {
                if (stopRequested) {
                    partialEpoch = new EpochSums(lossSum.getFloat(), correct.getLong(), batch);
                    throw new TrainingStoppedException(epoch, batch);
                }
                try (NDManager batchManager = epochManager.newSubManager()) {
                    int from = batch * batchSize;
                    int to = Math.min(from + batchSize, count);
                    NDArray x = images.images(shuffled, from, to, batchManager);
                    NDArray y = labels.get(new NDIndex().addSliceDim(from, to));
                    y.attach(batchManager);
                    NDArray logits;
                    NDArray batchLoss;
                    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        logits = block.forward(parameterStore, new NDList(x), true).singletonOrThrow();
                        batchLoss = loss.evaluate(new NDList(y), new NDList(logits));
                        collector.backward(batchLoss);
                    }
                    adam.step(parameters, batchManager);
                    // Outside the collector, so the running sums build no autograd graph.
                    lossSum.addi(batchLoss);
                    correct.addi(logits.argMax(1).eq(y).sum());
                }
                listener.batchFinished(epoch, batch + 1);
            }
            // A resume without carried sums (a checkpoint of an older trainctl) can only average what it ran.
            int fromBatch = firstBatch > 0 && carried.batches() != firstBatch ? firstBatch : 0;
            int seen = count - fromBatch * batchSize;
            return new double[] {lossSum.getFloat() / (batches - fromBatch), (double) correct.getLong() / seen};
        }
    }

    /** A permutation of {@code 0..count-1} that depends only on the seed and the epoch, so a resumed run agrees. */
    static long[] shuffledOrder(int count, long seed, int epoch) {
        long[] order = new long[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        Random random = new Random(seed * 1_000_003L + epoch);
        for (int i = count - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            long swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    /** Parameters then optimizer moments, in a fixed order, for a checkpoint. */
    NDList state() {
        NDList state = new NDList();
        state.addAll(parameters);
        state.addAll(adam.state());
        return state;
    }

    /** Optimizer steps taken so far (batches trained), including those restored from a checkpoint. */
    public long optimizerSteps() {
        return adam.steps();
    }

    /** SHA-256 of the images and labels the running (or last) {@link #fit} trains on, for a checkpoint. */
    String trainData() {
        return trainData != null ? trainData : restoredTrainData;
    }

    static String fingerprint(ImageSet images) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(images.pixels());
            digest.update(images.labels());
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Images per epoch of the running (or last) {@link #fit}, for a checkpoint; 0 before the first. */
    int trainImages() {
        return trainImages;
    }

    /**
     * Restores what {@link #state()} saved, with the epochs it had completed, the images per epoch it was trained on
     * (0: not recorded) and the running sums of the epoch it stopped in.
     */
    void restore(NDList state, long optimizerSteps, List<EpochMetrics> completed, int imagesPerEpoch,
            String trainedOn, EpochSums inProgress) {
        if (state.size() < parameters.size()) {
            throw new IllegalArgumentException("checkpoint holds " + state.size() + " arrays, expected at least "
                    + parameters.size());
        }
        for (int i = 0; i < parameters.size(); i++) {
            NDArray saved = state.get(i);
            if (!saved.getShape().equals(parameters.get(i).getShape())) {
                throw new IllegalArgumentException("checkpoint parameter " + i + " has shape " + saved.getShape()
                        + ", the network expects " + parameters.get(i).getShape());
            }
            adopt(parameters.get(i), saved);
            parameters.get(i).setRequiresGradient(true);
        }
        adam.restore(new NDList(state.subList(parameters.size(), state.size())), optimizerSteps);
        history.clear();
        history.addAll(completed);
        restoredTrainImages = imagesPerEpoch;
        restoredTrainData = trainedOn;
        partialEpoch = inProgress;
    }

    /**
     * Makes {@code target} hold {@code saved}'s values, bit for bit, by taking over the native tensor of a copy.
     * {@code NDArray.set(...)} would copy through DJL's {@code torchSet}, which makes PyTorch print
     * "AutoNonVariableTypeMode is deprecated" on every resume. The copy matters: a decoded array's tensor is a view
     * of a direct buffer that only the decoded NDArray keeps alive, so taking over that tensor itself left
     * {@code target} pointing into memory the garbage collector frees (a crash or NaN weights after a resume).
     * {@code saved} is closed.
     */
    static void adopt(NDArray target, NDArray saved) {
        NDArray copy = saved.duplicate(); // torch's clone: a tensor that owns its memory
        NDArray owned = copy.toDevice(target.getDevice(), false);
        target.intern(owned);
        if (owned != copy) {
            copy.close();
        }
        saved.close();
    }

    /** The running sums of the epoch a stop interrupted, for a checkpoint; {@link EpochSums#NONE} otherwise. */
    EpochSums partialEpoch() {
        return partialEpoch;
    }

    @Override
    public void close() {
        manager.close();
    }

    /** Called after every epoch with the trainer in its new state. */
    @FunctionalInterface
    public interface EpochHook {
        EpochHook NONE = trainer -> {};

        void epochFinished(MnistTrainer trainer) throws IOException;
    }
}
