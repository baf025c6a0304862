package dev.trainctl.training.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.trainctl.training.data.ImageSet;
import java.nio.ByteBuffer;

/**
 * Training batches gathered from the pixels already in Java memory: the rows a batch needs, in the epoch's shuffled
 * order, are copied into one reused direct buffer (25 KB at batch 32) and handed to the engine as uint8, then
 * normalised there. Neither a float copy of the set nor a shuffled copy per epoch is ever made, and the set is not
 * held a second time by the engine: the Java array is the only copy.
 */
final class PixelBatches {

    private final ImageSet set;
    private final ByteBuffer buffer;

    PixelBatches(ImageSet set, int batchSize) {
        this.set = set;
        this.buffer = ByteBuffer.allocateDirect(Math.min(batchSize, set.count()) * set.pixelsPerImage());
    }

    /**
     * The normalised images {@code order[from..to)}, owned by {@code manager}. The buffer is refilled by the next
     * call, so the engine's uint8 view of it is only read here, by the conversion to floats.
     */
    NDArray images(long[] order, int from, int to, NDManager manager) {
        int size = set.pixelsPerImage();
        buffer.clear();
        for (int i = from; i < to; i++) {
            buffer.put(set.pixels(), Math.toIntExact(order[i] * size), size);
        }
        buffer.flip();
        NDArray raw = manager.create(buffer, new Shape(to - from, size), DataType.UINT8);
        return DeviceImages.normalise(raw);
    }
}
