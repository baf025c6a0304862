package dev.trainctl.training.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path temp;

    private Path precious() throws IOException {
        Path outside = Files.createDirectories(temp.resolve("victim"));
        return Files.writeString(outside.resolve("authorized_keys"), "ssh-ed25519 AAAA precious\n");
    }

    @Test
    void aLinkPlantedAtTheTargetIsReplacedAndWhatItPointsAtIsUntouched() throws IOException {
        Path precious = precious();
        Path out = Files.createDirectories(temp.resolve("out"));
        Path target = Files.createSymbolicLink(out.resolve("report.html"), precious);

        AtomicFiles.writeString(target, "<html>report</html>");

        assertThat(precious).hasContent("ssh-ed25519 AAAA precious");
        assertThat(Files.isSymbolicLink(target)).isFalse();
        assertThat(target).isRegularFile().hasContent("<html>report</html>");
    }

    @Test
    void aDanglingLinkIsReplacedWithoutCreatingItsTarget() throws IOException {
        Path out = Files.createDirectories(temp.resolve("out"));
        Path wouldBeCreated = temp.resolve("victim-new-file");
        Path target = Files.createSymbolicLink(out.resolve("image.tar"), wouldBeCreated);

        AtomicFiles.write(target, new byte[] {1, 2, 3});

        assertThat(wouldBeCreated).doesNotExist();
        assertThat(Files.readAllBytes(target)).containsExactly(1, 2, 3);
    }

    @Test
    void permissionsAreExactlyWhatIsAsked() throws IOException {
        Path shared = AtomicFiles.writeString(temp.resolve("model.json"), "{}");
        Path secret = AtomicFiles.writeString(temp.resolve("credentials"), "secret", AtomicFiles.PRIVATE);
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-rw-rw-"));
        AtomicFiles.writeString(secret, "new secret", AtomicFiles.PRIVATE);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(shared))).isEqualTo("rw-r--r--");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
    }

    @Test
    void aFailureLeavesTheOldFileAndNoTemporaryOne() throws IOException {
        Path target = Files.writeString(temp.resolve("metrics.json"), "old");

        assertThatThrownBy(() -> AtomicFiles.write(target, AtomicFiles.SHARED, out -> {
            out.write("half".getBytes());
            throw new IOException("disk full");
        })).hasMessage("disk full");

        assertThat(target).hasContent("old");
        try (Stream<Path> files = Files.list(temp)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void closingTheStreamInsideTheContentIsHarmless() throws IOException {
        Path target = AtomicFiles.write(temp.resolve("a.gz"), AtomicFiles.SHARED, out -> {
            try (var gzip = new java.util.zip.GZIPOutputStream(out)) {
                gzip.write("x".getBytes());
            }
        });

        assertThat(Files.size(target)).isPositive();
    }

    @Test
    void aDirectoryIsNotReplacedByAFile() throws IOException {
        Path directory = Files.createDirectories(temp.resolve("model"));
        Files.writeString(directory.resolve("keep"), "x");

        assertThatThrownBy(() -> AtomicFiles.writeString(directory, "x")).hasMessageContaining("is a directory");

        assertThat(directory.resolve("keep")).hasContent("x");
    }

    @Test
    void aLibraryWritingToAPathGetsAFreshPrivatePathAndItsFileIsMovedOntoTheTarget() throws IOException {
        Path precious = precious();
        Path target = Files.createSymbolicLink(temp.resolve("image.tar"), precious);

        AtomicFiles.writeVia(target, AtomicFiles.SHARED, fresh -> {
            assertThat(fresh).doesNotExist();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh.getParent())))
                    .isEqualTo("rwx------");
            Files.writeString(fresh, "tar");
        });

        assertThat(precious).hasContent("ssh-ed25519 AAAA precious");
        assertThat(target).hasContent("tar");
        try (Stream<Path> files = Files.list(temp)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("victim", "image.tar");
        }
    }

    @Test
    void aLibraryThatLeavesALinkInsteadOfAFileIsRefused() throws IOException {
        Path precious = precious();

        assertThatThrownBy(() -> AtomicFiles.writeVia(temp.resolve("out.tar"), AtomicFiles.SHARED,
                fresh -> Files.createSymbolicLink(fresh, precious))).hasMessageContaining("produced no regular file");

        assertThat(temp.resolve("out.tar")).doesNotExist();
        assertThat(Files.exists(temp.resolve("out.tar"), LinkOption.NOFOLLOW_LINKS)).isFalse();
    }
}
