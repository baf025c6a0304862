package dev.trainctl.orchestrator.deploy;

import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.TrainctlException;
import dev.trainctl.orchestrator.emulate.EmulatedTraining;
import dev.trainctl.orchestrator.emulate.RoleSession;
import dev.trainctl.orchestrator.endpoints.EmulatedEndpoints;
import dev.trainctl.orchestrator.names.S3Uri;
import dev.trainctl.training.files.Directories;
import dev.trainctl.training.files.Tarball;
import dev.trainctl.training.sagemaker.ContainerPaths;
import java.io.IOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code deploy --on emulated}: SageMaker's serving path on this machine. As the serving role ({@link RoleSession}:
 * the trust admits SageMaker for this model, and the download of the artifact is authorized against the role's
 * documents), the model is fetched from S3 and unpacked into a staged {@code /opt/ml/model}; the image's
 * {@code serve} entry point runs as a child process ({@link ServingProcess}) behind an emulated SageMaker Runtime
 * ({@link RuntimeFront}); the endpoint is registered for the user while it runs. It runs until {@link #stop()}
 * (undeploy), Ctrl-C or the container's end, then leaves nothing behind: the child stopped, the registry entry and
 * the staged files removed.
 */
public final class EmulatedDeployment {

    /** The endpoint to emulate: its name, the model artifact, and the port (0: any free one). */
    public record Plan(String endpoint, S3Uri model, int port) {}

    private final S3Client s3;
    private final EmulatedTraining.Role role;
    private final Optional<String> bucketOwner;
    private final EmulatedEndpoints registry;
    private final Consumer<String> log;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);

    public EmulatedDeployment(S3Client s3, EmulatedTraining.Role role, Optional<String> bucketOwner,
            EmulatedEndpoints registry, Consumer<String> log) {
        this.s3 = s3;
        this.role = role;
        this.bucketOwner = bucketOwner;
        this.registry = registry;
        this.log = log;
    }

    /**
     * Deploys and serves until stopped; {@code ready} hears the registered endpoint once it serves. Returns whether
     * it was stopped on purpose (undeploy, Ctrl-C) rather than by the container's end.
     */
    public boolean run(Plan plan, Consumer<EmulatedEndpoints.Entry> ready) throws IOException, InterruptedException {
        Thread hook = new Thread(this::stopAndWait, "trainctl-endpoint-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        Path work = Files.createTempDirectory(EmulatedEndpoints.WORK_PREFIX,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try {
            RoleSession session = role.modelSession(s3, bucketOwner);
            log.accept("serving role " + role.documents().roleArn() + ", documents: " + role.documents().source());
            session.assume();
            log.accept("SageMaker assumed the serving role (its trust admits CreateModel in this account); the model"
                    + " is read as " + session.principal());
            ContainerPaths paths = new ContainerPaths(work.resolve("opt_ml"));
            Path archive = work.resolve("model.tar.gz");
            try {
                session.download(plan.model(), archive, "Could not download the model data");
            } catch (RoleSession.RoleDeniedException e) {
                throw new TrainctlException(ExitCode.AWS_ACCESS_DENIED, "CreateEndpoint would fail: the endpoint"
                        + " could not fetch " + plan.model() + ": " + e.getMessage(), e);
            }
            Files.createDirectories(paths.model());
            Tarball.unpack(archive, paths.model());
            Files.delete(archive);
            log.accept("staged /opt/ml/model from " + plan.model() + " in " + paths.root());
            String token = secret();
            try (ServingProcess container = ServingProcess.start(paths, token, line -> log.accept("  | " + line));
                    RuntimeFront front = front(plan, token, container)) {
                container.onExit().thenRun(stop::countDown);
                EmulatedEndpoints.Entry entry = new EmulatedEndpoints.Entry(plan.endpoint(),
                        front.address().toString(), token, plan.model().toString(), role.documents().roleArn(),
                        ProcessHandle.current().pid(), Instant.now().toString(), work.toString());
                registry.register(entry);
                try {
                    ready.accept(entry);
                    stop.await();
                } finally {
                    registry.remove(entry);
                }
                // The exit's one future counted the latch down itself, so it is done when the container ended.
                return !container.onExit().isDone();
            }
        } finally {
            Directories.deleteRecursively(work);
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running, and returns now that everything is closed.
            }
        }
    }

    private RuntimeFront front(Plan plan, String token, ServingProcess container) throws IOException {
        try {
            return RuntimeFront.start(plan.port(), plan.endpoint(), token, container.address(), stop::countDown, log);
        } catch (BindException e) {
            throw DeployCommand.portInUse(plan.port());
        }
    }

    /** Ends the emulation ({@code undeploy --on emulated}, tests). */
    public void stop() {
        stop.countDown();
    }

    /** Ctrl-C: stop, and hold the JVM open until the child is stopped and the files are gone. */
    private void stopAndWait() {
        stop();
        try {
            finished.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The endpoint's secret: 256 random bits. */
    static String secret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
