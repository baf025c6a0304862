package dev.trainctl.training.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.trainctl.training.data.ImageSet;
import java.nio.ByteBuffer;

/**
 * An image set uploaded once to the device for evaluation: the raw pixels as uint8 {@code (N, 784)} and int64
 * labels {@code (N)}. The pixels stay uint8 (7.8 MB for MNIST's test set, a float copy would be 31 MB) and each
 * chunk is normalised as it is taken: normalisation is element-wise, so a row's floats are the same bits whether it
 * is converted alone, in a batch or with the whole set.
 *
 * @param pixels uint8 {@code (N, rows * columns)}
 */
public record DeviceImages(NDArray pixels, NDArray labels, int count) implements AutoCloseable {

    public static DeviceImages upload(ImageSet set, NDManager manager) {
        NDArray pixels = manager.create(ByteBuffer.wrap(set.pixels()), new Shape(set.count(), set.pixelsPerImage()),
                DataType.UINT8);
        return new DeviceImages(pixels, labels(set, manager), set.count());
    }

    /** The labels of {@code set} as int64 {@code (N)} on {@code manager}'s device. */
    public static NDArray labels(ImageSet set, NDManager manager) {
        try (NDArray raw = manager.create(ByteBuffer.wrap(set.labels()), new Shape(set.count()), DataType.UINT8)) {
            return raw.toType(DataType.INT64, false);
        }
    }

    /** The normalised images of the rows {@code rows} selects (a slice or an index array), owned by {@code owner}. */
    public NDArray images(NDIndex rows, NDManager owner) {
        NDArray raw = pixels.get(rows);
        raw.attach(owner);
        return normalise(raw);
    }

    /**
     * Normalises as the tutorial does: {@code (x / 255 - 0.5) / 0.5}, computed as {@code x / 127.5 - 1}. The results
     * stay with {@code raw}'s manager.
     */
    public static NDArray normalise(NDArray raw) {
        return raw.toType(DataType.FLOAT32, false).divi(127.5f).subi(1f);
    }

    @Override
    public void close() {
        pixels.close();
        labels.close();
    }
}
