package dev.trainctl.training.sagemaker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainctl.training.train.Checkpoints;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real thing: the entry point in its own JVM, sent SIGTERM as SageMaker sends it. */
class SigtermTest {

    @TempDir
    Path root;

    @Test
    void sigtermWhileTrainingSavesACheckpointAndExitsPromptlyWith143() throws Exception {
        Map<String, String> hyperparameters = new HashMap<>(StagedRoot.SMALL);
        hyperparameters.put("epochs", "1000");
        hyperparameters.put("batch_size", "8");
        ContainerPaths paths = StagedRoot.stage(root, hyperparameters, 800);
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
                TrainingEntryPoint.class.getName(), "train").redirectErrorStream(true);
        builder.environment().put(ContainerPaths.ROOT_VARIABLE, root.toString());
        builder.environment().put("DJL_OFFLINE", "true");
        Process process = builder.start();
        List<String> output = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                output.add(line);
                if (line.startsWith("epoch=1 ")) {
                    process.toHandle().destroy(); // SIGTERM, leaving the pipes open
                }
            }
        }

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(String.join("\n", output)).isTrue();
        assertThat(process.exitValue()).as(String.join("\n", output)).isEqualTo(143);
        String stopped = output.stream().filter(l -> l.startsWith("stopped by SIGTERM")).findFirst().orElseThrow(
                () -> new AssertionError("no stop line in:\n" + String.join("\n", output)));
        Matcher where = Pattern.compile("in epoch (\\d+) after (\\d+) batches").matcher(stopped);
        assertThat(where.find()).isTrue();
        int completedEpochs = Integer.parseInt(where.group(1)) - 1;
        long expectedSteps = completedEpochs * 100L + Long.parseLong(where.group(2)); // 800 / 8 = 100 batches
        assertThat(Checkpoints.exists(paths.checkpoints())).isTrue();
        assertThat(Checkpoints.readInfo(paths.checkpoints()).optimizerSteps()).isEqualTo(expectedSteps);
        assertThat(Files.readString(paths.failure())).isEqualTo(stopped);
    }
}
