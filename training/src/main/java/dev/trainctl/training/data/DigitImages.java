package dev.trainctl.training.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Turns a picture of a digit (PNG, JPEG, ...) into a 28x28 MNIST-style image: white digit on black. */
public final class DigitImages {

    private static final int SIZE = 28;

    private DigitImages() {}

    /** Reads {@code file} as a one-image set (its label is a placeholder 0). */
    public static ImageSet read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new DataFileException(file + ": no such file");
        }
        BufferedImage source = ImageIO.read(file.toFile());
        if (source == null) {
            throw new DataFileException(file + ": not an image Java can read (use PNG, JPEG, GIF or BMP)");
        }
        return new ImageSet(mnistPixels(source), new byte[] {0}, 1, SIZE, SIZE);
    }

    /**
     * The picture as MNIST's 784 pixels: scaled to 28x28 grey, and inverted when it is dark on light (a scan of ink
     * on paper), since MNIST digits are light on a dark background.
     */
    public static byte[] mnistPixels(BufferedImage source) {
        BufferedImage grey = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D graphics = grey.createGraphics();
        graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        graphics.drawImage(source, 0, 0, SIZE, SIZE, null);
        graphics.dispose();
        byte[] pixels = new byte[SIZE * SIZE];
        grey.getRaster().getDataElements(0, 0, SIZE, SIZE, pixels);
        long sum = 0;
        for (byte pixel : pixels) {
            sum += Byte.toUnsignedInt(pixel);
        }
        if (sum / pixels.length > 127) {
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = (byte) (255 - Byte.toUnsignedInt(pixels[i]));
            }
        }
        return pixels;
    }
}
