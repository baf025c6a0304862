package dev.trainctl.training.data;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes an {@link ImageSet} as the two IDX files {@link IdxReader} reads (raw or gzip-compressed). */
public final class IdxWriter {

    private IdxWriter() {}

    public static void writeImages(ImageSet set, Path file, boolean gzip) throws IOException {
        write(file, gzip, new int[] {set.count(), set.rows(), set.columns()}, set.pixels());
    }

    public static void writeLabels(ImageSet set, Path file, boolean gzip) throws IOException {
        write(file, gzip, new int[] {set.count()}, set.labels());
    }

    private static void write(Path file, boolean gzip, int[] dimensions, byte[] data) throws IOException {
        try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
                DataOutputStream out = new DataOutputStream(gzip ? new GZIPOutputStream(raw, 1 << 16) : raw)) {
            out.writeInt(0x0800 | dimensions.length);
            for (int dimension : dimensions) {
                out.writeInt(dimension);
            }
            out.write(data);
        }
    }
}
