package dev.trainctl.orchestrator.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainctl.orchestrator.Trainctl;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** trainctl in its own JVM without the CPU natives jar, offline, with an empty DJL cache: nothing can load. */
class MissingNativesTest {

    @TempDir
    Path home;

    record Run(int code, String out, String err) {}

    private Run trainctl(String... args) throws Exception {
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("pytorch-native-cpu")).collect(Collectors.joining(File.pathSeparator));
        List<String> command = Stream.concat(Stream.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", classPath, Trainctl.class.getName()), Stream.of(args)).toList();
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("DJL_OFFLINE", "true");
        builder.environment().put("DJL_CACHE_DIR", home.resolve("djl").toString());
        builder.environment().put("ENGINE_CACHE_DIR", home.resolve("engines").toString());
        builder.environment().remove("PYTORCH_LIBRARY_PATH");
        Process process = builder.start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), out, err);
    }

    @Test
    void a_command_that_needs_the_engine_exits_4_and_says_where_natives_come_from() throws Exception {
        Run run = trainctl("evaluate", "--model", home.resolve("model").toString());

        assertThat(run.code()).as(run.err()).isEqualTo(4);
        assertThat(run.err()).startsWith("trainctl: the PyTorch natives could not be loaded (")
                .contains("PYTORCH_LIBRARY_PATH", "TRAINCTL_NATIVES=download");
    }

    @Test
    void doctor_shows_the_same_explanation_and_fails_the_check() throws Exception {
        Run run = trainctl("doctor", "--data-dir", home.resolve("data").toString());

        assertThat(run.code()).as(run.err()).isEqualTo(11);
        assertThat(run.out()).contains("engine      FAILED to load: the PyTorch natives could not be loaded (");
    }
}
