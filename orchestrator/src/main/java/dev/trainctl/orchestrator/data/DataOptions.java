package dev.trainctl.orchestrator.data;

import dev.trainctl.orchestrator.cli.Console;
import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.Invocation;
import dev.trainctl.orchestrator.cli.TrainctlException;
import dev.trainctl.training.data.DataFileException;
import dev.trainctl.training.data.Dataset;
import dev.trainctl.training.data.DatasetStore;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code --dataset} and {@code --data-dir}, shared by every command that reads MNIST. */
public final class DataOptions {

    private DataOptions() {}

    public static Options addTo(Options options) {
        return options
                .addOption(Option.builder().longOpt("dataset").hasArg().argName("mnist|fashion-mnist")
                        .desc("data set (default: mnist)").get())
                .addOption(Option.builder().longOpt("data-dir").hasArg().argName("DIR")
                        .desc("where the four IDX files live (default: ~/.cache/trainctl/DATASET)").get());
    }

    public static Dataset dataset(Invocation invocation) {
        return Dataset.fromId(invocation.value("dataset", Dataset.MNIST.id()));
    }

    public static DatasetStore store(Invocation invocation, Dataset dataset) {
        Console console = invocation.console();
        Path directory = invocation.value("data-dir").map(Path::of).orElse(DatasetStore.defaultDirectory(dataset));
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw TrainctlException.usage((invocation.has("data-dir") ? "--data-dir " : "the data cache ") + directory
                    + " is a file, not a directory: give the directory that holds (or is to hold) the four IDX files");
        }
        return DatasetStore.withDefaultSources(dataset, directory, console::warn);
    }

    /**
     * {@code --max-train-samples}, or {@code unset} when it is not given; a value beyond the data set's training
     * images is capped to them, with a note saying so (nothing the user typed is silently changed).
     */
    public static int maxTrainSamples(Invocation invocation, Dataset dataset, int unset) {
        int max = invocation.intValue("max-train-samples", unset, 1, Integer.MAX_VALUE);
        if (invocation.has("max-train-samples") && max > dataset.trainCount()) {
            invocation.console().warn("note: --max-train-samples " + max + " is more than the "
                    + dataset.trainCount() + " training images of " + dataset.id() + ": training on all "
                    + dataset.trainCount());
            return dataset.trainCount();
        }
        return max;
    }

    /** Runs a data step, turning a bad or unfetchable file into exit code 3 with the store's message. */
    public static <T> T orDataError(DataStep<T> step) {
        try {
            return step.run();
        } catch (DataFileException e) {
            throw new TrainctlException(ExitCode.DATA, e.getMessage(), e);
        } catch (FileSystemException e) {
            throw new TrainctlException(ExitCode.DATA, "data: " + e.getFile() + ": " + reason(e), e);
        } catch (IOException e) {
            throw new TrainctlException(ExitCode.DATA, "data: " + e.getMessage(), e);
        }
    }

    /** What is wrong with a file, in words (most file-system errors carry only the file's name). */
    private static String reason(FileSystemException e) {
        if (e.getReason() != null) {
            return e.getReason();
        }
        if (e instanceof FileAlreadyExistsException) {
            return "a file is in the way (a directory is needed there)";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return "cannot be used";
    }

    /** A step that reads or fetches data. */
    @FunctionalInterface
    public interface DataStep<T> {
        T run() throws IOException;
    }
}
