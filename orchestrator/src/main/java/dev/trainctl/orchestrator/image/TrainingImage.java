package dev.trainctl.orchestrator.image;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import dev.trainctl.training.sagemaker.TrainingEntryPoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The training image, built with jib-core (no Docker daemon): a JRE base, then three layers that change at
 * different rates (the PyTorch natives, the other dependency jars, the trainer), and an entry point such that
 * {@code docker run IMAGE train}, which is how SageMaker starts a training container, runs
 * {@link TrainingEntryPoint}. {@code SM_ROOT} is left unset, so the contract lives at {@code /opt/ml}.
 */
public final class TrainingImage {

    /** A public JRE image; the base is a flag because only some machines can reach a public registry. */
    public static final String DEFAULT_BASE = "eclipse-temurin:17-jre";
    /** Means "no base image": for checking the image's layout only, it cannot run. */
    public static final String SCRATCH = "scratch";
    static final String APP = "/app";

    private TrainingImage() {}

    /** The builder, from {@code base} (a registry reference, {@code scratch}, or a docker-save tar file). */
    public static JibContainerBuilder builder(String base, ImageContents contents)
            throws IOException {
        JibContainerBuilder builder;
        try {
            if (base.equals(SCRATCH)) {
                builder = Jib.fromScratch();
            } else if (base.endsWith(".tar") && Files.isRegularFile(Path.of(base))) {
                builder = Jib.from(TarImage.at(Path.of(base)));
            } else {
                builder = Jib.from(RegistryImage.named(base));
            }
        } catch (InvalidImageReferenceException e) {
            throw new IllegalArgumentException("--base: not an image reference: " + base, e);
        }
        FileEntriesLayer.Builder natives = FileEntriesLayer.builder().setName("pytorch natives");
        FileEntriesLayer.Builder libraries = FileEntriesLayer.builder().setName("dependencies");
        for (Map.Entry<String, Path> jar : contents.dependencies().entrySet()) {
            (jar.getKey().startsWith("pytorch-native") ? natives : libraries)
                    .addEntry(jar.getValue(), AbsoluteUnixPath.get(APP + "/libs/" + jar.getKey()));
        }
        FileEntriesLayer.Builder trainer = FileEntriesLayer.builder().setName("trainer");
        if (Files.isDirectory(contents.training())) {
            trainer.addEntryRecursive(contents.training(), AbsoluteUnixPath.get(APP + "/classes"));
        } else {
            trainer.addEntry(contents.training(), AbsoluteUnixPath.get(APP + "/libs/training.jar"));
        }
        return builder
                .addFileEntriesLayer(natives.build())
                .addFileEntriesLayer(libraries.build())
                .addFileEntriesLayer(trainer.build())
                .setEntrypoint(entrypoint())
                .setProgramArguments(List.of("train"))
                // The CPU natives are in the image: DJL must never try to download any.
                .addEnvironmentVariable("DJL_OFFLINE", "true")
                .setWorkingDirectory(AbsoluteUnixPath.get(APP))
                .addLabel("org.opencontainers.image.title", "trainctl MNIST trainer")
                .addLabel("org.opencontainers.image.version", contents.tag());
    }

    static List<String> entrypoint() {
        return new ArrayList<>(List.of("java", "-Dai.djl.offline=true", "-cp", APP + "/classes:" + APP + "/libs/*",
                TrainingEntryPoint.class.getName()));
    }

    /** Builds into a docker-load tar (what {@code podman load} and the tests read). */
    public static JibContainer toTar(JibContainerBuilder builder, Path tar, String name, Path cache) throws Exception {
        return builder.containerize(withCache(Containerizer.to(TarImage.at(tar).named(name)), cache));
    }

    /** Builds and pushes to a registry with the given credentials (null for none). */
    public static JibContainer push(JibContainerBuilder builder, String target, String user, String password,
            boolean insecure, Path cache) throws Exception {
        RegistryImage image = RegistryImage.named(target);
        if (user != null) {
            image.addCredential(user, password);
        }
        return builder.containerize(withCache(Containerizer.to(image), cache).setAllowInsecureRegistries(insecure));
    }

    private static Containerizer withCache(Containerizer containerizer, Path cache) {
        Containerizer configured = containerizer.setToolName("trainctl");
        if (cache != null) {
            configured.setBaseImageLayersCache(cache.resolve("base")).setApplicationLayersCache(cache.resolve("app"));
        }
        return configured;
    }
}
