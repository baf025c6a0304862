package dev.trainctl.training.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryLockTest {

    @TempDir
    Path temp;

    @Test
    void aSecondLockOnTheSameDirectoryIsRefusedNamingTheHolder() throws Exception {
        Path model = temp.resolve("model");
        try (DirectoryLock held = DirectoryLock.acquire(model, "trainctl train")) {
            assertThatThrownBy(() -> DirectoryLock.acquire(temp.resolve("x/../model"), "trainctl report"))
                    .isInstanceOfSatisfying(DirectoryInUseException.class, e -> assertThat(e.holder())
                            .startsWith("process " + ProcessHandle.current().pid() + ", this one, trainctl train,"
                                    + " since "));
        }
    }

    @Test
    void theLockLivesBesideTheDirectoryAndIsEmptiedAndFreeAfterTheRun() throws Exception {
        Path model = temp.resolve("model");
        try (DirectoryLock held = DirectoryLock.acquire(model, "trainctl train")) {
            assertThat(model).doesNotExist();
        }
        assertThat(temp.resolve(".model.trainctl-lock")).isEmptyFile();
        DirectoryLock.acquire(model, "trainctl train").close();
    }

    @Test
    void aUserFileOfTheLockFilesNameIsNeitherOverwrittenNorTakenOver() throws Exception {
        Path users = Files.writeString(temp.resolve(".model.trainctl-lock"), "my own notes");

        assertThatThrownBy(() -> DirectoryLock.acquire(temp.resolve("model"), "trainctl train"))
                .hasMessage(users + " exists and is not a trainctl lock file: remove or rename it");
        assertThat(Files.readString(users)).isEqualTo("my own notes");
    }

    @Test
    void aPlantedSymbolicLinkAsTheLockFileIsNotFollowed() throws Exception {
        Path victim = Files.writeString(temp.resolve("victim.txt"), "precious");
        Files.createSymbolicLink(temp.resolve(".model.trainctl-lock"), victim);

        assertThatThrownBy(() -> DirectoryLock.acquire(temp.resolve("model"), "trainctl train"))
                .isNotInstanceOf(DirectoryInUseException.class);
        assertThat(Files.readString(victim)).isEqualTo("precious");
    }
}
