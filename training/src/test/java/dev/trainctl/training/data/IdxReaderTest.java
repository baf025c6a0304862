package dev.trainctl.training.data;

import static dev.trainctl.training.data.IdxBytes.idx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    @TempDir
    Path directory;

    private final byte[] pixels = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};

    @Test
    void readsWhatWasWritten() throws Exception {
        Path file = write("train-images-idx3-ubyte", idx(new int[] {3, 2, 2}, pixels));

        IdxArray array = IdxReader.read(file);

        assertThat(array.dimensions()).containsExactly(3, 2, 2);
        assertThat(array.data()).containsExactly(pixels);
        assertThat(array.source()).isEqualTo("train-images-idx3-ubyte");
    }

    @Test
    void readsGzipByContentWhateverTheName() throws Exception {
        Path file = write("train-images-idx3-ubyte", IdxBytes.gzip(idx(new int[] {3, 2, 2}, pixels)));

        assertThat(IdxReader.read(file).data()).containsExactly(pixels);
    }

    @Test
    void wrongMagicNumberIsNamed() throws Exception {
        byte[] bytes = idx(new int[] {3, 2, 2}, pixels);
        bytes[2] = 0x0d; // float instead of unsigned byte
        Path file = write("t10k-images-idx3-ubyte", bytes);

        assertThatThrownBy(() -> IdxReader.read(file))
                .isInstanceOf(DataFileException.class)
                .hasMessageStartingWith("t10k-images-idx3-ubyte: wrong magic number 0x00000d03")
                .hasMessageContaining("not an IDX file");
    }

    @Test
    void truncatedFileNamesTheFileAndExpectedSize() throws Exception {
        byte[] whole = idx(new int[] {3, 2, 2}, pixels);
        Path file = write("train-images-idx3-ubyte", Arrays.copyOf(whole, whole.length - 5));

        assertThatThrownBy(() -> IdxReader.read(file))
                .isInstanceOf(DataFileException.class)
                .hasMessage("train-images-idx3-ubyte: expected 28 bytes, found 23 (truncated download? delete it or"
                        + " run 'trainctl data fetch')");
    }

    @Test
    void dataBeyondTheDeclaredDimensionsIsAMismatch() throws Exception {
        byte[] bytes = idx(new int[] {2, 2, 2}, pixels); // 8 declared, 12 present
        Path file = write("train-images-idx3-ubyte", bytes);

        assertThatThrownBy(() -> IdxReader.read(file))
                .hasMessageContaining("has data after the 24 bytes its header declares");
    }

    @Test
    void emptyFileIsNamed() throws Exception {
        Path file = write("train-labels-idx1-ubyte", new byte[0]);

        assertThatThrownBy(() -> IdxReader.read(file))
                .hasMessageStartingWith("train-labels-idx1-ubyte: file is empty");
    }

    @Test
    void zeroDimensionIsRejected() throws Exception {
        Path file = write("train-labels-idx1-ubyte", idx(new int[] {0}, new byte[0]));

        assertThatThrownBy(() -> IdxReader.read(file))
                .hasMessage("train-labels-idx1-ubyte: dimension 0 is 0, must be positive");
    }

    @Test
    void corruptGzipIsNamed() throws Exception {
        byte[] gz = IdxBytes.gzip(idx(new int[] {3, 2, 2}, pixels));
        gz[gz.length / 2] ^= 0x55;
        gz[gz.length - 3] ^= 0x55;
        Path file = write("train-images-idx3-ubyte.gz", gz);

        assertThatThrownBy(() -> IdxReader.read(file))
                .isInstanceOf(DataFileException.class)
                .hasMessageStartingWith("train-images-idx3-ubyte.gz: ");
    }

    @Test
    void labelsCountMustMatchImagesCount() {
        IdxArray images = new IdxArray("imgs", new int[] {3, 2, 2}, pixels);
        IdxArray labels = new IdxArray("lbls", new int[] {2}, new byte[] {1, 2});

        assertThatThrownBy(() -> ImageSet.of(images, labels))
                .isInstanceOf(DataFileException.class)
                .hasMessage("lbls has 2 labels but imgs has 3 images: the files are from different sets");
    }

    @Test
    void labelOutOfRangeNamesItsIndex() {
        IdxArray images = new IdxArray("imgs", new int[] {3, 2, 2}, pixels);
        IdxArray labels = new IdxArray("lbls", new int[] {3}, new byte[] {1, 10, 2});

        assertThatThrownBy(() -> ImageSet.of(images, labels))
                .hasMessage("lbls: label 10 at index 1 is out of range 0-9");
    }

    @Test
    void labelsFileInPlaceOfImagesIsNamed() {
        IdxArray labels = new IdxArray("lbls", new int[] {3}, new byte[] {1, 2, 3});

        assertThatThrownBy(() -> ImageSet.of(labels, labels))
                .hasMessageContaining("lbls: expected 3 dimensions (count, rows, columns), found 1");
    }

    private Path write(String name, byte[] bytes) throws Exception {
        Path file = directory.resolve(name);
        Files.write(file, bytes);
        return file;
    }
}
