package dev.trainctl.training.files;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A kind of directory that trainctl writes into and replaces files in (a model, a checkpoint, a report): the names
 * it writes there, and how it recognises one of its own. {@link OwnedDirectories} uses it to refuse a directory that
 * holds anything else, because trainctl deletes or replaces only what it wrote.
 */
public interface DirectoryKind {

    /** What such a directory holds, for messages: "a trainctl model". */
    String description();

    /** Whether trainctl writes a file of this name into such a directory. */
    boolean writes(String fileName);

    /**
     * Whether {@code directory}, whose every entry is a regular file of a name trainctl {@link #writes}, is one of
     * trainctl's own: empty when its descriptor file ({@code model.json}, {@code checkpoint.json}) says so, else why
     * not, in words ("model.json is not valid JSON: line 1, column 3: ...").
     */
    Optional<String> whyNotOwn(Path directory);
}
