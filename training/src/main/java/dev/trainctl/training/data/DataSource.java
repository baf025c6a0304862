package dev.trainctl.training.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** A place MNIST-format files can come from. Whatever it delivers is verified against the pinned hashes. */
public interface DataSource {

    /** A short description for progress and error messages, e.g. the URL or the package name. */
    String describe();

    /**
     * Puts each of {@code files} into {@code staging}, as {@code NAME} or {@code NAME.gz}. A source may deliver
     * only some of the files; the caller checks what arrived.
     *
     * @throws IOException when the source cannot be reached or used at all
     */
    void fetch(List<DataFile> files, Path staging) throws IOException;
}
