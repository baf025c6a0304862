package dev.trainctl.training.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/** Extracts regular files from a POSIX (ustar) tar stream; enough for npm package tarballs. */
final class TarReader {

    private static final int BLOCK = 512;

    private TarReader() {}

    /**
     * Reads the stream to its end; each regular file whose name {@code destination} maps to a path is written there,
     * everything else is skipped.
     */
    static void extract(InputStream in, Function<String, Path> destination) throws IOException {
        byte[] header = new byte[BLOCK];
        while (true) {
            if (in.readNBytes(header, 0, BLOCK) < BLOCK || isZero(header)) {
                return;
            }
            String name = field(header, 0, 100);
            String prefix = field(header, 345, 155);
            if (!prefix.isEmpty()) {
                name = prefix + "/" + name;
            }
            String octalSize = field(header, 124, 12).trim();
            long size = octalSize.isEmpty() ? 0 : Long.parseLong(octalSize, 8);
            char type = (char) header[156];
            Path target = (type == '0' || type == 0) ? destination.apply(name) : null;
            if (target != null) {
                try (OutputStream out = Files.newOutputStream(target)) {
                    copy(in, out, size);
                }
            } else {
                skip(in, size);
            }
            skip(in, (BLOCK - size % BLOCK) % BLOCK);
        }
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static void copy(InputStream in, OutputStream out, long size) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long left = size;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new EOFException("tar archive ends inside a file");
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    private static void skip(InputStream in, long size) throws IOException {
        copy(in, OutputStream.nullOutputStream(), size);
    }
}
