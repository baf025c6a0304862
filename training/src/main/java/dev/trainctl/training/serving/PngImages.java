package dev.trainctl.training.serving;

import dev.trainctl.training.data.DigitImages;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * {@code image/png} invocations: one picture of a digit, turned into MNIST's 28x28 as {@code predict --image} does.
 * The picture's size is read from the header first and refused above {@link ServingLimits#MAX_PNG_SIDE}, so a small
 * file that declares a huge picture cannot exhaust the memory, and a big one is decoded subsampled
 * ({@link DigitImages#mnistPixels(ImageReader)}). Short of memory all the same, the answer is a 503, not a 400.
 */
final class PngImages {

    static final String CONTENT_TYPE = "image/png";

    private PngImages() {}

    static ImageBatch read(byte[] body) throws InvocationException {
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(body))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("png");
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width > ServingLimits.MAX_PNG_SIDE || height > ServingLimits.MAX_PNG_SIDE) {
                    throw new InvocationException(InvocationException.TOO_LARGE, "a " + width + "x" + height
                            + " picture: at most " + ServingLimits.MAX_PNG_SIDE + " pixels a side (a digit needs"
                            + " 28x28)");
                }
                byte[] bytes = DigitImages.mnistPixels(reader);
                float[] pixels = new float[bytes.length];
                for (int i = 0; i < bytes.length; i++) {
                    pixels[i] = Byte.toUnsignedInt(bytes[i]);
                }
                return JsonImages.batch(pixels, 1);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (causedByOutOfMemory(e)) {
                throw InvocationException.outOfMemory();
            }
            throw InvocationException.malformed("not a PNG picture Java can read: send image/png");
        } catch (OutOfMemoryError e) {
            throw InvocationException.outOfMemory();
        }
    }

    /** ImageIO reports an out-of-memory inside the decoder as an IIOException caused by it. */
    static boolean causedByOutOfMemory(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof OutOfMemoryError) {
                return true;
            }
        }
        return false;
    }
}
