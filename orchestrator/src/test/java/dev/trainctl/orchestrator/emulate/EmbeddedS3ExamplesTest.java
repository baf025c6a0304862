package dev.trainctl.orchestrator.emulate;

import dev.trainctl.orchestrator.docs.DocBlocks;
import dev.trainctl.orchestrator.train.TrainctlProcess;
import dev.trainctl.training.data.Dataset;
import dev.trainctl.training.data.DatasetStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The docs' {@code --on emulated} examples as a first-time user runs them: no {@code --endpoint-url} and no AWS
 * credentials, so the command starts its own embedded S3. Each command runs in a JVM of its own with every AWS_*
 * variable removed, empty AWS config files and its own cache (so this machine's credentials and buckets play no
 * part); the data comes from the MNIST cache.
 */
class EmbeddedS3ExamplesTest {

    @TempDir
    static Path temp;
    private static Map<String, String> environment;
    private static List<String> trained;
    private static String model;

    @BeforeAll
    static void trainOnTheEmbeddedS3() throws Exception {
        environment = Map.of("XDG_CACHE_HOME", temp.resolve("cache").toString(),
                "AWS_CONFIG_FILE", temp.resolve("no-aws-config").toString(),
                "AWS_SHARED_CREDENTIALS_FILE", temp.resolve("no-aws-credentials").toString(),
                "AWS_EC2_METADATA_DISABLED", "true");
        trained = run("train", "--on", "emulated", "--epochs", "1", "--max-train-samples", "1000");
        Matcher uri = Pattern.compile("model: (s3://\\S+/model.tar.gz)").matcher(String.join("\n", trained));
        if (!uri.find()) {
            throw new AssertionError("no model URI in:\n" + String.join("\n", trained));
        }
        model = uri.group(1);
    }

    private static List<String> run(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(args));
        command.addAll(List.of("--data-dir", DatasetStore.defaultDirectory(Dataset.MNIST).toString()));
        return TrainctlProcess.start(List.of(), command, temp, environment, List.of("AWS_")).finish(0);
    }

    /** A session as the docs show it: the command line without --data-dir, then the output, the cache as ~. */
    private static String session(String command, List<String> output) {
        return "$ " + command + "\n" + String.join("\n", output).replace(temp.resolve("cache").toString(),
                "/root/.cache") + "\n";
    }

    @Test
    void aFirstEmulatedRunStartsAnEmbeddedS3() {
        String shown = session("trainctl train --on emulated --epochs 1 --max-train-samples 1000", trained);
        DocBlocks.assertFormat("emulated-first-run", shown);
        DocBlocks.assertFormat("readme-emulated", shown);
    }

    @Test
    void evaluateTakesTheS3Model() throws Exception {
        DocBlocks.assertFormat("emulated-evaluate", session("trainctl evaluate --model " + model,
                run("evaluate", "--model", model)));
    }

    @Test
    void reportTakesTheS3Model() throws Exception {
        List<String> output = run("report", "--model", model);
        DocBlocks.assertFormat("emulated-report", session("trainctl report --model " + model, output));
    }
}
