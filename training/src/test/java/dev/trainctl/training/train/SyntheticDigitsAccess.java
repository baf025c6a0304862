package dev.trainctl.training.train;

import dev.trainctl.training.data.ImageSet;

/** Lets tests in other packages use {@link SyntheticDigits}. */
public final class SyntheticDigitsAccess {

    private SyntheticDigitsAccess() {}

    public static ImageSet generate(int count, long seed) {
        return SyntheticDigits.generate(count, seed);
    }
}
