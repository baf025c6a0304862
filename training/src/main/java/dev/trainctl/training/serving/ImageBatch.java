package dev.trainctl.training.serving;

import dev.trainctl.training.data.ImageSet;
import dev.trainctl.training.model.MnistMlp;

/**
 * The images of one invocation, as the model takes them: 784 pixel values from 0 to 255 per image, row-major.
 *
 * @param pixels {@code count * 784} values, each a finite number from 0 to 255
 */
public record ImageBatch(float[] pixels, int count) {

    public static final int PIXELS = MnistMlp.INPUTS;

    public ImageBatch {
        if (count < 1) {
            throw new IllegalArgumentException("no images");
        }
        if (pixels.length != (long) count * PIXELS) {
            throw new IllegalArgumentException("expected " + count + " x " + PIXELS + " pixels, got " + pixels.length);
        }
        for (int i = 0; i < pixels.length; i++) {
            float value = pixels[i];
            if (!(value >= 0 && value <= 255)) {
                throw new IllegalArgumentException("pixel " + (i % PIXELS) + " of image " + (i / PIXELS) + " is "
                        + value + ": pixel values are numbers from 0 to 255");
            }
        }
    }

    /** Images {@code from} (inclusive) to {@code to} (exclusive) of a data set. */
    public static ImageBatch of(ImageSet set, int from, int to) {
        if (set.pixelsPerImage() != PIXELS) {
            throw new IllegalArgumentException("images are " + set.rows() + "x" + set.columns() + ", the model takes"
                    + " 28x28");
        }
        float[] pixels = new float[(to - from) * PIXELS];
        byte[] bytes = set.pixels();
        int offset = from * PIXELS;
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = Byte.toUnsignedInt(bytes[offset + i]);
        }
        return new ImageBatch(pixels, to - from);
    }
}
