package dev.trainctl.training.serving;

import dev.trainctl.training.data.PngBytes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
        return PngBytes.of(width, height, 16, 6, idat.toByteArray());
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
