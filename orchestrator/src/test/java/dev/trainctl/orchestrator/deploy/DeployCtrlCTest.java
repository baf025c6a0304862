package dev.trainctl.orchestrator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainctl.orchestrator.Trainctl;
import dev.trainctl.orchestrator.endpoints.EndpointSpec;
import dev.trainctl.orchestrator.names.ResourceNames;
import dev.trainctl.orchestrator.names.S3Uri;
import dev.trainctl.orchestrator.s3serve.EmbeddedS3;
import dev.trainctl.training.files.Tarball;
import dev.trainctl.training.sagemaker.ContainerEntryPoint;
import dev.trainctl.training.train.SyntheticModel;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code deploy --on emulated} in its own JVM, stopped with Ctrl-C as a terminal sends it: nothing is left. */
class DeployCtrlCTest {

    @TempDir
    Path temp;

    @Test
    void ctrlCStopsTheContainerRemovesTheRegistrationAndTheStagedFiles() throws Exception {
        String job = "trainctl-mnist-20261205-130000-000";
        Path tmp = Files.createDirectories(temp.resolve("tmp"));
        Path runtime = Files.createDirectories(temp.resolve("run"));
        Instant started = Instant.now();
        try (EmbeddedS3 server = EmbeddedS3.start(temp.resolve("s3"), "127.0.0.1", 0);
                S3Client s3 = server.client()) {
            server.shareCredentials(); // as 'trainctl s3 serve' does: the child trainctl reads the secret there
            s3.createBucket(b -> b.bucket(EmbeddedS3.LOCAL_BUCKET));
            SyntheticModel.train(temp.resolve("model"), 7, 1);
            Tarball.pack(temp.resolve("model"), temp.resolve("model.tar.gz"));
            S3Uri artifact = EndpointSpec.modelOf(ResourceNames.of("aws", "111122223333", "us-east-1",
                    "trainctl-mnist").withBucket(EmbeddedS3.LOCAL_BUCKET), job);
            s3.putObject(b -> b.bucket(artifact.bucket()).key(artifact.key()), temp.resolve("model.tar.gz"));

            List<String> command = new ArrayList<>(new ProcessBuilder("env", "--default-signal=INT", "true").start()
                    .waitFor() == 0 ? List.of("env", "--default-signal=INT") : List.of());
            command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"), Trainctl.class.getName(),
                    "deploy", "--on", "emulated", "--job", job, "--endpoint-url", server.endpoint().toString(),
                    "--region", "us-east-1"));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("XDG_RUNTIME_DIR", runtime.toString());
            builder.environment().put("DJL_OFFLINE", "true");
            Process deploy = builder.start();
            List<String> output = new ArrayList<>();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(deploy.getInputStream(),
                    StandardCharsets.UTF_8))) {
                boolean sent = false;
                for (String line; (line = reader.readLine()) != null; ) {
                    output.add(line);
                    if (!sent && line.startsWith("endpoint " + job + ": http://127.0.0.1:")) {
                        assertThat(runtime.resolve("trainctl/endpoints/" + job + ".json")).exists();
                        assertThat(new ProcessBuilder("kill", "-INT", Long.toString(deploy.pid())).start().waitFor())
                                .isZero();
                        sent = true;
                    }
                }
            }
            assertThat(deploy.waitFor(60, TimeUnit.SECONDS)).as(String.join("\n", output)).isTrue();
            assertThat(output).as(String.join("\n", output)).anyMatch(l -> l.startsWith("endpoint " + job + ": http"));
            assertThat(runtime.resolve("trainctl/endpoints/" + job + ".json")).doesNotExist();
            try (Stream<Path> left = Files.list(tmp)) {
                assertThat(left.filter(p -> p.getFileName().toString().startsWith("trainctl-endpoint")))
                        .as("staged files").isEmpty();
            }
            assertThat(ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().startInstant().map(t -> t.isAfter(started)).orElse(false))
                    .filter(p -> p.info().commandLine().orElse("").contains(ContainerEntryPoint.class.getName())))
                    .as("serving containers still running").isEmpty();
        }
    }
}
