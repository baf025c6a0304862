package dev.trainctl.training.files;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.GZIPOutputStream;

/** Hand-made tar archives for the tests, hostile ones included: any entry type, any declared size. */
public final class TarBytes {

    private final ByteArrayOutputStream tar = new ByteArrayOutputStream();

    /** A header block for {@code name} of {@code type} declaring {@code size} bytes (data not included). */
    public TarBytes header(String name, char type, long size) throws IOException {
        tar.writeBytes(Tarball.header(name, type, size, 0));
        return this;
    }

    /** {@code data} and the zero padding to the next block. */
    public TarBytes data(byte[] data) {
        tar.writeBytes(data);
        tar.writeBytes(new byte[(512 - data.length % 512) % 512]);
        return this;
    }

    public TarBytes file(String name, byte[] content) throws IOException {
        return header(name, '0', content.length).data(content);
    }

    /** The archive so far, ended with two zero blocks, gzip-compressed. */
    public byte[] gzip() throws IOException {
        tar.writeBytes(new byte[1024]);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(bytes)) {
            tar.writeTo(gz);
        }
        return bytes.toByteArray();
    }

    /** The archive so far, not ended: what a stream that stops early (or lies about what follows) gives. */
    public byte[] gzipUnterminated() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(bytes)) {
            tar.writeTo(gz);
        }
        return bytes.toByteArray();
    }
}
