package dev.trainctl.orchestrator.emulate;

import dev.trainctl.training.data.Dataset;
import dev.trainctl.training.data.IdxWriter;
import dev.trainctl.training.data.ImageSet;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/** A tiny test-only data set under the MNIST file names: class k lights up its own band of rows. */
final class SyntheticData {

    private SyntheticData() {}

    static ImageSet generate(int count, long seed) {
        Random random = new Random(seed);
        byte[] pixels = new byte[count * 28 * 28];
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            int label = random.nextInt(10);
            labels[i] = (byte) label;
            for (int p = 0; p < 28 * 28; p++) {
                int row = p / 28;
                boolean band = row >= label * 2 + 4 && row < label * 2 + 6;
                pixels[i * 28 * 28 + p] = (byte) (band ? 160 + random.nextInt(96) : random.nextInt(96));
            }
        }
        return new ImageSet(pixels, labels, count, 28, 28);
    }

    /** Writes the four files into {@code directory} and returns them. */
    static List<Path> write(Path directory, ImageSet train, ImageSet test) throws IOException {
        var files = Dataset.MNIST.files();
        List<Path> paths = List.of(directory.resolve(files.trainImages().name()),
                directory.resolve(files.trainLabels().name()), directory.resolve(files.testImages().name()),
                directory.resolve(files.testLabels().name()));
        IdxWriter.writeImages(train, paths.get(0), false);
        IdxWriter.writeLabels(train, paths.get(1), false);
        IdxWriter.writeImages(test, paths.get(2), false);
        IdxWriter.writeLabels(test, paths.get(3), false);
        return paths;
    }
}
