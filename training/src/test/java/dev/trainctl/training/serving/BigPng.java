package dev.trainctl.training.serving;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;

/** A big 16-bit RGBA PNG written chunk by chunk (never whole in memory), and a main that reads one as a request. */
final class BigPng {

    private BigPng() {}

    /** A black picture with a white square in the middle. */
    static byte[] rgba16(int width, int height) throws IOException {
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflate = new DeflaterOutputStream(idat)) {
            byte[] row = new byte[1 + width * 8];
            for (int y = 0; y < height; y++) {
                java.util.Arrays.fill(row, (byte) 0);
                for (int x = 0; x < width; x++) {
                    boolean ink = Math.abs(x - width / 2) < width / 6 && Math.abs(y - height / 2) < height / 6;
                    int at = 1 + x * 8;
                    java.util.Arrays.fill(row, at, at + 6, ink ? (byte) 0xff : 0);
                    row[at + 6] = (byte) 0xff;
                    row[at + 7] = (byte) 0xff;
                }
                deflate.write(row);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(png);
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        DataOutputStream h = new DataOutputStream(header);
        h.writeInt(width);
        h.writeInt(height);
        h.write(new byte[] {16, 6, 0, 0, 0});
        chunk(out, "IHDR", header.toByteArray());
        chunk(out, "IDAT", idat.toByteArray());
        chunk(out, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.writeInt(data.length);
        out.write(name);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeInt((int) crc.getValue());
    }

    /** Reads the PNG file {@code args[0]} as an image/png invocation and prints the outcome. */
    public static void main(String[] args) throws Exception {
        try {
            ImageBatch batch = Invocations.read("image/png", Files.readAllBytes(Path.of(args[0])));
            System.out.println(batch.count() + " image");
        } catch (InvocationException e) {
            System.out.println(e.status() + " " + e.getMessage());
            System.exit(1);
        }
    }
}
