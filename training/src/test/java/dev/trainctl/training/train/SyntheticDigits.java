package dev.trainctl.training.train;

import dev.trainctl.training.data.ImageSet;
import java.util.Random;

/** Small, linearly separable 28x28 "digits": class k lights up its own band of rows, plus noise. */
public final class SyntheticDigits {

    private SyntheticDigits() {}

    public static ImageSet generate(int count, long seed) {
        Random random = new Random(seed);
        byte[] pixels = new byte[count * 28 * 28];
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            int label = random.nextInt(10);
            labels[i] = (byte) label;
            for (int p = 0; p < 28 * 28; p++) {
                int row = p / 28;
                boolean band = row >= label * 2 + 4 && row < label * 2 + 6;
                int value = band ? 160 + random.nextInt(96) : random.nextInt(96);
                pixels[i * 28 * 28 + p] = (byte) value;
            }
        }
        return new ImageSet(pixels, labels, count, 28, 28);
    }
}
