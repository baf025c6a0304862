package dev.trainctl.training.data;

import java.util.Arrays;

/**
 * The contents of one IDX file of unsigned bytes: its dimensions and its data, row-major.
 *
 * @param source where the array was read from, used in error messages
 * @param dimensions the size of each dimension, all positive
 * @param data exactly the product of the dimensions in bytes
 */
public record IdxArray(String source, int[] dimensions, byte[] data) {

    public IdxArray {
        dimensions = dimensions.clone();
        long expected = 1;
        for (int dimension : dimensions) {
            if (dimension <= 0) {
                throw new IllegalArgumentException(source + ": dimension " + dimension + " is not positive");
            }
            expected *= dimension;
        }
        if (expected != data.length) {
            throw new IllegalArgumentException(
                    source + ": dimensions " + Arrays.toString(dimensions) + " need " + expected
                            + " bytes, got " + data.length);
        }
    }

    /** The size of the first dimension: the number of items (images or labels). */
    public int count() {
        return dimensions[0];
    }

    @Override
    public int[] dimensions() {
        return dimensions.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IdxArray that
                && source.equals(that.source)
                && Arrays.equals(dimensions, that.dimensions)
                && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(dimensions) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "IdxArray[" + source + ", " + Arrays.toString(dimensions) + "]";
    }
}
