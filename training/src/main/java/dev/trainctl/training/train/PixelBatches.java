package dev.trainctl.training.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.trainctl.training.data.ImageSet;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * Training batches built from the pixels already in Java memory: the rows a batch needs, in the epoch's shuffled
 * order, are normalised through a 256-entry table into one reused direct buffer (100 KB at batch 32) and handed to
 * the engine as one float array. Neither a float copy of the set nor a shuffled copy per epoch is ever made, the
 * engine does not hold the set a second time, and a batch costs one native call, as a slice did.
 */
final class PixelBatches {

    private final ImageSet set;
    private final float[] normalised;
    private final float[] rows;
    private final ByteBuffer buffer;
    private final FloatBuffer floats;

    /** {@code manager} computes the table, with the same engine operations as {@link DeviceImages#normalise}. */
    PixelBatches(ImageSet set, int batchSize, NDManager manager) {
        this.set = set;
        this.normalised = table(manager);
        int capacity = Math.min(batchSize, set.count()) * set.pixelsPerImage();
        this.rows = new float[capacity];
        this.buffer = ByteBuffer.allocateDirect(capacity * Float.BYTES).order(ByteOrder.nativeOrder());
        this.floats = buffer.asFloatBuffer();
    }

    /**
     * The value of each byte after normalisation, computed by the engine itself: normalisation is element-wise, so
     * a pixel looked up here has the same bits as one normalised in a whole array.
     */
    private static float[] table(NDManager manager) {
        byte[] values = new byte[256];
        for (int i = 0; i < values.length; i++) {
            values[i] = (byte) i;
        }
        try (NDManager scratch = manager.newSubManager()) {
            NDArray raw = scratch.create(ByteBuffer.wrap(values), new Shape(values.length), DataType.UINT8);
            return DeviceImages.normalise(raw).toFloatArray();
        }
    }

    /** The normalised images {@code order[from..to)}, owned by {@code manager}; the next call reuses the buffer. */
    NDArray images(long[] order, int from, int to, NDManager manager) {
        int size = set.pixelsPerImage();
        byte[] pixels = set.pixels();
        int n = 0;
        for (int i = from; i < to; i++) {
            int start = Math.toIntExact(order[i] * size);
            for (int p = start; p < start + size; p++) {
                rows[n++] = normalised[pixels[p] & 0xff];
            }
        }
        floats.clear();
        floats.put(rows, 0, n);
        buffer.clear().limit(n * Float.BYTES);
        return manager.create(buffer, new Shape(to - from, size), DataType.FLOAT32);
    }
}
