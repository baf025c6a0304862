package dev.trainctl.training.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Builds IDX files for tests. */
public final class IdxBytes {

    private IdxBytes() {}

    /** An IDX file of unsigned bytes with the given dimensions and data (not validated: tests need bad files). */
    public static byte[] idx(int[] dimensions, byte[] data) {
        ByteBuffer buffer = ByteBuffer.allocate(4 + 4 * dimensions.length + data.length);
        buffer.putInt(0x00000800 | dimensions.length);
        for (int dimension : dimensions) {
            buffer.putInt(dimension);
        }
        buffer.put(data);
        return buffer.array();
    }

    public static byte[] images(ImageSet set) {
        return idx(new int[] {set.count(), set.rows(), set.columns()}, set.pixels());
    }

    public static byte[] labels(ImageSet set) {
        return idx(new int[] {set.count()}, set.labels());
    }

    public static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(raw);
        }
        return out.toByteArray();
    }

    /** Writes {@code set}'s images as an IDX file, gzip-compressed when asked. */
    public static void writeImages(ImageSet set, Path file, boolean gzip) throws IOException {
        Files.write(file, gzip ? gzip(images(set)) : images(set));
    }

    /** Writes {@code set}'s labels as an IDX file, gzip-compressed when asked. */
    public static void writeLabels(ImageSet set, Path file, boolean gzip) throws IOException {
        Files.write(file, gzip ? gzip(labels(set)) : labels(set));
    }

    /** A data set description whose pinned hashes are those of {@code train} and {@code test} as IDX files. */
    public static DataFiles describe(String id, ImageSet train, ImageSet test) {
        return new DataFiles(id,
                file("train-images-idx3-ubyte", images(train)),
                file("train-labels-idx1-ubyte", labels(train)),
                file("t10k-images-idx3-ubyte", images(test)),
                file("t10k-labels-idx1-ubyte", labels(test)));
    }

    /** Writes the four raw IDX files of {@code train} and {@code test} into {@code directory}. */
    public static void writeAll(Path directory, DataFiles files, ImageSet train, ImageSet test) throws IOException {
        Files.createDirectories(directory);
        writeImages(train, directory.resolve(files.trainImages().name()), false);
        writeLabels(train, directory.resolve(files.trainLabels().name()), false);
        writeImages(test, directory.resolve(files.testImages().name()), false);
        writeLabels(test, directory.resolve(files.testLabels().name()), false);
    }

    private static DataFile file(String name, byte[] content) {
        return new DataFile(name, DatasetStore.sha256(content), content.length);
    }
}
