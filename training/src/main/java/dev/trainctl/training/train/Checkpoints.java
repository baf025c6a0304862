package dev.trainctl.training.train;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * A checkpoint directory: {@code checkpoint.ndlist} holds the parameters and Adam's moments, {@code
 * checkpoint.json} the completed epochs, the optimizer step count and the hyperparameters. Written after every
 * epoch, each file replaced atomically, so an interrupted run leaves the last complete epoch.
 */
public final class Checkpoints {

    static final String STATE_FILE = "checkpoint.ndlist";
    static final String INFO_FILE = "checkpoint.json";
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    private Checkpoints() {}

    /** What {@code checkpoint.json} records. */
    public record Info(int epoch, long optimizerSteps, Hyperparameters hyperparameters, List<EpochMetrics> history) {}

    public static boolean exists(Path directory) {
        return Files.isRegularFile(directory.resolve(STATE_FILE)) && Files.isRegularFile(directory.resolve(INFO_FILE));
    }

    /** An {@link MnistTrainer.EpochHook} that saves into {@code directory} after every epoch. */
    public static MnistTrainer.EpochHook everyEpoch(Path directory) {
        return trainer -> save(directory, trainer);
    }

    public static void save(Path directory, MnistTrainer trainer) throws IOException {
        Files.createDirectories(directory);
        List<EpochMetrics> history = trainer.history();
        Path state = directory.resolve(STATE_FILE + ".tmp");
        try (OutputStream out = Files.newOutputStream(state)) {
            trainer.state().encode(out);
        }
        Info info = new Info(history.size(), trainer.optimizerSteps(), trainer.hyperparameters(), history);
        Path json = directory.resolve(INFO_FILE + ".tmp");
        Files.writeString(json, GSON.toJson(info), StandardCharsets.UTF_8);
        Files.move(state, directory.resolve(STATE_FILE), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        Files.move(json, directory.resolve(INFO_FILE), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    public static Info readInfo(Path directory) throws IOException {
        try {
            Info info = GSON.fromJson(Files.readString(directory.resolve(INFO_FILE)), Info.class);
            if (info == null || info.hyperparameters() == null || info.history() == null) {
                throw new IOException("incomplete");
            }
            return info;
        } catch (RuntimeException e) {
            throw new IOException(directory.resolve(INFO_FILE) + " is not a trainctl checkpoint (" + e.getMessage()
                    + "); delete the checkpoint directory to start afresh", e);
        }
    }

    /**
     * Restores the trainer from the checkpoint in {@code directory}. Only the number of epochs may differ from the
     * checkpoint's hyperparameters (resume to train longer); anything else would not continue the same run.
     *
     * @return the number of epochs the checkpoint had completed
     */
    public static int restore(Path directory, MnistTrainer trainer) throws IOException {
        Info info = readInfo(directory);
        Hyperparameters saved = info.hyperparameters();
        Hyperparameters wanted = trainer.hyperparameters();
        if (!saved.withEpochs(wanted.epochs()).equals(wanted)) {
            throw new IllegalArgumentException("--resume: the checkpoint in " + directory + " was trained with "
                    + saved + ", this run asks for " + wanted + "; only --epochs may change when resuming");
        }
        try (NDManager loading = NDManager.newBaseManager(trainer.device());
                InputStream in = Files.newInputStream(directory.resolve(STATE_FILE))) {
            NDList state = NDList.decode(loading, in);
            trainer.restore(state, info.optimizerSteps(), info.history());
        }
        return info.epoch();
    }
}
