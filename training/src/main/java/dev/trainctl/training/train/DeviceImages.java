package dev.trainctl.training.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.trainctl.training.data.ImageSet;
import java.nio.ByteBuffer;

/**
 * An image set uploaded once to the training device: the raw pixels as uint8 {@code (N, 784)} and int64 labels
 * {@code (N)}. The whole of MNIST fits in memory, so batches are gathered from these arrays, not built from
 * per-sample objects. The pixels stay uint8 (47 MB for MNIST's training set, a float copy would be 188 MB) and each
 * batch is normalised as it is taken: normalisation is element-wise, so a row's floats are the same bits whether
 * it is converted alone or with the whole set.
 *
 * @param pixels uint8 {@code (N, rows * columns)}
 */
public record DeviceImages(NDArray pixels, NDArray labels, int count) implements AutoCloseable {

    public static DeviceImages upload(ImageSet set, NDManager manager) {
        NDArray pixels = manager.create(ByteBuffer.wrap(set.pixels()), new Shape(set.count(), set.pixelsPerImage()),
                DataType.UINT8);
        NDArray labels;
        try (NDArray raw = manager.create(ByteBuffer.wrap(set.labels()), new Shape(set.count()), DataType.UINT8)) {
            labels = raw.toType(DataType.INT64, false);
        }
        return new DeviceImages(pixels, labels, set.count());
    }

    /** The normalised images of the rows {@code rows} selects (a slice or an index array), owned by {@code owner}. */
    public NDArray images(NDIndex rows, NDManager owner) {
        NDArray raw = pixels.get(rows);
        raw.attach(owner);
        return normalise(raw);
    }

    /** The rows at {@code indices} (int64), normalised, owned by {@code indices}' manager. */
    public NDArray images(NDArray indices) {
        NDArray raw = pixels.get(indices);
        raw.attach(indices.getManager());
        return normalise(raw);
    }

    /**
     * Normalises as the tutorial does: {@code (x / 255 - 0.5) / 0.5}, computed as {@code x / 127.5 - 1}. The results
     * stay with {@code raw}'s manager.
     */
    private static NDArray normalise(NDArray raw) {
        return raw.toType(DataType.FLOAT32, false).divi(127.5f).subi(1f);
    }

    @Override
    public void close() {
        pixels.close();
        labels.close();
    }
}
