package dev.trainctl.training.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code predict --image}: a picture is read only after its declared size is known to be reasonable. */
class DigitImagesTest {

    @TempDir
    Path temp;

    @Test
    void aPictureIsScaledToMnistsSize() throws Exception {
        BufferedImage picture = new BufferedImage(56, 56, BufferedImage.TYPE_BYTE_GRAY);
        picture.getGraphics().fillRect(20, 10, 16, 36);
        Path file = temp.resolve("seven.png");
        ImageIO.write(picture, "png", file.toFile());

        ImageSet read = DigitImages.read(file);

        assertThat(read.count()).isEqualTo(1);
        assertThat(DigitImages.inkedPixels(read, 0)).isGreaterThan(DigitImages.MIN_INK_PIXELS);
    }

    @Test
    void aFewBytesDeclaringGigapixelsAreRefusedBeforeDecoding() throws Exception {
        Path bomb = Files.write(temp.resolve("bomb.png"), pngHeader(100_000, 100_000));

        assertThatThrownBy(() -> DigitImages.read(bomb)).isInstanceOf(DataFileException.class)
                .hasMessage(bomb + " is 100000x100000 pixels: at most 4096 a side (a digit needs 28x28; scale it down"
                        + " first)");
    }

    @Test
    void somethingThatIsNoPictureIsNamed() throws Exception {
        Path text = Files.writeString(temp.resolve("notes.png"), "not a picture");

        assertThatThrownBy(() -> DigitImages.read(text)).isInstanceOf(DataFileException.class)
                .hasMessage(text + ": not an image Java can read (use PNG, JPEG, GIF or BMP)");
    }

    /** The PNG signature and an IHDR chunk (8-bit grey) declaring {@code width} x {@code height}, then IEND. */
    static byte[] pngHeader(int width, int height) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(ihdr);
        data.writeInt(width);
        data.writeInt(height);
        data.write(new byte[] {8, 0, 0, 0, 0});
        chunk(out, "IHDR", ihdr.toByteArray());
        chunk(out, "IEND", new byte[0]);
        return bytes.toByteArray();
    }

    private static void chunk(DataOutputStream out, String type, byte[] data) throws Exception {
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
