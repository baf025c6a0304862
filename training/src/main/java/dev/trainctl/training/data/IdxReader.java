package dev.trainctl.training.data;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files (the MNIST format), raw or gzip-compressed, and validates them: the magic number, the
 * element type (unsigned byte), the dimensions and the exact length.
 */
public final class IdxReader {

    /** The IDX type code for unsigned bytes, the only type MNIST uses. */
    private static final int UNSIGNED_BYTE = 0x08;
    private static final int MAX_DIMENSIONS = 4;
    private static final String FIX = "delete it or run 'trainctl data fetch'";

    private IdxReader() {}

    public static IdxArray read(Path file) throws DataFileException {
        return read(file.getFileName().toString(), readUncompressed(file));
    }

    /** The uncompressed content of a raw or gzip-compressed file; errors name the file. */
    public static byte[] readUncompressed(Path file) throws DataFileException {
        String name = file.getFileName().toString();
        try {
            if (!isGzip(file)) {
                // One array of the file's size: readAllBytes on a generic stream collects chunks and then copies
                // them, a second 47 MB for MNIST's images that stays resident after it is garbage. Not
                // Files.readAllBytes either: NIO reads into a heap array through a temporary direct buffer of the
                // same size, which the JDK then keeps cached for the thread (another 47 MB, for good).
                try (FileInputStream in = new FileInputStream(file.toFile())) {
                    return in.readAllBytes();
                }
            }
            try (InputStream in = open(file)) {
                return in.readAllBytes();
            }
        } catch (ZipException e) {
            throw new DataFileException(name + ": corrupt gzip data (" + e.getMessage() + ")" + refetchHint(), e);
        } catch (IOException e) {
            throw new DataFileException(name + ": cannot read " + file + " (" + e.getMessage() + ")", e);
        }
    }

    /** Parses IDX content already in memory (uncompressed); {@code name} is used in error messages. */
    public static IdxArray read(String name, byte[] content) throws DataFileException {
        try {
            return read(name, new ByteArrayInputStream(content));
        } catch (DataFileException e) {
            throw e;
        } catch (IOException e) {
            throw new DataFileException(name + ": " + e.getMessage(), e);
        }
    }

    /** Opens a file, decompressing it when it starts with the gzip magic bytes, whatever its name. */
    public static InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        if (isGzip(file)) {
            return new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
        }
        return in;
    }

    private static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    static IdxArray read(String name, InputStream stream) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        int magic;
        try {
            magic = in.readInt();
        } catch (EOFException e) {
            throw new DataFileException(name + ": file is empty or shorter than the 4-byte IDX header" + refetchHint());
        }
        if ((magic >>> 16) != 0 || ((magic >>> 8) & 0xff) != UNSIGNED_BYTE) {
            throw new DataFileException(String.format(
                    "%s: wrong magic number 0x%08x, expected 0x000008NN (IDX, unsigned bytes): not an IDX file%s",
                    name, magic, refetchHint()));
        }
        int dimensionCount = magic & 0xff;
        if (dimensionCount < 1 || dimensionCount > MAX_DIMENSIONS) {
            throw new DataFileException(
                    name + ": IDX header declares " + dimensionCount + " dimensions, expected 1 to " + MAX_DIMENSIONS);
        }
        int[] dimensions = new int[dimensionCount];
        long length = 1;
        for (int i = 0; i < dimensionCount; i++) {
            try {
                dimensions[i] = in.readInt();
            } catch (EOFException e) {
                throw new DataFileException(name + ": truncated inside the IDX header" + refetchHint());
            }
            if (dimensions[i] <= 0) {
                throw new DataFileException(name + ": dimension " + i + " is " + dimensions[i] + ", must be positive");
            }
            length *= dimensions[i];
        }
        if (length > Integer.MAX_VALUE - 8) {
            throw new DataFileException(name + ": declares " + length + " bytes of data, more than one array can hold");
        }
        long expectedFileSize = 4L + 4L * dimensionCount + length;
        byte[] data = new byte[(int) length];
        int read = in.readNBytes(data, 0, data.length);
        if (read < data.length) {
            throw new DataFileException(String.format(
                    "%s: expected %d bytes, found %d (truncated download? %s)",
                    name, expectedFileSize, 4L + 4L * dimensionCount + read, FIX));
        }
        if (in.read() != -1) {
            throw new DataFileException(name + ": has data after the " + expectedFileSize
                    + " bytes its header declares (dimensions do not match the length)" + refetchHint());
        }
        return new IdxArray(name, dimensions, data);
    }

    private static String refetchHint() {
        return " (" + FIX + ")";
    }
}
