package dev.trainctl.training.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files of bounded size are read only up to their bound: a huge file, a device or a pipe gets a message. */
class LimitedFilesTest {

    @TempDir
    Path temp;

    @Test
    void aFileWithinTheLimitIsReadWhole() throws Exception {
        Path file = Files.writeString(temp.resolve("model.json"), "{\"format\": 1}");

        assertThat(LimitedFiles.readString(file, 13, "a card")).isEqualTo("{\"format\": 1}");
    }

    @Test
    void aHugeFileIsRefusedWithoutReadingIt() throws Exception {
        Path file = temp.resolve("model.json");
        try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(3L << 30); // 3 GiB of zeros, stored sparse
        }

        assertThatThrownBy(() -> LimitedFiles.readString(file, 1 << 20, "a trainctl model card"))
                .hasMessage(file + " is larger than 1 MiB, far more than a trainctl model card holds: it is damaged"
                        + " or another file");
    }

    @Test
    void aDeviceBehindALinkIsRefusedNotReadForever() throws Exception {
        Path link = Files.createSymbolicLink(temp.resolve("model.json"), Path.of("/dev/zero"));

        assertThatThrownBy(() -> LimitedFiles.readAllBytes(link, 1 << 20, "a trainctl model card"))
                .hasMessage(link + " is not a regular file (a device, a pipe or a folder), so it is not a trainctl"
                        + " model card");
    }

    @Test
    void aMissingFileIsStillNoSuchFile() {
        assertThatThrownBy(() -> LimitedFiles.readAllBytes(temp.resolve("none"), 10, "x"))
                .isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void sizesAreInWords() {
        assertThat(LimitedFiles.size(64 << 10)).isEqualTo("64 KiB");
        assertThat(LimitedFiles.size(3L << 29)).isEqualTo("1.5 GiB");
        assertThat(LimitedFiles.size(100)).isEqualTo("100 bytes");
    }
}
