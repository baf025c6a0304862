package dev.trainctl.training.data;

/**
 * A labelled set of square grey-scale images, as MNIST stores them: one unsigned byte per pixel, row-major, and
 * one label byte per image.
 *
 * @param pixels {@code count * rows * columns} bytes
 * @param labels {@code count} bytes, each a class index below {@link #CLASSES}
 */
public record ImageSet(byte[] pixels, byte[] labels, int count, int rows, int columns) {

    public static final int CLASSES = 10;

    public ImageSet {
        if (count <= 0 || rows <= 0 || columns <= 0) {
            throw new IllegalArgumentException("count, rows and columns must be positive");
        }
        if (pixels.length != (long) count * rows * columns || labels.length != count) {
            throw new IllegalArgumentException("pixels and labels do not match " + count + " images of "
                    + rows + "x" + columns);
        }
    }

    /**
     * Pairs an images file with its labels file, checking that they describe the same images.
     *
     * @throws DataFileException when the shapes, counts or labels are wrong
     */
    public static ImageSet of(IdxArray images, IdxArray labels) throws DataFileException {
        int[] imageDims = images.dimensions();
        if (imageDims.length != 3) {
            throw new DataFileException(images.source() + ": expected 3 dimensions (count, rows, columns), found "
                    + imageDims.length + " (is this a labels file?)");
        }
        if (labels.dimensions().length != 1) {
            throw new DataFileException(labels.source() + ": expected 1 dimension (count), found "
                    + labels.dimensions().length + " (is this an images file?)");
        }
        if (labels.count() != images.count()) {
            throw new DataFileException(labels.source() + " has " + labels.count() + " labels but "
                    + images.source() + " has " + images.count() + " images: the files are from different sets");
        }
        byte[] labelBytes = labels.data();
        for (int i = 0; i < labelBytes.length; i++) {
            int label = Byte.toUnsignedInt(labelBytes[i]);
            if (label >= CLASSES) {
                throw new DataFileException(labels.source() + ": label " + label + " at index " + i
                        + " is out of range 0-" + (CLASSES - 1));
            }
        }
        return new ImageSet(images.data(), labelBytes, images.count(), imageDims[1], imageDims[2]);
    }

    public int pixelsPerImage() {
        return rows * columns;
    }

    public int label(int index) {
        return labels[index];
    }

    /** The first {@code n} images, for quick runs and tests. */
    public ImageSet head(int n) {
        if (n >= count) {
            return this;
        }
        byte[] headPixels = java.util.Arrays.copyOf(pixels, n * pixelsPerImage());
        return new ImageSet(headPixels, java.util.Arrays.copyOf(labels, n), n, rows, columns);
    }
}
