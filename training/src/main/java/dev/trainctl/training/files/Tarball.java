package dev.trainctl.training.files;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * {@code model.tar.gz} as SageMaker makes it: the files of {@code /opt/ml/model} at the top of a gzip-compressed
 * POSIX tar. Reading accepts what Python's tarfile writes (ustar, PAX extended headers) and refuses any entry that
 * would land outside the target directory.
 */
public final class Tarball {

    private static final int BLOCK = 512;

    private Tarball() {}

    /** Packs the regular files under {@code directory} (recursively, relative names) into {@code archive}. */
    public static void pack(Path directory, Path archive) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(directory)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        try (OutputStream out = new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(archive),
                1 << 16), 1 << 16)) {
            for (Path file : files) {
                String name = directory.relativize(file).toString().replace('\\', '/');
                long size = Files.size(file);
                out.write(header(name, size, Files.getLastModifiedTime(file).toMillis() / 1000));
                try (InputStream in = Files.newInputStream(file)) {
                    in.transferTo(out);
                }
                out.write(new byte[(int) ((BLOCK - size % BLOCK) % BLOCK)]);
            }
            out.write(new byte[2 * BLOCK]);
        }
    }

    /** Unpacks {@code archive} (gzip or plain tar) into {@code directory}; returns the files written. */
    public static List<Path> unpack(Path archive, Path directory) throws IOException {
        List<Path> written = new ArrayList<>();
        Path root = directory.toAbsolutePath().normalize();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive), 1 << 16)) {
            raw.mark(2);
            boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw;
            byte[] header = new byte[BLOCK];
            String longName = null;
            while (in.readNBytes(header, 0, BLOCK) == BLOCK && !isZero(header)) {
                String name = field(header, 0, 100);
                String prefix = field(header, 345, 155);
                if (!prefix.isEmpty()) {
                    name = prefix + "/" + name;
                }
                long size = octal(field(header, 124, 12));
                char type = (char) header[156];
                if (type == 'x' || type == 'L') {
                    byte[] data = in.readNBytes((int) size);
                    skip(in, (BLOCK - size % BLOCK) % BLOCK);
                    longName = type == 'L' ? new String(data, StandardCharsets.UTF_8).replace("\0", "")
                            : paxPath(data);
                    continue;
                }
                if (longName != null) {
                    name = longName;
                    longName = null;
                }
                if (type == '0' || type == 0) {
                    Path target = root.resolve(name).normalize();
                    if (!target.startsWith(root) || target.equals(root)) {
                        throw new IOException(archive + ": entry '" + name + "' would be written outside " + root);
                    }
                    Files.createDirectories(target.getParent());
                    try (OutputStream out = Files.newOutputStream(target)) {
                        copy(in, out, size);
                    }
                    written.add(target);
                } else {
                    skip(in, size);
                }
                skip(in, (BLOCK - size % BLOCK) % BLOCK);
            }
        }
        return written;
    }

    private static byte[] header(String name, long size, long mtime) throws IOException {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        if (nameBytes.length > 100) {
            throw new IOException("file name too long for a tar header: " + name);
        }
        byte[] header = new byte[BLOCK];
        System.arraycopy(nameBytes, 0, header, 0, nameBytes.length);
        put(header, 100, String.format("%07o", 0644));
        put(header, 108, String.format("%07o", 0));
        put(header, 116, String.format("%07o", 0));
        put(header, 124, String.format("%011o", size));
        put(header, 136, String.format("%011o", mtime));
        header[156] = '0';
        put(header, 257, "ustar");
        put(header, 263, "00");
        for (int i = 148; i < 156; i++) {
            header[i] = ' ';
        }
        long sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        put(header, 148, String.format("%06o", sum));
        header[154] = 0;
        header[155] = ' ';
        return header;
    }

    private static void put(byte[] header, int offset, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, offset, bytes.length);
    }

    /** The {@code path} record of a PAX extended header ({@code "LEN path=VALUE\n"} records), or null. */
    private static String paxPath(byte[] data) {
        for (String record : new String(data, StandardCharsets.UTF_8).split("\n")) {
            int space = record.indexOf(' ');
            if (space > 0 && record.startsWith("path=", space + 1)) {
                return record.substring(space + 1 + "path=".length());
            }
        }
        return null;
    }

    private static long octal(String text) {
        String trimmed = text.trim();
        return trimmed.isEmpty() ? 0 : Long.parseLong(trimmed, 8);
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
