package dev.trainctl.orchestrator.image;

import dev.trainctl.orchestrator.cli.TrainctlException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The file {@code image push --tar FILE} writes: absent, or a docker-load tar trainctl wrote before (its
 * {@code manifest.json} tags a {@code trainctl-mnist:} image), since trainctl replaces only what it wrote. A user's
 * notes, another tool's archive or a symbolic link at that path is refused.
 */
final class TarDestination {

    private static final int BLOCK = 512;
    /** A docker-load manifest of one image is a few hundred bytes. */
    private static final int MANIFEST_LIMIT = 1 << 20;
    /** jib's tar holds the config, the manifest and one entry a layer: a few dozen. */
    private static final int ENTRY_LIMIT = 10_000;

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
        try (InputStream in = new BufferedInputStream(Files.newInputStream(tar), 1 << 16)) {
            byte[] header = new byte[BLOCK];
            for (int entry = 0; entry < ENTRY_LIMIT; entry++) {
                if (in.readNBytes(header, 0, BLOCK) < BLOCK || header[0] == 0) {
                    return false;
                }
                String name = field(header, 0, 100);
                long size = Long.parseLong("0" + field(header, 124, 12).trim(), 8);
                long padded = (size + BLOCK - 1) / BLOCK * BLOCK;
                if (name.equals("manifest.json") && size <= MANIFEST_LIMIT) {
                    String manifest = new String(in.readNBytes((int) size), StandardCharsets.UTF_8);
                    return manifest.contains("\"" + TrainingImage.REPOSITORY + ":");
                }
                in.skipNBytes(padded);
            }
            return false;
        } catch (NumberFormatException | java.io.EOFException notATar) {
            return false;
        }
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.US_ASCII);
    }
}
