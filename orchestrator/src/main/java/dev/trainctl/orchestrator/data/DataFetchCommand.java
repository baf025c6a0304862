package dev.trainctl.orchestrator.data;

import dev.trainctl.orchestrator.cli.Command;
import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.Invocation;
import dev.trainctl.orchestrator.cli.OptionRules;
import dev.trainctl.training.data.DataFile;
import dev.trainctl.training.data.Dataset;
import dev.trainctl.training.data.DatasetStore;
import java.util.List;
import org.apache.commons.cli.Options;

/** {@code trainctl data fetch}: puts the four verified IDX files into the cache, fetching only what is missing. */
public final class DataFetchCommand implements Command {

    /** The JSON result. */
    record Result(String dataset, String directory, List<FileStatus> files) {}

    record FileStatus(String name, long bytes, String sha256, boolean fetched) {}

    @Override
    public List<String> path() {
        return List.of("data", "fetch");
    }

    @Override
    public String summary() {
        return "fetch MNIST (or Fashion-MNIST) into the cache and verify its SHA-256";
    }

    @Override
    public OptionRules rules() {
        return OptionRules.offline();
    }

    @Override
    public Options options() {
        return DataOptions.addTo(new Options());
    }

    @Override
    public ExitCode run(Invocation invocation) {
        Dataset dataset = DataOptions.dataset(invocation);
        DatasetStore store = DataOptions.store(invocation, dataset);
        List<DataFile> fetched = DataOptions.orDataError(() -> store.ensure(true));
        List<FileStatus> files = dataset.files().all().stream()
                .map(file -> new FileStatus(file.name(), file.size(), file.sha256(), fetched.contains(file)))
                .toList();
        for (FileStatus file : files) {
            invocation.console().say(String.format("%-26s %,11d bytes  sha256 %s…  %s", file.name(), file.bytes(),
                    file.sha256().substring(0, 16), file.fetched() ? "fetched" : "already present"));
        }
        invocation.console().say(dataset.id() + ": all files verified in " + store.directory());
        invocation.console().result(new Result(dataset.id(), store.directory().toString(), files));
        return ExitCode.OK;
    }
}
