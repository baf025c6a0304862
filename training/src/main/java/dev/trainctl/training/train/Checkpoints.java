package dev.trainctl.training.train;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import dev.trainctl.training.files.AtomicFiles;
import dev.trainctl.training.files.Directories;
import dev.trainctl.training.files.DirectoryKind;
import dev.trainctl.training.files.JsonErrors;
import dev.trainctl.training.files.LimitedFiles;
import dev.trainctl.training.model.MnistMlp;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.MalformedInputException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A checkpoint directory: {@code checkpoint.ndlist} holds the parameters and Adam's moments, {@code
 * checkpoint.json} the completed epochs, the optimizer step count, the hyperparameters and the SHA-256 of the
 * ndlist. Written after every epoch.
 *
 * <p>The directory only ever holds complete files: SageMaker copies {@code /opt/ml/checkpoints} to S3 while the job
 * runs ("SageMaker also writes new checkpoints from the container to S3 during training", Use checkpoints in Amazon
 * SageMaker AI), so a file written in place could be uploaded half-written, and a temporary file there would be
 * uploaded too. Both files are written into a hidden staging directory beside the checkpoint directory (same
 * parent, so normally the same file system) and renamed into it; rename(2) within a file system is atomic. If the
 * checkpoint directory is a mount point of its own (the rename then fails as not atomic) or its parent is not
 * writable, the staging directory is a hidden one inside the checkpoint directory instead: its partial files may
 * then reach S3 under the staging name, but {@code checkpoint.ndlist} and {@code checkpoint.json} themselves still
 * only ever appear complete. A restore checks the ndlist against the hash in the json, so a pair from two different
 * saves (a crash between the two renames) is refused rather than resumed wrongly.
 */
public final class Checkpoints {

    static final String STATE_FILE = "checkpoint.ndlist";
    static final String INFO_FILE = "checkpoint.json";
    /** The record grows by about 100 bytes an epoch. */
    static final long INFO_LIMIT = 16 << 20;
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    /** A checkpoint directory: only the two files, and {@code checkpoint.json} reads as trainctl's. */
    public static final DirectoryKind DIRECTORY = new DirectoryKind() {
        @Override
        public String description() {
            return "a trainctl checkpoint directory";
        }

        @Override
        public boolean writes(String fileName) {
            return fileName.equals(STATE_FILE) || fileName.equals(INFO_FILE);
        }

        @Override
        public Optional<String> whyNotOwn(Path directory) {
            try {
                readInfo(directory);
                return Optional.empty();
            } catch (IOException | RuntimeException notOurs) {
                return Optional.of(String.valueOf(notOurs.getMessage()));
            }
        }
    };

    private Checkpoints() {}

    /**
     * What {@code checkpoint.json} records.
     *
     * @param trainImages images per epoch of the run; 0 in checkpoints written before it was recorded
     * @param stateSha256 hex SHA-256 of {@code checkpoint.ndlist}; null in checkpoints written before it was recorded
     * @param epochInProgress the running sums of the epoch a stop interrupted; null at an epoch's end, and in
     *     checkpoints written before they were recorded
     */
    public record Info(int epoch, long optimizerSteps, Hyperparameters hyperparameters, List<EpochMetrics> history,
            int trainImages, String stateSha256, EpochSums epochInProgress, String trainDataSha256) {}

    /** Whether {@code directory} holds a checkpoint (either file counts, so a half-deleted one is not ignored). */
    public static boolean exists(Path directory) {
        return Files.exists(directory.resolve(STATE_FILE)) || Files.exists(directory.resolve(INFO_FILE));
    }

    /** An {@link MnistTrainer.EpochHook} that saves into {@code directory} after every epoch. */
    public static MnistTrainer.EpochHook everyEpoch(Path directory) {
        return trainer -> save(directory, trainer);
    }

    /**
     * {@link #everyEpoch(Path)} for a directory inside a synced one ({@code /opt/ml/checkpoints/JOB}): the staging
     * directory goes into {@code outside}, which must not be synced ({@code /opt/ml}).
     */
    public static MnistTrainer.EpochHook everyEpoch(Path directory, Path outside) {
        return trainer -> save(directory, outside, trainer);
    }

    public static void save(Path directory, MnistTrainer trainer) throws IOException {
        save(directory, parent(directory), trainer);
    }

    /** {@link #save(Path, MnistTrainer)}, staging in {@code outside} (see {@link #everyEpoch(Path, Path)}). */
    public static void save(Path directory, Path outside, MnistTrainer trainer) throws IOException {
        save(directory, outside, trainer, UnaryOperator.identity());
    }

    /** {@link #save}, with the state file's stream passed through {@code stateStream} (tests inject failures). */
    static void save(Path directory, MnistTrainer trainer, UnaryOperator<OutputStream> stateStream)
            throws IOException {
        save(directory, parent(directory), trainer, stateStream);
    }

    private static void save(Path directory, Path outside, MnistTrainer trainer,
            UnaryOperator<OutputStream> stateStream) throws IOException {
        Files.createDirectories(directory);
        Path staging = besideOrInside(directory, outside);
        try {
            writeAndPublish(staging, directory, trainer, stateStream);
        } catch (AtomicMoveNotSupportedException otherFileSystem) {
            Path inside = Files.createTempDirectory(directory, ".staging-");
            try {
                writeAndPublish(inside, directory, trainer, stateStream);
            } finally {
                Directories.deleteRecursively(inside);
            }
        } finally {
            Directories.deleteRecursively(staging);
        }
    }

    private static Path parent(Path directory) {
        return directory.toAbsolutePath().normalize().getParent();
    }

    /** A new hidden staging directory in {@code outside}, or inside {@code directory} when that is not writable. */
    private static Path besideOrInside(Path directory, Path outside) throws IOException {
        Path absolute = directory.toAbsolutePath().normalize();
        try {
            return Files.createTempDirectory(outside, "." + absolute.getFileName() + ".staging-");
        } catch (IOException outsideNotWritable) {
            return Files.createTempDirectory(absolute, ".staging-");
        }
    }

    private static void writeAndPublish(Path staging, Path directory, MnistTrainer trainer,
            UnaryOperator<OutputStream> stateStream) throws IOException {
        MessageDigest digest = sha256();
        AtomicFiles.write(staging.resolve(STATE_FILE), AtomicFiles.SHARED, file -> {
            try (OutputStream out = stateStream.apply(new DigestOutputStream(file, digest))) {
                trainer.state().encode(out);
            }
        });
        List<EpochMetrics> history = trainer.history();
        EpochSums inProgress = trainer.partialEpoch();
        Info info = new Info(history.size(), trainer.optimizerSteps(), trainer.hyperparameters(), history,
                trainer.trainImages(), HexFormat.of().formatHex(digest.digest()),
                inProgress.batches() == 0 ? null : inProgress, trainer.trainData());
        AtomicFiles.writeString(staging.resolve(INFO_FILE), GSON.toJson(info));
        for (String file : List.of(STATE_FILE, INFO_FILE)) {
            Files.move(staging.resolve(file), directory.resolve(file), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        }
    }

    public static Info readInfo(Path directory) throws IOException {
        Path file = directory.resolve(INFO_FILE);
        if (!Files.isRegularFile(file)) {
            throw unrecognisable(directory, "it has " + STATE_FILE + " but no " + INFO_FILE);
        }
        Info info;
        try {
            info = GSON.fromJson(LimitedFiles.readString(file, INFO_LIMIT, "a trainctl checkpoint's record"),
                    Info.class);
        } catch (MalformedInputException | RuntimeException e) {
            throw unrecognisable(directory, INFO_FILE + " is " + JsonErrors.failure(e) + " (" + JsonErrors.describe(e) + ")", e);
        }
        if (info == null || info.hyperparameters() == null || info.history() == null || info.epoch() < 0
                || info.epoch() != info.history().size()) {
            throw unrecognisable(directory, INFO_FILE + " is incomplete", null);
        }
        return info;
    }

    /**
     * Restores the trainer from the checkpoint in {@code directory}. Only the number of epochs may differ from the
     * checkpoint's hyperparameters (resume to train longer), and it may not be fewer than the checkpoint has done;
     * anything else would not continue the same run.
     *
     * @return the number of epochs the checkpoint had completed
     * @throws CheckpointException when the files are damaged or the checkpoint does not fit the trainer's run
     */
    public static int restore(Path directory, MnistTrainer trainer) throws IOException {
        Info info = readInfo(directory);
        requireSameRun(directory, info, trainer.hyperparameters(), 0);
        Path stateFile = directory.resolve(STATE_FILE);
        if (!Files.isRegularFile(stateFile)) {
            throw damaged(directory, "it has " + INFO_FILE + " but no " + STATE_FILE);
        }
        byte[] state = LimitedFiles.readAllBytes(stateFile, stateLimit(info.hyperparameters()),
                "the checkpoint of a network of hidden size " + info.hyperparameters().hiddenSize());
        if (info.stateSha256() != null
                && !info.stateSha256().equals(HexFormat.of().formatHex(sha256().digest(state)))) {
            throw damaged(directory, STATE_FILE + " does not match the SHA-256 " + INFO_FILE + " records (truncated,"
                    + " or the two files are from different saves)");
        }
        try (NDManager loading = NDManager.newBaseManager(trainer.device())) {
            NDList arrays = NDList.decode(loading, new ByteArrayInputStream(state));
            trainer.restore(arrays, info.optimizerSteps(), info.history(), info.trainImages(), info.trainDataSha256(),
                    info.epochInProgress() == null ? EpochSums.NONE : info.epochInProgress());
        } catch (RuntimeException e) {
            throw damaged(directory, STATE_FILE + " cannot be read as the network's parameters", e);
        }
        return info.epoch();
    }

    /**
     * The largest state file a network of these settings can save: its parameters and Adam's two moments of each
     * (three floats a parameter, {@link MnistTrainer#state()}), and a generous allowance for NDList's headers.
     */
    static long stateLimit(Hyperparameters hyperparameters) {
        long hidden = hyperparameters.hiddenSize();
        long parameters = (MnistMlp.INPUTS + 1) * hidden + (hidden + 1) * MnistMlp.CLASSES;
        return 3 * Float.BYTES * parameters + (1 << 20);
    }

    /**
     * Fails unless the checkpoint in {@code directory} continues a run with these settings, naming every setting
     * that differs; run it before loading the data, so a mismatch costs nothing.
     *
     * @param trainImages the images per epoch this run will train on
     */
    public static void requireResumable(Path directory, Hyperparameters wanted, int trainImages) throws IOException {
        requireSameRun(directory, readInfo(directory), wanted, trainImages);
    }

    /**
     * Only the number of epochs may differ (resume to train longer), and not below what the checkpoint has done;
     * {@code trainImages} 0 when not known yet.
     */
    private static void requireSameRun(Path directory, Info info, Hyperparameters wanted, int trainImages)
            throws CheckpointException {
        Hyperparameters saved = info.hyperparameters();
        List<String> differ = new ArrayList<>();
        compare(differ, "--batch-size", saved.batchSize(), wanted.batchSize());
        compare(differ, "--learning-rate", saved.learningRate(), wanted.learningRate());
        compare(differ, "--seed", saved.seed(), wanted.seed());
        compare(differ, "--hidden-size", saved.hiddenSize(), wanted.hiddenSize());
        if (trainImages > 0 && info.trainImages() > 0 && info.trainImages() != trainImages) {
            differ.add(info.trainImages() + " training images per epoch in the checkpoint, " + trainImages
                    + " in this run (--max-train-samples, --dataset)");
        }
        if (!differ.isEmpty()) {
            throw new CheckpointException("the checkpoint in " + directory + " was trained with other settings ("
                    + String.join("; ", differ) + "): only --epochs may change when resuming; run with the"
                    + " checkpoint's settings, or without --resume to start afresh (the checkpoint is then replaced)");
        }
        if (info.epoch() > wanted.epochs()) {
            throw new CheckpointException("the checkpoint in " + directory + " holds " + info.epoch() + " completed"
                    + " epochs, more than the " + wanted.epochs() + " asked for: pass --epochs " + info.epoch()
                    + " or more to continue it, or train without --resume to start afresh");
        }
    }

    private static void compare(List<String> differ, String option, Object saved, Object wanted) {
        if (!saved.equals(wanted)) {
            differ.add(option + " " + saved + " in the checkpoint, " + wanted + " in this run");
        }
    }

    /**
     * A checkpoint whose {@code checkpoint.json} cannot be read: trainctl cannot tell it is its own (see {@link
     * #DIRECTORY}), so it will not replace it either.
     */
    private static CheckpointException unrecognisable(Path directory, String why, Throwable cause) {
        return new CheckpointException("the checkpoint in " + directory + " is damaged: " + why + "; delete "
                + directory + " to start afresh, or give another --checkpoint-dir", cause);
    }

    private static CheckpointException unrecognisable(Path directory, String why) {
        return unrecognisable(directory, why, null);
    }

    private static CheckpointException damaged(Path directory, String why) {
        return damaged(directory, why, null);
    }

    private static CheckpointException damaged(Path directory, String why, Throwable cause) {
        return new CheckpointException("the checkpoint in " + directory + " is damaged: " + why + "; train without"
                + " --resume to start afresh (the checkpoint is then replaced), or delete " + directory, cause);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
