package dev.trainctl.orchestrator.image;

import static dev.trainctl.orchestrator.image.ImageTar.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.tools.jib.api.JibContainer;
import com.google.gson.JsonObject;
import dev.trainctl.training.sagemaker.ContainerEntryPoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image as jib builds it, read back from a docker-load tar. The base is scratch: no public registry is
 * reachable from the tests, and the config and layers trainctl adds are what is under test.
 */
class TrainingImageTest {

    @TempDir
    Path temp;

    @Test
    void imageRunsTheEntryPointWithTrainAsSageMakerStartsIt() throws Exception {
        JsonObject config = buildTar().config().getAsJsonObject("config");

        assertThat(strings(config.getAsJsonArray("Entrypoint"))).containsExactly("java", "-Dai.djl.offline=true",
                "-cp", "/app/classes:/app/libs/*", ContainerEntryPoint.class.getName());
        assertThat(strings(config.getAsJsonArray("Cmd"))).containsExactly("train");
        assertThat(strings(config.getAsJsonArray("Env"))).contains("DJL_OFFLINE=true")
                .noneMatch(e -> e.startsWith("SM_ROOT="));
        assertThat(config.get("WorkingDir").getAsString()).isEqualTo("/app");
    }

    @Test
    void nativesDependenciesAndTrainerAreSeparateLayers() throws Exception {
        ImageTar tar = buildTar();
        JsonObject manifest = tar.manifest();

        assertThat(manifest.getAsJsonArray("Layers")).hasSize(3);
        assertThat(tar.config().getAsJsonObject("rootfs").getAsJsonArray("diff_ids")).hasSize(3);
        assertThat(strings(manifest.getAsJsonArray("RepoTags"))).containsExactly("trainctl-mnist:0.1.0-test");
    }

    @Test
    void jarsAreMatchedByArtifactNameWhenTheVersionDiffers() throws Exception {
        Path lib = Files.createDirectories(temp.resolve("lib"));
        Path slf4j = jar(lib.resolve("slf4j-api-2.0.18.jar"));
        Path natives = jar(lib.resolve("pytorch-native-cpu-2.7.1-linux-x86_64.jar"));

        ImageContents contents = ImageContents.of(training(), List.of("lib/slf4j-api-2.0.17.jar",
                "lib/pytorch-native-cpu-2.7.1-linux-x86_64.jar"), List.of(slf4j, natives), "0.1.0");

        assertThat(contents.dependencies()).containsOnlyKeys("slf4j-api-2.0.18.jar",
                "pytorch-native-cpu-2.7.1-linux-x86_64.jar");
        assertThat(contents.tag()).matches("0\\.1\\.0-[0-9a-f]{12}");
    }

    @Test
    void aMissingDependencyIsNamed() throws Exception {
        assertThatThrownBy(() -> ImageContents.of(training(), List.of("lib/gson-2.13.1.jar"), List.of(), "0.1.0"))
                .hasMessageContaining("needs gson-2.13.1.jar");
    }

    @Test
    void theContentTagChangesWhenTheTrainerChanges() throws Exception {
        Path trainer = training();
        String before = ImageContents.of(trainer, List.of(), List.of(), "0.1.0").tag();
        Files.writeString(trainer.resolve("dev/Trainer.class"), "changed");

        assertThat(ImageContents.of(trainer, List.of(), List.of(), "0.1.0").tag()).isNotEqualTo(before);
    }

    @Test
    void theRunningClasspathProvidesEveryTrainingDependency() throws Exception {
        ImageContents contents = ImageContents.discover("test");

        assertThat(contents.dependencies().keySet()).anyMatch(n -> n.startsWith("pytorch-engine-"))
                .anyMatch(n -> n.startsWith("pytorch-native-cpu-")).anyMatch(n -> n.startsWith("gson-"))
                .noneMatch(n -> n.startsWith("s3proxy-") || n.startsWith("sagemaker-") || n.startsWith("jib-"));
    }

    private ImageTar buildTar() throws Exception {
        Path lib = Files.createDirectories(temp.resolve("lib"));
        ImageContents contents = new ImageContents(training(), Map.of(
                "pytorch-native-cpu-2.7.1-linux-x86_64.jar", jar(lib.resolve("pytorch-native-cpu-2.7.1-linux-x86_64.jar")),
                "gson-2.13.1.jar", jar(lib.resolve("gson-2.13.1.jar"))), "0.1.0-test");
        Path tar = temp.resolve("image.tar");
        JibContainer built = TrainingImage.toTar(TrainingImage.builder(TrainingImage.SCRATCH, contents), tar,
                "trainctl-mnist:0.1.0-test", temp.resolve("cache"));
        assertThat(built.getDigest().toString()).startsWith("sha256:");
        return ImageTar.read(tar);
    }

    private Path training() throws IOException {
        Path classes = temp.resolve("classes");
        Files.createDirectories(classes.resolve("dev"));
        if (!Files.exists(classes.resolve("dev/Trainer.class"))) {
            Files.writeString(classes.resolve("dev/Trainer.class"), "class bytes");
        }
        return classes;
    }

    private static Path jar(Path path) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(path))) {
            zip.putNextEntry(new ZipEntry("x.txt"));
            zip.write(path.getFileName().toString().getBytes(StandardCharsets.UTF_8));
        }
        return path;
    }
}
