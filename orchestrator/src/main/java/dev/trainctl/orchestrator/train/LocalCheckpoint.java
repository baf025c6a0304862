package dev.trainctl.orchestrator.train;

import dev.trainctl.orchestrator.cli.Console;
import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.Invocation;
import dev.trainctl.orchestrator.cli.TrainctlException;
import dev.trainctl.orchestrator.data.DataOptions;
import dev.trainctl.training.artifacts.ModelArtifacts;
import dev.trainctl.training.files.Directories;
import dev.trainctl.training.text.ShellWords;
import dev.trainctl.training.train.Checkpoints;
import dev.trainctl.training.train.Hyperparameters;
import dev.trainctl.training.train.MnistTrainer;
import dev.trainctl.training.train.TrainingStoppedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.cli.Option;

/**
 * The checkpoint side of {@code train --on local}: the output directories checked before the long work, what
 * {@code --resume} found, and what an interrupted run saved and how to continue it.
 */
final class LocalCheckpoint {

    private LocalCheckpoint() {}

    /** Fails with exit code 3 unless both directories can be written; run before loading data or training. */
    static void requireWritable(Path modelDir, Path checkpointDir) {
        requireWritable("--model-dir", modelDir, modelDir.toAbsolutePath().normalize().getParent());
        requireWritable("--checkpoint-dir", checkpointDir, checkpointDir);
    }

    /** {@code probed} is where files are created: the model is written beside {@code directory} and swapped in. */
    private static void requireWritable(String option, Path directory, Path probed) {
        try {
            if (Files.exists(directory) && !Files.isDirectory(directory)) {
                throw new IOException(directory + " is a file, not a directory");
            }
            Directories.requireWritable(probed);
        } catch (IOException e) {
            throw new TrainctlException(ExitCode.DATA, option + " " + directory + ": " + e.getMessage()
                    + "; choose a directory you can write to", e);
        }
    }

    /**
     * Before any data is loaded: fails with exit code 3, naming every setting that differs, unless the checkpoint
     * (if there is one) continues a run with these settings.
     */
    static void requireResumable(Path checkpointDir, Hyperparameters hyperparameters, int trainImages) {
        if (Checkpoints.exists(checkpointDir)) {
            orDataError(() -> {
                Checkpoints.requireResumable(checkpointDir, hyperparameters, trainImages);
                return null;
            });
        }
    }

    /** What a Ctrl-C before training says: nothing was written, and what is still there. */
    static String nothingWritten(Path modelDir, Path checkpointDir) {
        List<String> unchanged = new ArrayList<>();
        if (Files.exists(modelDir.resolve(ModelArtifacts.MODEL_JSON))) {
            unchanged.add("the model in " + modelDir);
        }
        if (Checkpoints.exists(checkpointDir)) {
            unchanged.add("the checkpoint in " + checkpointDir);
        }
        return "trainctl: interrupted before training started: nothing was written"
                + (unchanged.isEmpty() ? "" : " (" + String.join(" and ", unchanged)
                        + (unchanged.size() == 1 ? " is" : " are") + " as it was)")
                + "; run the same command again to train";
    }

    /** What a Ctrl-C after the last epoch says: the new model is saved, the report is not written. */
    static String interruptedAfterTraining(String saved, Path modelDir) {
        return "trainctl: interrupted after training: " + saved + " (complete); no report was written:"
                + " 'trainctl report --model " + ShellWords.quote(modelDir) + "' writes it";
    }

    /** What a Ctrl-C while the report is written says: the model is complete, the report is not there. */
    static String interruptedDuringReport(Path modelDir) {
        return "trainctl: interrupted while writing the report: the model in " + modelDir + " is complete; no report"
                + " was written: 'trainctl report --model " + ShellWords.quote(modelDir) + "' writes it";
    }

    /** Restores {@code trainer} for {@code --resume}, saying what the checkpoint holds and what happens next. */
    static void resume(Path checkpointDir, MnistTrainer trainer, Console console) {
        if (!Checkpoints.exists(checkpointDir)) {
            console.say("no checkpoint in " + checkpointDir + ": starting from epoch 1");
            return;
        }
        int epochs = trainer.hyperparameters().epochs();
        int done = orDataError(() -> Checkpoints.restore(checkpointDir, trainer));
        if (done == epochs) {
            console.say("the checkpoint in " + checkpointDir + " already holds all " + epochs + " epochs: nothing"
                    + " left to train; writing the model from it (pass a larger --epochs to train longer)");
        } else {
            console.say("resumed from " + checkpointDir + " after epoch " + done + " of " + epochs);
        }
    }

    /** Says that a run without {@code --resume} replaces the checkpoint that is there. */
    static void sayIfReplaced(Path checkpointDir, Console console) {
        if (Checkpoints.exists(checkpointDir)) {
            console.say("starting afresh: the checkpoint in " + checkpointDir + " will be replaced after epoch 1"
                    + " (pass --resume to continue it instead)");
        }
    }

    /**
     * After a Ctrl-C: saves where the trainer stopped (exactly resumable, mid-epoch included) unless it trained no
     * batch since it started, and says what is saved and the command that continues it.
     */
    static ExitCode interrupted(TrainingStoppedException stop, long stepsAtStart, MnistTrainer trainer,
            Path checkpointDir, Invocation invocation) {
        Console console = invocation.console();
        if (trainer.optimizerSteps() == stepsAtStart) {
            console.warn("trainctl: interrupted before the first batch; nothing new to save"
                    + (Checkpoints.exists(checkpointDir) ? "; continue the checkpoint in " + checkpointDir
                    + " with '" + resumeCommand(invocation) + "'" : ""));
            return ExitCode.INTERRUPTED;
        }
        orDataError(() -> {
            Checkpoints.save(checkpointDir, trainer);
            return null;
        });
        int completed = stop.epoch() - 1;
        String saved = stop.completedBatches() == 0 ? "epoch " + completed
                : (completed == 0 ? "" : "epoch " + completed + " and ") + stop.completedBatches() + " batches of epoch "
                        + stop.epoch();
        console.warn("trainctl: interrupted: checkpoint after " + saved + " in " + checkpointDir + "; continue with '"
                + resumeCommand(invocation) + "'");
        return ExitCode.INTERRUPTED;
    }

    /** The command line as given, with {@code --resume} added: the run it continues is the same run. */
    static String resumeCommand(Invocation invocation) {
        List<String> words = new ArrayList<>(List.of("trainctl", "train"));
        boolean resume = false;
        for (Option option : invocation.commandLine().getOptions()) {
            resume |= option.getLongOpt().equals("resume");
            words.add("--" + option.getLongOpt());
            if (option.hasArg()) {
                words.add(ShellWords.quote(option.getValue()));
            }
        }
        if (!resume) {
            words.add("--resume");
        }
        return String.join(" ", words);
    }

    /** Runs a checkpoint step; a damaged or unsuitable checkpoint is exit code 3 with its own message. */
    private static <T> T orDataError(DataOptions.DataStep<T> step) {
        try {
            return step.run();
        } catch (IOException e) {
            throw new TrainctlException(ExitCode.DATA, e.getMessage(), e);
        }
    }
}
