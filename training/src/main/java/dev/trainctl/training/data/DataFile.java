package dev.trainctl.training.data;

/**
 * One of the four files of an MNIST-format data set, with the SHA-256 and size of its uncompressed content.
 *
 * @param name the canonical file name, e.g. {@code train-images-idx3-ubyte}
 * @param sha256 lower-case hex SHA-256 of the raw (uncompressed) bytes
 * @param size the raw size in bytes
 */
public record DataFile(String name, String sha256, long size) {

    public DataFile {
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException(name + ": not a SHA-256: " + sha256);
        }
    }

    public String gzipName() {
        return name + ".gz";
    }
}
