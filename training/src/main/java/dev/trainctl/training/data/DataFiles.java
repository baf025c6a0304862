package dev.trainctl.training.data;

import java.util.List;

/**
 * The four files of an MNIST-format data set, each with its pinned hash.
 *
 * @param id a short name used for cache directories and messages, e.g. {@code mnist}
 */
public record DataFiles(String id, DataFile trainImages, DataFile trainLabels, DataFile testImages,
        DataFile testLabels) {

    public List<DataFile> all() {
        return List.of(trainImages, trainLabels, testImages, testLabels);
    }
}
