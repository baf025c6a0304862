package dev.trainctl.training.files;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/** Hand-made tar archives for the tests, hostile ones included: any entry type, any declared size. */
public final class TarBytes {

    private final ByteArrayOutputStream tar = new ByteArrayOutputStream();

    /** A header block for {@code name} of {@code type} declaring {@code size} bytes (data not included). */
    public TarBytes header(String name, char type, long size) {
        byte[] header = new byte[512];
        put(header, 0, name);
        put(header, 100, "0000644");
        put(header, 108, "0000000");
        put(header, 116, "0000000");
        put(header, 124, String.format("%011o", size));
        put(header, 136, String.format("%011o", 0));
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
        put(header, 148, String.format("%06o\0 ", sum));
        tar.writeBytes(header);
        return this;
    }

    /** {@code data} and the zero padding to the next block. */
    public TarBytes data(byte[] data) {
        tar.writeBytes(data);
        tar.writeBytes(new byte[(512 - data.length % 512) % 512]);
        return this;
    }

    public TarBytes file(String name, byte[] content) {
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

    private static void put(byte[] header, int offset, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, offset, bytes.length);
    }
}
