package dev.trainctl.training.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /** A PNG that declares {@code width} x {@code height} 8-bit grey pixels and holds none. */
    static byte[] pngHeader(int width, int height) throws Exception {
        return PngBytes.of(width, height, 8, 0, new byte[0]);
    }
}
