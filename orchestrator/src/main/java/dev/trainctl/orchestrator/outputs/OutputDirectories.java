package dev.trainctl.orchestrator.outputs;

import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.TrainctlException;
import dev.trainctl.training.files.DirectoryInUseException;
import dev.trainctl.training.files.DirectoryKind;
import dev.trainctl.training.files.DirectoryLock;
import dev.trainctl.training.files.Directories;
import dev.trainctl.training.files.ForeignDirectoryException;
import dev.trainctl.training.files.OwnedDirectories;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The directories a command writes, as the user named them, claimed for one run before any long work: no two of
 * them, and none of them and a directory the run reads, overlap; each is absent, empty or trainctl's own of its kind
 * ({@link OwnedDirectories}); and each is locked for the run ({@link DirectoryLock}), which leaves an empty
 * {@code .NAME.trainctl-lock} beside it. trainctl replaces what is in the directories it writes, so anything else
 * there would be lost.
 */
public final class OutputDirectories implements AutoCloseable {

    private final List<DirectoryLock> locks;

    private OutputDirectories(List<DirectoryLock> locks) {
        this.locks = locks;
    }

    /**
     * A directory the command writes.
     *
     * @param option the option that named it ({@code --model-dir})
     * @param example a directory name to suggest inside a refused one ({@code model})
     * @param kinds what it may already be: trainctl's own directory of one of these kinds
     */
    public record Output(String option, Path directory, String example, List<DirectoryKind> kinds) {
        public Output {
            kinds = List.copyOf(kinds);
        }
    }

    /** A directory the command reads, which no output may overlap ({@code --data-dir}). */
    public record Input(String option, Path directory) {}

    /**
     * Checks and locks {@code outputs}; exit code 2 for a directory that overlaps another, holds what trainctl did
     * not write, or is in use by another run.
     *
     * @param holder what this run is, for the message of a run that finds the lock held ("trainctl train")
     */
    public static OutputDirectories claim(List<Output> outputs, List<Input> inputs, String holder) {
        refuseOverlaps(outputs, inputs);
        outputs.forEach(OutputDirectories::requireOwned); // first without the lock, so a refusal leaves nothing
        List<DirectoryLock> locks = new ArrayList<>();
        OutputDirectories claimed = new OutputDirectories(locks);
        try {
            for (Output output : outputs) {
                locks.add(lock(output, holder));
                requireOwned(output); // again, now that no other run can be writing it
            }
            return claimed;
        } catch (RuntimeException e) {
            claimed.close();
            throw e;
        }
    }

    private static void refuseOverlaps(List<Output> outputs, List<Input> inputs) {
        for (int i = 0; i < outputs.size(); i++) {
            Output output = outputs.get(i);
            for (Output other : outputs.subList(i + 1, outputs.size())) {
                refuseOverlap(output, other.option(), other.directory());
            }
            for (Input input : inputs) {
                refuseOverlap(output, input.option(), input.directory());
            }
        }
    }

    private static void refuseOverlap(Output output, String otherOption, Path otherDirectory) {
        if (Directories.overlap(output.directory(), otherDirectory)) {
            throw TrainctlException.refused(output.option() + " " + output.directory() + " and " + otherOption + " "
                    + otherDirectory + " overlap (one directory, or one inside the other): trainctl replaces what is"
                    + " in " + output.option() + ", which would delete the other's files; give them separate"
                    + " directories", null);
        }
    }

    private static DirectoryLock lock(Output output, String holder) {
        try {
            return DirectoryLock.acquire(output.directory(), holder);
        } catch (DirectoryInUseException e) {
            throw TrainctlException.refused(output.option() + " " + output.directory() + " is in use by another"
                    + " trainctl run (" + e.holder() + "): wait for it to finish, or give another directory", e);
        } catch (IOException e) {
            throw new TrainctlException(ExitCode.DATA, output.option() + " " + output.directory() + ": cannot lock it"
                    + " for this run (" + e.getMessage() + " at " + DirectoryLock.lockFile(output.directory())
                    + "); choose a directory whose parent you can write to", e);
        }
    }

    private static void requireOwned(Output output) {
        try {
            OwnedDirectories.requireOwned(output.directory(), output.kinds().toArray(DirectoryKind[]::new));
        } catch (ForeignDirectoryException e) {
            throw TrainctlException.refused(output.option() + " " + e.getMessage() + "; trainctl replaces what is"
                    + " in the directories it writes, so it uses only one that is absent, empty or its own: give a"
                    + " new directory (such as " + output.option() + " " + output.directory().resolve(output.example())
                    + ") or move those files elsewhere", e);
        } catch (IOException e) {
            throw new TrainctlException(ExitCode.DATA, output.option() + " " + output.directory() + ": cannot read it"
                    + " (" + e.getMessage() + ")", e);
        }
    }

    /** Releases the locks. */
    @Override
    public void close() {
        for (DirectoryLock lock : locks) {
            try {
                lock.close();
            } catch (IOException e) {
                // the OS releases the lock when the process ends; a lock file left behind is harmless
            }
        }
        locks.clear();
    }
}
