package dev.trainctl.training.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/** A PNG file built chunk by chunk, so a test can declare any size and depth without decoding anything. */
public final class PngBytes {

    private PngBytes() {}

    /**
     * The PNG signature, an IHDR chunk declaring {@code width} x {@code height} at {@code bitDepth} bits of
     * {@code colourType} (0 grey, 6 RGBA), an IDAT chunk holding {@code deflated} (none when empty), and IEND.
     */
    public static byte[] of(int width, int height, int bitDepth, int colourType, byte[] deflated) throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(png);
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        DataOutputStream fields = new DataOutputStream(header);
        fields.writeInt(width);
        fields.writeInt(height);
        fields.write(new byte[] {(byte) bitDepth, (byte) colourType, 0, 0, 0});
        chunk(out, "IHDR", header.toByteArray());
        if (deflated.length > 0) {
            chunk(out, "IDAT", deflated);
        }
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
}
