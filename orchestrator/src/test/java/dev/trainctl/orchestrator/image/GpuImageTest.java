package dev.trainctl.orchestrator.image;

import static dev.trainctl.orchestrator.image.ImageTar.strings;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.trainctl.orchestrator.cli.CliRun;
import dev.trainctl.orchestrator.docs.Docs;
import dev.trainctl.training.sagemaker.ContainerEntryPoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GPU image as {@code trainctl image push --gpu --base scratch --tar} builds it from this build's classpath, with a
 * real jlinked runtime and the real DJL JNI jar, read back from the tar. The CUDA base cannot be pulled here, so the
 * test checks what trainctl adds to it; {@code scripts/check-image.sh gpu} runs the image on a stand-in base. jlink
 * makes a runtime for its own platform, so the image can only be built on Linux x86-64.
 */
@EnabledOnOs(value = OS.LINUX, architectures = {"amd64", "x86_64"})
class GpuImageTest {

    @TempDir
    static Path temp;
    static ImageTar image;
    static String stdout;
    /** Path in the image (no leading slash) to its file, over all layers. */
    static Map<String, ImageTar.LayerFile> files;

    @BeforeAll
    static void buildTheGpuImage() throws IOException {
        Path tar = temp.resolve("gpu.tar");
        CliRun run = CliRun.of("image", "push", "--gpu", "--base", "scratch", "--tar", tar.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        stdout = run.out();
        image = ImageTar.read(tar);
        files = image.files();
    }

    @Test
    void entryPointIsTheImagesOwnJavaRunningTrain() {
        JsonObject config = image.config().getAsJsonObject("config");

        assertThat(strings(config.getAsJsonArray("Entrypoint"))).containsExactly("/opt/java/bin/java",
                "-Dai.djl.offline=true", "-cp", "/app/classes:/app/libs/*", ContainerEntryPoint.class.getName());
        assertThat(strings(config.getAsJsonArray("Cmd"))).containsExactly("train");
        assertThat(files.get("opt/java/bin/java").mode() & 0777).isEqualTo(0755);
    }

    @Test
    void djlIsPointedAtTheBasesLibtorchAndNeverDownloads() {
        assertThat(strings(image.config().getAsJsonObject("config").getAsJsonArray("Env"))).contains("DJL_OFFLINE=true",
                "PYTORCH_LIBRARY_PATH=" + TrainingImage.GPU_DEFAULT_LIBTORCH, "PYTORCH_VERSION=2.7.1",
                "PYTORCH_FLAVOR=cu128", "DJL_CACHE_DIR=/opt/djl", "JAVA_HOME=/opt/java")
                .noneMatch(e -> e.startsWith("SM_ROOT="));
    }

    @Test
    void theDocsContainerContractListsTheImagesEnvironment() throws IOException {
        String row = Docs.all().stream().flatMap(doc -> doc.lines().stream())
                .filter(line -> line.startsWith("| GPU (`image push --gpu`) |")).findFirst().orElseThrow();

        for (String variable : strings(image.config().getAsJsonObject("config").getAsJsonArray("Env"))) {
            String shown = variable.startsWith("PYTORCH_LIBRARY_PATH=") ? "`PYTORCH_LIBRARY_PATH`" : variable;
            assertThat(row).as("the container contract in the docs, GPU row").contains(shown);
        }
    }

    @Test
    void theCudaJniSitsWhereDjlLooksForItAndIsAnElfLibrary() {
        byte[] jni = files.get("opt/djl/pytorch/2.7.1-cu128-linux-x86_64/0.36.0-libdjl_torch.so").content();

        assertThat(jni).hasSizeGreaterThan(1_000_000);
        assertThat(Arrays.copyOf(jni, 4)).containsExactly(0x7f, 'E', 'L', 'F');
    }

    @Test
    void neitherTheCpuNativesNorTheJniJarAreInTheImage() {
        List<String> libs = files.keySet().stream().filter(n -> n.startsWith("app/libs/")).toList();

        assertThat(libs).anyMatch(n -> n.startsWith("app/libs/pytorch-engine-"))
                .anyMatch(n -> n.startsWith("app/libs/gson-"))
                .noneMatch(n -> n.contains("pytorch-native-"))
                .noneMatch(n -> n.contains("pytorch-jni-"));
        assertThat(files.keySet()).anyMatch(n -> n.equals("app/libs/training.jar") || n.equals("app/classes/"
                + ContainerEntryPoint.class.getName().replace('.', '/') + ".class"));
    }

    @Test
    void theRuntimeHoldsJustTheModulesTheTrainerNeeds() {
        String release = new String(files.get("opt/java/release").content(), StandardCharsets.UTF_8);
        List<String> modules = List.of(release.replaceFirst("(?s).*MODULES=\"([^\"]*)\".*", "$1").split(" "));

        // jlink adds what those modules require (java.naming brings java.security.sasl), and nothing for a desktop.
        assertThat(modules).containsAll(JavaRuntime.MODULES).hasSizeLessThan(JavaRuntime.MODULES.size() + 3)
                .doesNotContain("java.desktop", "jdk.compiler");
    }

    @Test
    void runtimeJniDependenciesAndTrainerAreFourLayersOnTheBase() {
        assertThat(image.manifest().getAsJsonArray("Layers")).hasSize(4);
        assertThat(image.config().getAsJsonObject("rootfs").getAsJsonArray("diff_ids")).hasSize(4);
    }

    @Test
    void theTagIsTheOneGpuJobsUseByDefault() {
        String defaultImage = DefaultImage.gpuIn("repo");

        assertThat(strings(image.manifest().getAsJsonArray("RepoTags")))
                .containsExactly("trainctl-mnist:" + defaultImage.substring("repo:".length()));
        assertThat(defaultImage).isEqualTo(DefaultImage.in("repo") + "-gpu");
        assertThat(stdout).contains("wrote ").contains("-gpu digest sha256:");
    }
}
