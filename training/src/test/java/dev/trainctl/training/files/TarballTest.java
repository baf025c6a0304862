package dev.trainctl.training.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarballTest {

    @TempDir
    Path temp;

    @Test
    void packThenUnpackGivesTheSameFiles() throws Exception {
        Path model = Files.createDirectories(temp.resolve("model"));
        Files.writeString(model.resolve("model.json"), "{\"format\":\"x\"}");
        Files.write(model.resolve("weights.npz"), new byte[1500]);
        Files.createDirectories(model.resolve("plots"));
        Files.writeString(model.resolve("plots/loss.png"), "png");

        Tarball.pack(model, temp.resolve("model.tar.gz"));
        Path out = temp.resolve("out");
        Tarball.unpack(temp.resolve("model.tar.gz"), out);

        assertThat(out.resolve("model.json")).hasContent("{\"format\":\"x\"}");
        assertThat(Files.size(out.resolve("weights.npz"))).isEqualTo(1500);
        assertThat(out.resolve("plots/loss.png")).hasContent("png");
    }

    @Test
    void anEntryThatEscapesTheTargetIsRefused() throws Exception {
        Path model = Files.createDirectories(temp.resolve("m"));
        Files.writeString(model.resolve("aaaaaaa"), "x");
        Tarball.pack(model, temp.resolve("ok.tar.gz"));
        byte[] tar;
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(temp.resolve("ok.tar.gz")))) {
            tar = in.readAllBytes();
        }
        // Rename the entry to ../evil (same length) and fix the checksum.
        System.arraycopy("../evil".getBytes(StandardCharsets.US_ASCII), 0, tar, 0, 7);
        for (int i = 148; i < 156; i++) {
            tar[i] = ' ';
        }
        long sum = 0;
        for (int i = 0; i < 512; i++) {
            sum += tar[i] & 0xff;
        }
        System.arraycopy(String.format("%06o\0 ", sum).getBytes(StandardCharsets.US_ASCII), 0, tar, 148, 8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(tar);
        }
        Files.write(temp.resolve("evil.tar.gz"), bytes.toByteArray());

        assertThatThrownBy(() -> Tarball.unpack(temp.resolve("evil.tar.gz"), temp.resolve("target")))
                .hasMessageContaining("outside");
        assertThat(temp.resolve("evil")).doesNotExist();
    }
}
