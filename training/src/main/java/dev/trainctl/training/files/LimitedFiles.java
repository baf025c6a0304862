package dev.trainctl.training.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads a file trainctl expects to be of bounded size (a model card, a checkpoint, a policy document) into memory,
 * refusing one that is larger or is not a regular file. A file a user or another program put in its place (3 GB of
 * zeros, a link to {@code /dev/zero}, a FIFO) then gets a message naming it, instead of exhausting the memory or
 * blocking forever.
 */
public final class LimitedFiles {

    private LimitedFiles() {}

    /**
     * The bytes of {@code file}, at most {@code limit} of them.
     *
     * @param what what the file should be, for the message ("a trainctl model card")
     * @throws java.nio.file.NoSuchFileException when it does not exist
     * @throws IOException naming the file when it is not a regular file or holds more than {@code limit} bytes
     */
    public static byte[] readAllBytes(Path file, long limit, String what) throws IOException {
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new IOException(file + " is not a regular file (a device, a pipe or a folder), so it is not " + what);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE - 8));
            if (bytes.length > limit) {
                throw new IOException(file + " is larger than " + size(limit) + ", far more than " + what
                        + " holds: it is damaged or another file");
            }
            return bytes;
        }
    }

    /** {@link #readAllBytes} as UTF-8 text. */
    public static String readString(Path file, long limit, String what) throws IOException {
        return new String(readAllBytes(file, limit, what), StandardCharsets.UTF_8);
    }

    /** "64 KiB", "16 MiB", "1.5 GiB". */
    static String size(long bytes) {
        String[] units = {"bytes", "KiB", "MiB", "GiB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return value == Math.rint(value) ? (long) value + " " + units[unit]
                : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
