package dev.trainctl.orchestrator.image;

import dev.trainctl.orchestrator.cli.TrainctlException;
import dev.trainctl.training.files.Tarball;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The file {@code image push --tar FILE} writes: absent, or a docker-load tar trainctl wrote before (its
 * {@code manifest.json} tags a {@code trainctl-mnist:} image), since trainctl replaces only what it wrote. A user's
 * notes, another tool's archive or a symbolic link at that path is refused.
 */
final class TarDestination {

    /** A docker-load manifest of one image is a few hundred bytes. */
    private static final int MANIFEST_LIMIT = 1 << 20;
    /**
     * jib's tar holds the config, the manifest and one entry a layer (a few dozen), in some hundred MB: read, not
     * unpacked, so only the entry count and the header size need bounds.
     */
    private static final Tarball.Limits LIMITS = new Tarball.Limits(Long.MAX_VALUE, 10_000, 64 << 10);

    private TarDestination() {}

    /** Fails (exit code 2) unless {@code tar} is absent or an image tar trainctl wrote. */
    static void requireReplaceable(Path tar) {
        if (!Files.exists(tar, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        String why;
        if (!Files.isRegularFile(tar, LinkOption.NOFOLLOW_LINKS)) {
            why = Files.isSymbolicLink(tar) ? "is a symbolic link" : "is not a regular file";
        } else {
            try {
                why = isTrainctlImage(tar) ? null : "is not an image tar trainctl wrote";
            } catch (IOException unreadable) {
                why = "cannot be read (" + unreadable.getMessage() + ")";
            }
        }
        if (why != null) {
            throw TrainctlException.refused("--tar " + tar + " exists and " + why + ": trainctl replaces only files"
                    + " it wrote; give a new file name, or move that file elsewhere", null);
        }
    }

    /** Whether the tar's {@code manifest.json} tags a trainctl image. */
    private static boolean isTrainctlImage(Path tar) throws IOException {
        Optional<byte[]> manifest;
        try {
            manifest = Tarball.read(tar, "manifest.json", MANIFEST_LIMIT, LIMITS);
        } catch (FileSystemException unreadable) {
            throw unreadable;
        } catch (IOException notATarThisReaderTakes) {
            return false;
        }
        return manifest.map(bytes -> new String(bytes, StandardCharsets.UTF_8))
                .filter(text -> text.contains("\"" + TrainingImage.REPOSITORY + ":")).isPresent();
    }
}
