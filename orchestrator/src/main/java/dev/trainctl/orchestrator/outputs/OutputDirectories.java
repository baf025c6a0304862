package dev.trainctl.orchestrator.outputs;

import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.TrainctlException;
import dev.trainctl.training.artifacts.OutputKind;
import dev.trainctl.training.files.Directories;
import dev.trainctl.training.files.DirectoryInUseException;
import dev.trainctl.training.files.DirectoryKind;
import dev.trainctl.training.files.DirectoryLock;
import dev.trainctl.training.files.ForeignDirectoryException;
import dev.trainctl.training.files.OwnedDirectories;
import dev.trainctl.training.text.ShellWords;
import dev.trainctl.training.train.Checkpoints;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The directories a command writes, as the user named them, claimed for one run before any long work: no two of
 * them, and none of them and a directory the run reads, overlap; each is absent, empty or trainctl's own of its kind
 * ({@link OwnedDirectories}); and each is locked for the run ({@link DirectoryLock}), which leaves an empty
 * {@code .NAME.trainctl-lock} beside it. trainctl replaces what is in the directories it writes, so anything else
 * there would be lost.
 */
public final class OutputDirectories implements AutoCloseable {

    /** Every kind of directory trainctl writes: none of them may hold another's output directory. */
    static final List<DirectoryKind> TRAINCTL_KINDS = List.of(OutputKind.MODEL, OutputKind.REPORT,
            Checkpoints.DIRECTORY);

    private final List<DirectoryLock> locks;
    /** The directories that did not exist when claimed: removed again if the run leaves them empty. */
    private final List<Path> absentAtClaim;

    private OutputDirectories(List<DirectoryLock> locks, List<Path> absentAtClaim) {
        this.locks = locks;
        this.absentAtClaim = absentAtClaim;
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
        outputs.forEach(OutputDirectories::refuseInsideAnother);
        outputs.forEach(OutputDirectories::requireOwned); // first without the lock, so a refusal leaves nothing
        List<DirectoryLock> locks = new ArrayList<>();
        List<Path> absent = outputs.stream().map(Output::directory)
                .filter(directory -> !Files.exists(directory, LinkOption.NOFOLLOW_LINKS)).toList();
        OutputDirectories claimed = new OutputDirectories(locks, absent);
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

    /**
     * Refuses an output inside a directory trainctl writes as a whole: another model, checkpoint or report directory,
     * or one another run is writing. That directory's next replacement would take the output with it, and the
     * output's files would make it refuse its own next run.
     */
    private static void refuseInsideAnother(Output output) {
        Path directory = Directories.resolved(output.directory());
        for (Path ancestor = directory.getParent(); ancestor != null; ancestor = ancestor.getParent()) {
            Path inside = ancestor;
            Optional<String> what = DirectoryLock.holder(inside)
                    .map(run -> "a directory another trainctl run is writing (" + run + ")")
                    .or(() -> ownKind(inside).map(DirectoryKind::description));
            if (what.isPresent()) {
                throw TrainctlException.refused(output.option() + " " + output.directory() + " is inside "
                        + ancestor + ", " + what.get() + ": trainctl replaces that directory as a whole, so anything"
                        + " inside it would be lost; give a directory outside it (such as " + output.option() + " "
                        + ShellWords.quote(ancestor.resolveSibling(ancestor.getFileName() + "-" + output.example()))
                        + ")", null);
            }
        }
    }

    /** The kind of trainctl directory {@code directory} is, if it is one. */
    private static Optional<DirectoryKind> ownKind(Path directory) {
        return TRAINCTL_KINDS.stream().filter(kind -> OwnedDirectories.isOwn(directory, kind)).findFirst();
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
        } catch (FileAlreadyExistsException e) {
            throw new TrainctlException(ExitCode.DATA, output.option() + " " + output.directory() + ": "
                    + e.getFile() + " is a file, not a directory; choose another directory, or move that file", e);
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
            Optional<DirectoryKind> other = ownKind(output.directory());
            if (other.isPresent()) {
                Path resolved = Directories.resolved(output.directory());
                throw TrainctlException.refused(output.option() + " " + output.directory() + " is "
                        + other.get().description() + ", not " + output.kinds().stream()
                        .map(DirectoryKind::description).collect(Collectors.joining(" or ")) + ": give a new"
                        + " directory (such as " + output.option() + " " + ShellWords.quote(resolved.resolveSibling(
                        resolved.getFileName() + "-" + output.example())) + ")", e);
            }
            throw TrainctlException.refused(output.option() + " " + e.getMessage() + "; trainctl replaces what is"
                    + " in the directories it writes, so it uses only one that is absent, empty or its own: give a"
                    + " new directory (such as " + output.option() + " "
                    + ShellWords.quote(output.directory().resolve(output.example())) + ") or move those files"
                    + " elsewhere", e);
        } catch (IOException e) {
            throw new TrainctlException(ExitCode.DATA, output.option() + " " + output.directory() + ": cannot read it"
                    + " (" + e.getMessage() + ")", e);
        }
    }

    /** Removes the directories the run created and left empty, and releases the locks. */
    @Override
    public void close() {
        for (Path directory : absentAtClaim) {
            try {
                if (Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
                    Files.delete(directory); // fails, as it should, unless it is empty
                }
            } catch (IOException notEmptyOrGone) {
                // the run wrote there, or someone removed it already
            }
        }
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
