package dev.trainctl.orchestrator.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import dev.trainctl.orchestrator.cli.CliRun;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code image push --tar FILE} replaces only an image tar trainctl wrote; anything else there is refused first. */
class TarDestinationTest {

    @TempDir
    Path temp;

    @Test
    void aUsersFileIsRefusedBeforeTheBuildAndKept() throws Exception {
        Path notes = Files.writeString(temp.resolve("notes.txt"), "my notes");

        CliRun run = CliRun.of("image", "push", "--base", "scratch", "--tar", notes.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("trainctl: --tar " + notes + " exists and is not an image tar trainctl wrote:"
                + " trainctl replaces only files it wrote; give a new file name, or move that file elsewhere\n");
        assertThat(run.out()).doesNotContain("image content");
        assertThat(notes).hasContent("my notes");
    }

    @Test
    void aPlantedLinkIsRefusedAndWhatItPointsToKept() throws Exception {
        Path precious = Files.writeString(temp.resolve("authorized_keys"), "ssh-ed25519 AAAA");
        Path link = Files.createSymbolicLink(temp.resolve("image.tar"), precious);

        CliRun run = CliRun.of("image", "push", "--base", "scratch", "--tar", link.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("exists and is a symbolic link");
        assertThat(precious).hasContent("ssh-ed25519 AAAA");
        assertThat(Files.isSymbolicLink(link)).isTrue();
    }

    @Test
    void anotherToolsTarIsRefusedAndTrainctlsOwnMayBeReplaced() throws Exception {
        Path other = Files.write(temp.resolve("other.tar"), tar("[{\"RepoTags\":[\"postgres:16\"]}]"));
        Path ours = Files.write(temp.resolve("ours.tar"), tar("[{\"Config\":\"config.json\",\"RepoTags\":"
                + "[\"trainctl-mnist:0.1.0-abc\"],\"Layers\":[]}]"));

        assertThat(CliRun.of("image", "push", "--base", "scratch", "--tar", other.toString()).err())
                .contains("is not an image tar trainctl wrote");
        assertThatNoException().isThrownBy(() -> TarDestination.requireReplaceable(ours));
        assertThatNoException().isThrownBy(() -> TarDestination.requireReplaceable(temp.resolve("new.tar")));
    }

    /** A docker-load tar: a layer-like entry, then manifest.json, as jib orders them. */
    static byte[] tar(String manifest) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
            for (String[] entry : new String[][] {{"sha256abc.tar.gz", "layer bytes"}, {"manifest.json", manifest}}) {
                byte[] content = entry[1].getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry header = new TarArchiveEntry(entry[0]);
                header.setSize(content.length);
                out.putArchiveEntry(header);
                out.write(content);
                out.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }
}
