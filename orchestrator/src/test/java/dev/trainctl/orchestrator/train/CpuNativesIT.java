package dev.trainctl.orchestrator.train;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built trainctl.jar, run as the README runs it ({@code java -jar}, as scripts/trainctl does), offline with an empty
 * DJL cache: the CPU natives load by default, and {@code TRAINCTL_NATIVES=download} keeps them off the class path.
 */
class CpuNativesIT {

    private static final Path JAR = Path.of("target", "trainctl.jar");

    @TempDir
    Path home;

    record Run(int code, JsonObject json, String err) {}

    private Run doctor(Map<String, String> environment) throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                JAR.toString(), "doctor", "--data-dir", home.resolve("data").toString(), "--output", "json");
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("PYTORCH_LIBRARY_PATH");
        builder.environment().remove(CpuNatives.VARIABLE);
        builder.environment().put("DJL_OFFLINE", "true");
        builder.environment().put("DJL_CACHE_DIR", home.resolve("djl").toString());
        builder.environment().put("ENGINE_CACHE_DIR", home.resolve("engines").toString());
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), JsonParser.parseString(out).getAsJsonObject(), err);
    }

    @Test
    void theManifestClassPathLeavesTheCpuNativesOutAndLibHasThem() throws IOException {
        String classPath;
        try (JarFile jar = new JarFile(JAR.toFile())) {
            classPath = jar.getManifest().getMainAttributes().getValue("Class-Path");
        }
        try (Stream<Path> lib = Files.list(JAR.resolveSibling("lib"))) {
            assertThat(lib.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith(CpuNatives.JAR_PREFIX));
        }

        assertThat(classPath).contains("lib/pytorch-engine-", "lib/pytorch-jni-").doesNotContain("pytorch-native-cpu");
    }

    @Test
    void javaMinusJarLoadsTheCpuNativesOffline() throws Exception {
        Run run = doctor(Map.of());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.json().getAsJsonObject("engine").get("flavor").getAsString()).isEqualTo("cpu");
    }

    @Test
    void downloadModeLeavesTheCpuNativesOffTheClassPath() throws Exception {
        Run run = doctor(Map.of(CpuNatives.VARIABLE, CpuNatives.DOWNLOAD));

        assertThat(run.code()).as(run.err()).isEqualTo(11);
        assertThat(run.json().has("engine")).isFalse();
        assertThat(run.json().get("engine_error").getAsString()).contains("the PyTorch natives could not be loaded");
    }
}
