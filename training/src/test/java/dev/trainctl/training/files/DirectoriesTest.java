package dev.trainctl.training.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoriesTest {

    @TempDir
    Path temp;

    @Test
    void replaceLeavesOnlyTheNewFiles() throws Exception {
        Path target = temp.resolve("model");
        Directories.replace(target, TestKind.KIND, "b", dir -> {
            Files.writeString(dir.resolve("a-0003"), "old");
            Files.writeString(dir.resolve("b"), TestKind.OURS);
        });

        Directories.replace(target, TestKind.KIND, "b", dir -> {
            Files.writeString(dir.resolve("a-0001"), "new");
            Files.writeString(dir.resolve("b"), TestKind.OURS + " new");
        });

        assertThat(names(target)).containsExactly("a-0001", "b");
        assertThat(Files.readString(target.resolve("b"))).isEqualTo(TestKind.OURS + " new");
        assertThat(names(temp)).containsExactly("model");
    }

    @Test
    void aNewDirectoryIsReadableLikeTheFilesInItNotPrivateLikeItsStaging() throws Exception {
        Path target = temp.resolve("new-model");

        Directories.replace(target, TestKind.KIND, "b", dir -> Files.writeString(dir.resolve("b"), TestKind.OURS));

        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(target)))
                .isEqualTo("rwxr-xr-x");
    }

    @Test
    void aWriteThatFailsHalfwayLeavesTheOldDirectoryWholeAndNoStagedFiles() throws Exception {
        Path target = temp.resolve("model");
        Directories.replace(target, TestKind.KIND, "b", dir -> Files.writeString(dir.resolve("b"), TestKind.OURS));

        assertThatThrownBy(() -> Directories.replace(target, TestKind.KIND, "b", dir -> {
            Files.writeString(dir.resolve("a-0001"), "new");
            throw new IOException("disk full");
        })).hasMessage("cannot write " + target + " (disk full)");

        assertThat(names(target)).containsExactly("b");
        assertThat(Files.readString(target.resolve("b"))).isEqualTo(TestKind.OURS);
        assertThat(names(temp)).containsExactly("model");
    }

    @Test
    void aDirectoryWithAFileTrainctlDidNotWriteIsRefusedAndKeptWhole() throws Exception {
        Path target = Files.createDirectories(temp.resolve("project/src"));
        Path project = target.getParent();
        Files.writeString(project.resolve("notes.txt"), "mine");
        Files.writeString(project.resolve("b"), TestKind.OURS);
        Files.createSymbolicLink(project.resolve("link"), temp);

        assertThatThrownBy(() -> Directories.replace(project, TestKind.KIND, "b",
                dir -> Files.writeString(dir.resolve("b"), TestKind.OURS)))
                .isInstanceOf(ForeignDirectoryException.class)
                .hasMessage(project + " holds files trainctl did not write (link@, notes.txt, src/), so it is not"
                        + " a test directory");

        assertThat(names(project)).containsExactly("b", "link", "notes.txt", "src");
        assertThat(Files.readString(project.resolve("notes.txt"))).isEqualTo("mine");
        assertThat(names(temp)).containsExactly("project");
    }

    @Test
    void aDirectoryOfOwnNamesThatItsDescriptorDoesNotRecogniseIsRefused() throws Exception {
        Path target = Files.createDirectories(temp.resolve("model"));
        Files.writeString(target.resolve("b"), "another tool's");

        assertThatThrownBy(() -> Directories.replace(target, TestKind.KIND, "b", dir -> { }))
                .isInstanceOf(ForeignDirectoryException.class)
                .hasMessageStartingWith(target + " holds b but is not a test directory");
        assertThat(Files.readString(target.resolve("b"))).isEqualTo("another tool's");
    }

    @Test
    void anEmptyDirectoryIsFilledAndKeepsItsPermissions() throws Exception {
        Path target = Files.createDirectories(temp.resolve("model"));
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-x---"));

        Directories.replace(target, TestKind.KIND, "b", dir -> Files.writeString(dir.resolve("b"), TestKind.OURS));

        assertThat(names(target)).containsExactly("b");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rwxr-x---");
    }

    @Test
    void aReplacedDirectoryKeepsThePermissionsOfTheOldOne() throws Exception {
        Path target = temp.resolve("model");
        Directories.replace(target, TestKind.KIND, "b", dir -> Files.writeString(dir.resolve("b"), TestKind.OURS));
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));

        Directories.replace(target, TestKind.KIND, "b", dir -> Files.writeString(dir.resolve("b"), TestKind.OURS));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rwxr-xr-x");
    }

    @Test
    void aSymbolicLinkToAModelIsFollowedAndKept() throws Exception {
        Path real = temp.resolve("elsewhere/model");
        Directories.replace(real, TestKind.KIND, "b", dir -> Files.writeString(dir.resolve("b"), TestKind.OURS));
        Path link = Files.createSymbolicLink(temp.resolve("link"), real);

        Directories.replace(link, TestKind.KIND, "b", dir -> Files.writeString(dir.resolve("b"), TestKind.OURS + "2"));

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real.resolve("b"))).isEqualTo(TestKind.OURS + "2");
    }

    @Test
    void pathsThatNameOneDirectoryOrNestOverlap() throws Exception {
        Path a = Files.createDirectories(temp.resolve("a"));
        Path link = Files.createSymbolicLink(temp.resolve("link"), a);

        assertThat(Directories.overlap(a, a.resolve("model"))).isTrue();
        assertThat(Directories.overlap(link.resolve("x/.."), a)).isTrue();
        assertThat(Directories.overlap(temp.resolve("a/m"), temp.resolve("a/mm"))).isFalse();
    }

    @Test
    void replacingAFileIsRefused() throws Exception {
        Path file = Files.writeString(temp.resolve("model"), "not a directory");

        assertThatThrownBy(() -> Directories.replace(file, TestKind.KIND, "b", dir -> { }))
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
    void checkingADirectoryLeavesNothingItCreated() throws Exception {
        Path existing = Files.createDirectory(temp.resolve("existing"));

        Directories.requireWritable(existing.resolve("a/b"));
        Directories.requireWritable(existing);

        assertThat(existing).isEmptyDirectory();
    }

    @Test
    void aDanglingLinkIsResolvedToWhereCreatingTheDirectoryWouldGo() throws Exception {
        Files.createSymbolicLink(temp.resolve("link"), Path.of("target"));

        assertThat(Directories.resolved(temp.resolve("link/model/checkpoints")))
                .isEqualTo(temp.toRealPath().resolve("target/model/checkpoints"));
        assertThat(Directories.overlap(temp.resolve("target/model"), temp.resolve("link/model/checkpoints")))
                .isTrue();
    }

    /** A kind whose own files are a-* and b, recognised by b's first word. */
    enum TestKind implements DirectoryKind {
        KIND;

        static final String OURS = "ours";

        @Override
        public String description() {
            return "a test directory";
        }

        @Override
        public boolean writes(String fileName) {
            return fileName.equals("b") || fileName.startsWith("a-");
        }

        @Override
        public java.util.Optional<String> whyNotOwn(Path directory) {
            try {
                return Files.readString(directory.resolve("b")).startsWith(OURS) ? java.util.Optional.empty()
                        : java.util.Optional.of("b is not ours");
            } catch (IOException e) {
                return java.util.Optional.of("no b");
            }
        }
    }

    private static java.util.List<String> names(Path directory) throws IOException {
        try (Stream<Path> list = Files.list(directory)) {
            return list.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }
}
