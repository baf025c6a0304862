package dev.trainctl.orchestrator.fakes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Four small files named like MNIST's, for the uploads of a job: what matters there is the requests, not the bytes. */
public final class UploadFiles {

    private UploadFiles() {}

    public static List<Path> in(Path directory) {
        List<Path> files = new ArrayList<>();
        for (String name : List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")) {
            try {
                files.add(Files.writeString(directory.resolve(name), name, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }
}
