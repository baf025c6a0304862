package dev.trainctl.training.sagemaker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainctl.training.artifacts.ModelArtifacts;
import dev.trainctl.training.artifacts.ModelCard;
import dev.trainctl.training.train.Checkpoints;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingEntryPointTest {

    @TempDir
    Path root;

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    @Test
    void trainsFromTheChannelAndWritesTheModelLayoutAndMetricLines() throws Exception {
        ContainerPaths paths = StagedRoot.stage(root, with("epochs", "2"), 400);

        int code = run(paths, StopSignal.manual(), "train");

        assertThat(code).as(stderr.toString()).isZero();
        assertThat(paths.model().resolve("mnist-mlp-0002.params")).isRegularFile();
        assertThat(paths.model().resolve(ModelArtifacts.WEIGHTS_NPZ)).isRegularFile();
        assertThat(paths.model().resolve(ModelArtifacts.METRICS_JSON)).isRegularFile();
        ModelCard card = ModelArtifacts.readCard(paths.model());
        assertThat(card.hiddenSize()).isEqualTo(16);
        assertThat(card.hyperparameters().epochs()).isEqualTo(2);
        assertThat(card.dataset()).isEqualTo("custom");
        assertThat(card.dataSha256()).containsKeys("train-images-idx3-ubyte", "t10k-labels-idx1-ubyte");
        assertThat(card.parametersFile()).isEqualTo("mnist-mlp-0002.params");
        List<String> metricLines = lines().stream().filter(l -> l.startsWith("epoch=")).toList();
        assertThat(metricLines).hasSize(2);
        assertThat(metricLines.get(1)).matches("epoch=2 train_loss=[0-9.]+ train_accuracy=[0-9.]+ test_loss=[0-9.]+"
                + " test_accuracy=[0-9.]+ epoch_seconds=[0-9.]+");
        assertThat(lines()).anyMatch(l -> l.startsWith("final test_accuracy="));
        assertThat(paths.failure()).doesNotExist();
        assertThat(Checkpoints.exists(paths.checkpoints())).isTrue();
    }

    @Test
    void maxTrainSamplesTrainsOnTheFirstImagesOnly() throws Exception {
        ContainerPaths paths = StagedRoot.stage(root, with("max_train_samples", "64"), 400);

        assertThat(run(paths, StopSignal.manual(), "train")).isZero();

        assertThat(String.join("\n", lines())).contains("64 training and 200 test images");
        assertThat(Checkpoints.readInfo(paths.checkpoints()).optimizerSteps()).isEqualTo(2);
    }

    @Test
    void resumesFromACheckpointLeftByAnEarlierAttempt() throws Exception {
        ContainerPaths paths = StagedRoot.stage(root, with("epochs", "1"), 200);
        assertThat(run(paths, StopSignal.manual(), "train")).isZero();
        StagedRoot.writeHyperparameters(paths, with("epochs", "2"));
        stdout.reset();

        assertThat(run(paths, StopSignal.manual(), "train")).isZero();

        assertThat(lines()).anyMatch(l -> l.startsWith("resuming from the checkpoint") && l.contains("1 epochs"));
        assertThat(lines().stream().filter(l -> l.startsWith("epoch="))).singleElement().asString()
                .startsWith("epoch=2 ");
        assertThat(ModelArtifacts.readMetrics(paths.model()).epochs()).hasSize(2);
    }

    @Test
    void aTuningTrialKeepsItsCheckpointsInAFolderOfItsNameAsTrialsShareOneCheckpointUri() throws Exception {
        Map<String, String> values = new HashMap<>(with("epochs", "1"));
        values.put(JobHyperparameters.TUNING_OBJECTIVE_METRIC, "test:accuracy");
        ContainerPaths paths = StagedRoot.stage(root, values, 200);
        Path other = paths.checkpoints().resolve("tune-261201-100000-001-0000000a");

        int code = new TrainingEntryPoint(paths, new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8), StopSignal.manual(),
                java.util.Optional.of("tune-261201-100000-002-0000000b")).run(new String[] {"train"});

        assertThat(code).as(stderr.toString()).isZero();
        assertThat(Checkpoints.exists(paths.checkpoints().resolve("tune-261201-100000-002-0000000b"))).isTrue();
        assertThat(Checkpoints.exists(paths.checkpoints())).isFalse();
        assertThat(other).doesNotExist();
    }

    @Test
    void aTrainingJobKeepsItsCheckpointsAtTheTopAsItsCheckpointUriIsItsOwn() throws Exception {
        ContainerPaths paths = StagedRoot.stage(root, with("epochs", "1"), 200);

        int code = new TrainingEntryPoint(paths, new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8), StopSignal.manual(),
                java.util.Optional.of("trainctl-mnist-20261201-115334-428")).run(new String[] {"train"});

        assertThat(code).as(stderr.toString()).isZero();
        assertThat(Checkpoints.exists(paths.checkpoints())).isTrue();
        assertThat(paths.checkpoints().resolve("trainctl-mnist-20261201-115334-428")).doesNotExist();
    }

    @Test
    void unknownHyperparameterWritesFailureAndExitsNonZero() throws Exception {
        ContainerPaths paths = StagedRoot.stage(root, with("lr", "0.1"), 100);

        assertThat(run(paths, StopSignal.manual(), "train")).isEqualTo(1);

        assertThat(Files.readString(paths.failure())).startsWith("unknown hyperparameter lr (known: batch_size,");
        assertThat(paths.model()).doesNotExist();
    }

    @Test
    void badHyperparameterValueNamesTheKeyAndTheValue() throws Exception {
        ContainerPaths paths = StagedRoot.stage(root, with("batch_size", "big"), 100);

        assertThat(run(paths, StopSignal.manual(), "train")).isEqualTo(1);

        assertThat(Files.readString(paths.failure())).isEqualTo("hyperparameter batch_size: expected a whole number,"
                + " got 'big'");
    }

    @Test
    void nonStringHyperparameterIsRejectedAsSageMakerNeverWritesOne() throws Exception {
        ContainerPaths paths = StagedRoot.stage(root, StagedRoot.SMALL, 100);
        Files.writeString(paths.hyperparameters(), "{\"epochs\": 2}");

        assertThat(run(paths, StopSignal.manual(), "train")).isEqualTo(1);

        assertThat(Files.readString(paths.failure())).contains("'epochs' must be a string");
    }

    @Test
    void missingChannelDataNamesTheMissingFiles() throws Exception {
        ContainerPaths paths = StagedRoot.stage(root, StagedRoot.SMALL, 100);
        Files.delete(paths.channel("train").resolve("train-labels-idx1-ubyte"));

        assertThat(run(paths, StopSignal.manual(), "train")).isEqualTo(1);

        assertThat(Files.readString(paths.failure())).contains("lacks train-labels-idx1-ubyte (raw or .gz)")
                .contains("it holds t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte.gz, train-images-idx3-ubyte.gz");
    }

    @Test
    void pinnedMnistRefusesFilesWhoseHashDoesNotMatch() throws Exception {
        ContainerPaths paths = StagedRoot.stage(root, with("dataset", "mnist"), 100);

        assertThat(run(paths, StopSignal.manual(), "train")).isEqualTo(1);

        assertThat(Files.readString(paths.failure())).startsWith("train-images-idx3-ubyte: expected 47040016 bytes");
    }

    @Test
    void aMissingConfigFileIsNamed() throws Exception {
        ContainerPaths paths = StagedRoot.stage(root, StagedRoot.SMALL, 100);
        Files.delete(paths.inputDataConfig());

        assertThat(run(paths, StopSignal.manual(), "train")).isEqualTo(1);

        assertThat(Files.readString(paths.failure())).contains("inputdataconfig.json does not exist");
    }

    @Test
    void anythingButTheTrainArgumentIsAFailure() throws Exception {
        ContainerPaths paths = StagedRoot.stage(root, StagedRoot.SMALL, 100);

        assertThat(run(paths, StopSignal.manual(), "serve")).isEqualTo(1);

        assertThat(Files.readString(paths.failure())).startsWith("usage: IMAGE train");
    }

    @Test
    void aStopRequestSavesACheckpointAndExits143() throws Exception {
        ContainerPaths paths = StagedRoot.stage(root, StagedRoot.SMALL, 100);
        StopSignal stop = StopSignal.manual();
        stop.request();

        assertThat(run(paths, stop, "train")).isEqualTo(TrainingEntryPoint.EXIT_STOPPED);

        assertThat(Checkpoints.exists(paths.checkpoints())).isTrue();
        assertThat(Files.readString(paths.failure())).startsWith("stopped by SIGTERM in epoch 1 after 0 batches");
    }

    @Test
    void failureReasonIsCutTo1024Characters() {
        String reason = TrainingEntryPoint.truncate("x".repeat(5000));

        assertThat(reason).hasSize(1024).endsWith("...");
    }

    private static Map<String, String> with(String key, String value) {
        Map<String, String> values = new HashMap<>(StagedRoot.SMALL);
        values.put(key, value);
        return values;
    }

    private int run(ContainerPaths paths, StopSignal stop, String... args) {
        return new TrainingEntryPoint(paths, new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8), stop).run(args);
    }

    private List<String> lines() {
        return stdout.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
