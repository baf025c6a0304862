package dev.trainctl.training.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoriesTest {

    @TempDir
    Path temp;

    @Test
    void replaceLeavesOnlyTheNewFiles() throws Exception {
        Path target = temp.resolve("model");
        Directories.replace(target, "b", dir -> {
            Files.writeString(dir.resolve("a-0003"), "old");
            Files.writeString(dir.resolve("b"), "old");
        });

        Directories.replace(target, "b", dir -> {
            Files.writeString(dir.resolve("a-0001"), "new");
            Files.writeString(dir.resolve("b"), "new");
        });

        assertThat(names(target)).containsExactly("a-0001", "b");
        assertThat(Files.readString(target.resolve("b"))).isEqualTo("new");
        assertThat(names(temp)).containsExactly("model");
    }

    @Test
    void aWriteThatFailsHalfwayLeavesTheOldDirectoryWholeAndNoStagedFiles() throws Exception {
        Path target = temp.resolve("model");
        Directories.replace(target, "b", dir -> Files.writeString(dir.resolve("b"), "old"));

        assertThatThrownBy(() -> Directories.replace(target, "b", dir -> {
            Files.writeString(dir.resolve("a-0001"), "new");
            throw new IOException("disk full");
        })).hasMessage("disk full");

        assertThat(names(target)).containsExactly("b");
        assertThat(Files.readString(target.resolve("b"))).isEqualTo("old");
        assertThat(names(temp)).containsExactly("model");
    }

    @Test
    void replacingAFileIsRefused() throws Exception {
        Path file = Files.writeString(temp.resolve("model"), "not a directory");

        assertThatThrownBy(() -> Directories.replace(file, "b", dir -> { }))
                .hasMessageContaining(file + " is a file, not a directory");
    }

    @Test
    void aDirectoryBelowARegularFileIsNotWritableEvenForRoot() throws Exception {
        Path file = Files.writeString(temp.resolve("file"), "x");

        assertThatThrownBy(() -> Directories.requireWritable(file.resolve("checkpoints")))
                .hasMessageStartingWith("cannot ")
                .hasMessageContaining(file.resolve("checkpoints").toString())
                .hasMessageNotContaining("Exception");
    }

    @Test
    void aFileIsNotAWritableDirectory() throws Exception {
        Path file = Files.writeString(temp.resolve("file"), "x");

        assertThatThrownBy(() -> Directories.requireWritable(file)).hasMessage(file + " is a file, not a directory");
    }

    @Test
    void aWritableDirectoryIsCreatedAndLeftEmpty() throws Exception {
        Path directory = temp.resolve("a/b");

        Directories.requireWritable(directory);

        assertThat(directory).isEmptyDirectory();
    }

    private static java.util.List<String> names(Path directory) throws IOException {
        try (Stream<Path> list = Files.list(directory)) {
            return list.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }
}
