package dev.trainctl.orchestrator.s3serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file that hands {@code s3 serve}'s secret to the user's tools: only ever in a private folder of theirs. */
class CredentialsFileTest {

    static final URI ENDPOINT = URI.create("http://127.0.0.1:9000");

    @TempDir
    Path temp;

    @Test
    void theFileIsPrivateInAPrivateFolder() throws Exception {
        Path file = CredentialsFile.of(temp.resolve("s3-serve"), ENDPOINT);

        CredentialsFile.write(file, ENDPOINT, ServerCredentials.random());

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
        assertThat(CredentialsFile.read(file)).isPresent();
    }

    @Test
    void aFolderThatIsALinkIsRefusedInWordsAndNothingIsWrittenThrough() throws Exception {
        Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
        Path link = Files.createSymbolicLink(temp.resolve("s3-serve"), elsewhere);
        Path file = CredentialsFile.of(link, ENDPOINT);

        assertThatThrownBy(() -> CredentialsFile.write(file, ENDPOINT, ServerCredentials.random()))
                .hasMessage(link + " is a symbolic link, not a folder of yours: trainctl keeps the server's secret"
                        + " only in a private folder; remove it (or point XDG_CACHE_HOME elsewhere)");
        assertThat(elsewhere).isEmptyDirectory();
    }
}
