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
    void oneEntryIsReadWithoutUnpackingTheRest() throws Exception {
        Path image = Files.createDirectories(temp.resolve("image"));
        Files.write(image.resolve("layer.tar.gz"), new byte[3000]);
        Files.writeString(image.resolve("manifest.json"), "[{\"RepoTags\": [\"trainctl-mnist:1\"]}]");
        Path archive = temp.resolve("image.tar.gz");
        Tarball.pack(image, archive);

        assertThat(Tarball.read(archive, "manifest.json", 1 << 10, Tarball.Limits.DEFAULT))
                .hasValueSatisfying(bytes -> assertThat(new String(bytes, java.nio.charset.StandardCharsets.UTF_8))
                        .contains("trainctl-mnist:1"));
        assertThat(Tarball.read(archive, "config.json", 1 << 10, Tarball.Limits.DEFAULT)).isEmpty();
        assertThat(Tarball.read(archive, "layer.tar.gz", 100, Tarball.Limits.DEFAULT)).isEmpty();
        assertThat(temp.resolve("manifest.json")).doesNotExist();
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

    @Test
    void anArchiveThatUnpacksBeyondTheTotalLimitIsRefusedBeforeItFillsTheDisk() throws Exception {
        byte[] sixHundredKib = new byte[600 << 10];
        byte[] bomb = new TarBytes().file("a", sixHundredKib).file("b", sixHundredKib).file("c", sixHundredKib)
                .gzip();
        Tarball.Limits oneMib = new Tarball.Limits(1 << 20, 100, 4096);
        Path out = temp.resolve("out");

        assertThatThrownBy(() -> Tarball.unpack(new java.io.ByteArrayInputStream(bomb), "bomb.tar.gz", out, oneMib))
                .isInstanceOf(Tarball.LimitExceededException.class)
                .hasMessage("bomb.tar.gz unpacks to more than 1 MiB (entry 'b' alone is 614400 bytes): refused as an"
                        + " archive bomb (a model is about 1 MB)");

        assertThat(bomb.length).as("a few KB of gzip").isLessThan(10_000);
        assertThat(out.resolve("a")).hasSize(600 << 10);
        assertThat(out.resolve("b")).doesNotExist();
    }

    @Test
    void anEntryDeclaringEightGibibytesIsRefusedWithoutReadingIt() throws Exception {
        Path archive = Files.write(temp.resolve("model.tar.gz"), new TarBytes().header("weights.npz", '0',
                (1L << 33) - 1).gzipUnterminated());

        assertThatThrownBy(() -> Tarball.unpack(archive, temp.resolve("out")))
                .isInstanceOf(Tarball.LimitExceededException.class)
                .hasMessageContaining("unpacks to more than 128 MiB (entry 'weights.npz' alone is 8589934591"
                        + " bytes)");
        assertThat(temp.resolve("out/weights.npz")).doesNotExist();
    }

    @Test
    void aGibibytePaxHeaderIsRefusedBeforeItIsReadIntoMemory() throws Exception {
        Path archive = Files.write(temp.resolve("model.tar.gz"), new TarBytes().header("././@PaxHeader", 'x',
                1L << 30).data("30 path=aaaaaaaaaaaaaaaaaaaaa\n".getBytes(StandardCharsets.UTF_8)).gzipUnterminated());

        assertThatThrownBy(() -> Tarball.unpack(archive, temp.resolve("out")))
                .isInstanceOf(Tarball.LimitExceededException.class)
                .hasMessageEndingWith("has a PAX header of 1073741824 bytes (the limit is 64 KiB): refused as an"
                        + " archive bomb");
    }

    @Test
    void aLongGnuNameHeaderIsBoundedToo() throws Exception {
        Path archive = Files.write(temp.resolve("model.tar.gz"), new TarBytes().header("././@LongLink", 'L',
                100 << 10).data(new byte[100 << 10]).gzip());

        assertThatThrownBy(() -> Tarball.unpack(archive, temp.resolve("out")))
                .isInstanceOf(Tarball.LimitExceededException.class).hasMessageContaining("long-name header of 102400");
    }

    @Test
    void moreEntriesThanTheLimitAreRefused() throws Exception {
        TarBytes many = new TarBytes();
        for (int i = 0; i <= Tarball.Limits.DEFAULT.entries(); i++) {
            many.header("d" + i + "/", '5', 0);
        }
        Path archive = Files.write(temp.resolve("model.tar.gz"), many.gzip());

        assertThatThrownBy(() -> Tarball.unpack(archive, temp.resolve("out")))
                .isInstanceOf(Tarball.LimitExceededException.class)
                .hasMessageEndingWith("has more than 1000 entries: refused as an archive bomb (a model has about a"
                        + " dozen)");
    }

    @Test
    void aSignedOrNonOctalSizeIsRefusedInWords() throws Exception {
        byte[] tar = new TarBytes().file("a", new byte[10]).gzip();
        byte[] raw;
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(tar))) {
            raw = in.readAllBytes();
        }
        System.arraycopy("-0000000001\0".getBytes(StandardCharsets.US_ASCII), 0, raw, 124, 12);
        Path archive = Files.write(temp.resolve("odd.tar"), raw);

        assertThatThrownBy(() -> Tarball.unpack(archive, temp.resolve("out"))).isInstanceOf(java.io.IOException.class)
                .hasMessageContaining("size field '-0000000001'");
    }

    @Test
    void aLinkPlantedInTheTargetDirectoryIsReplacedNotWrittenThrough() throws Exception {
        Path precious = Files.writeString(temp.resolve("precious"), "keep");
        Path out = Files.createDirectories(temp.resolve("out"));
        Files.createSymbolicLink(out.resolve("model.json"), precious);
        Path archive = Files.write(temp.resolve("m.tar.gz"), new TarBytes().file("model.json",
                "{}".getBytes(StandardCharsets.UTF_8)).gzip());

        Tarball.unpack(archive, out);

        assertThat(precious).hasContent("keep");
        assertThat(out.resolve("model.json")).isRegularFile().hasContent("{}");
    }

    @Test
    void anEntryUnderALinkedDirectoryIsRefused() throws Exception {
        Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
        Path out = Files.createDirectories(temp.resolve("out"));
        Files.createSymbolicLink(out.resolve("plots"), elsewhere);
        Path archive = Files.write(temp.resolve("m.tar.gz"), new TarBytes().file("plots/loss.png", new byte[3])
                .gzip());

        assertThatThrownBy(() -> Tarball.unpack(archive, out)).hasMessageContaining("through a link out of");

        assertThat(elsewhere).isEmptyDirectory();
    }
}
