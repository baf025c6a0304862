package dev.trainctl.training.serving;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import dev.trainctl.training.artifacts.ModelArtifacts;
import dev.trainctl.training.artifacts.TrainedModel;
import dev.trainctl.training.sagemaker.ContainerPaths;
import dev.trainctl.training.train.Evaluation;
import dev.trainctl.training.train.SyntheticModel;
import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code IMAGE serve} on a staged /opt/ml: the model's own answers over HTTP, and a clean stop. */
class ServingEntryPointTest {

    @TempDir
    Path root;

    @Test
    void servesTheStagedModelWithTheModelsOwnAccuracyAndStopsWhenStdinEnds() throws Exception {
        ContainerPaths paths = new ContainerPaths(root);
        SyntheticModel.train(paths.model(), 3, 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PipedOutputStream parent = new PipedOutputStream();
        PipedInputStream stdin = new PipedInputStream(parent);
        ServingEntryPoint entry = new ServingEntryPoint(paths, Map.of(ServingEntryPoint.PORT_VARIABLE, "0",
                ServingEntryPoint.HOST_VARIABLE, "127.0.0.1"), new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err);
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> entry.run(Optional.of(stdin)));
        int port = awaitPort(out, exit);

        ImageBatch test = ImageBatch.of(SyntheticModel.TEST, 0, SyntheticModel.TEST.count());
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/invocations")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(PredictionsJson.request(test))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        List<Prediction> predictions = PredictionsJson.parse(response.body());
        int correct = 0;
        for (int i = 0; i < predictions.size(); i++) {
            correct += predictions.get(i).digit() == SyntheticModel.TEST.label(i) ? 1 : 0;
        }
        try (TrainedModel model = ModelArtifacts.load(paths.model(), Device.cpu())) {
            Evaluation evaluation = model.evaluate(SyntheticModel.TEST);
            assertThat(correct).isEqualTo(evaluation.correct());
        }

        parent.close();
        assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("stopping");
    }

    @Test
    void aMissingModelExitsOneWithTheReason() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new ServingEntryPoint(new ContainerPaths(root), Map.of(ServingEntryPoint.PORT_VARIABLE, "0"),
                System.out, new PrintStream(err, true, StandardCharsets.UTF_8)).run(Optional.empty());
        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("serve:", "model.json");
    }

    @Test
    void aPortThatIsNotANumberIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ServingEntryPoint.port("http"))
                .hasMessageContaining("SAGEMAKER_BIND_TO_PORT");
        assertThat(ServingEntryPoint.port(null)).isEqualTo(8080);
    }

    /** The port from the "serving on HOST:PORT" line (the server is up once it is printed). */
    static int awaitPort(ByteArrayOutputStream out, CompletableFuture<Integer> exit) throws Exception {
        Pattern serving = Pattern.compile(ServingEntryPoint.SERVING + "[^:]+:(\\d+)");
        while (true) {
            Matcher m = serving.matcher(out.toString(StandardCharsets.UTF_8));
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            if (exit.isDone()) {
                throw new AssertionError("serve ended: " + exit.get() + " " + out);
            }
            Thread.onSpinWait();
        }
    }
}
