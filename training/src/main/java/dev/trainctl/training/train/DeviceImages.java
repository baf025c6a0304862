package dev.trainctl.training.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.trainctl.training.data.ImageSet;
import java.nio.ByteBuffer;

/**
 * An image set uploaded once to the training device: normalised float images {@code (N, 784)} and int64 labels
 * {@code (N)}. The whole of MNIST fits in memory, so batches are slices of these arrays, not per-sample objects.
 */
public record DeviceImages(NDArray images, NDArray labels, int count) implements AutoCloseable {

    /**
     * Uploads and normalises as the tutorial does: {@code (x / 255 - 0.5) / 0.5}, i.e. {@code x / 127.5 - 1}.
     */
    public static DeviceImages upload(ImageSet set, NDManager manager) {
        Shape shape = new Shape(set.count(), set.pixelsPerImage());
        NDArray images;
        try (NDArray raw = manager.create(ByteBuffer.wrap(set.pixels()), shape, DataType.UINT8)) {
            try (NDArray floats = raw.toType(DataType.FLOAT32, false)) {
                images = floats.div(127.5f).subi(1f);
            }
        }
        NDArray labels;
        try (NDArray raw = manager.create(ByteBuffer.wrap(set.labels()), new Shape(set.count()), DataType.UINT8)) {
            labels = raw.toType(DataType.INT64, false);
        }
        return new DeviceImages(images, labels, set.count());
    }

    @Override
    public void close() {
        images.close();
        labels.close();
    }
}
