package dev.trainctl.training.data;

import dev.trainctl.training.files.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A directory on this machine that holds the files, raw or gzip-compressed (e.g. one an OS package installed). */
public final class DirectorySource implements DataSource {

    private final Path directory;

    public DirectorySource(Path directory) {
        this.directory = directory;
    }

    @Override
    public String describe() {
        return directory.toString();
    }

    @Override
    public void fetch(List<DataFile> files, Path staging) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new IOException(directory + " does not exist");
        }
        for (DataFile file : files) {
            for (String name : List.of(file.name(), file.gzipName())) {
                Path candidate = directory.resolve(name);
                if (Files.isRegularFile(candidate)) {
                    AtomicFiles.copy(candidate, staging.resolve(name));
                    break;
                }
            }
        }
    }
}
