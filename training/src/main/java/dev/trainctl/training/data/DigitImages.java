package dev.trainctl.training.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/** Turns a picture of a digit (PNG, JPEG, ...) into a 28x28 MNIST-style image: white digit on black. */
public final class DigitImages {

    private static final int SIZE = 28;
    /** Pixels at least this bright (of 255, after orientation) count as ink; MNIST digits have about 100 to 200. */
    private static final int INK = 128;
    /** Fewer inked pixels than this and there is nothing a model could call a digit. */
    static final int MIN_INK_PIXELS = 10;

    /**
     * The largest picture {@link #read} decodes, a side: a 12-megapixel photo fits; a file that declares more would
     * need more memory than its size suggests (a few KB of PNG can declare gigapixels).
     */
    static final int MAX_SIDE = 4096;

    /** The most pixels a side decoded before scaling to 28x28: four source pixels for each MNIST pixel. */
    static final int DECODED_SIDE = 4 * SIZE;

    private DigitImages() {}

    /** Reads {@code file} as a one-image set (its label is a placeholder 0). */
    public static ImageSet read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new DataFileException(file + ": no such file");
        }
        try (ImageInputStream input = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = input == null ? Collections.emptyIterator() : ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                throw new DataFileException(file + ": not an image Java can read (use PNG, JPEG, GIF or BMP)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width > MAX_SIDE || height > MAX_SIDE) {
                    throw new DataFileException(file + " is " + width + "x" + height + " pixels: at most " + MAX_SIDE
                            + " a side (a digit needs 28x28; scale it down first)");
                }
                return new ImageSet(mnistPixels(reader), new byte[] {0}, 1, SIZE, SIZE);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof DataFileException) {
                throw e;
            }
            throw new DataFileException(file + ": not an image Java can read (" + (e.getMessage() == null
                    ? "damaged or cut short" : e.getMessage()) + ")");
        }
    }

    /**
     * The first picture of {@code reader} (its input set) as MNIST's 784 pixels. A big picture is decoded with
     * source subsampling, every n-th pixel of every n-th row, so the decoded picture is at most {@value #DECODED_SIDE}
     * pixels a side whatever its size: a 4096x4096 16-bit RGBA picture then needs about 200 KB instead of 128 MB.
     */
    public static byte[] mnistPixels(ImageReader reader) throws IOException {
        int step = Math.max(1, (Math.max(reader.getWidth(0), reader.getHeight(0)) + DECODED_SIDE - 1) / DECODED_SIDE);
        ImageReadParam param = reader.getDefaultReadParam();
        param.setSourceSubsampling(step, step, 0, 0);
        return mnistPixels(reader.read(0, param));
    }

    /**
     * The picture as MNIST's 784 pixels: scaled to 28x28 grey, and inverted when it is dark on light (a scan of ink
     * on paper), since MNIST digits are light on a dark background.
     */
    static byte[] mnistPixels(BufferedImage source) {
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

    /**
     * How many pixels of image {@code index} carry ink (at least {@value #INK} of 255 once light-on-dark).
     */
    public static int inkedPixels(ImageSet set, int index) {
        byte[] pixels = set.pixels();
        int inked = 0;
        for (int i = index * set.pixelsPerImage(); i < (index + 1) * set.pixelsPerImage(); i++) {
            if (Byte.toUnsignedInt(pixels[i]) >= INK) {
                inked++;
            }
        }
        return inked;
    }

    /** Whether image {@code index} is blank or nearly so (fewer than {@link #MIN_INK_PIXELS} inked pixels). */
    public static boolean looksBlank(ImageSet set, int index) {
        return inkedPixels(set, index) < MIN_INK_PIXELS;
    }
}
