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
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import dev.trainctl.training.files.AtomicFiles;
import dev.trainctl.training.sagemaker.ContainerEntryPoint;
import dev.trainctl.training.serving.ServingEntryPoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The training image, built with jib-core (no Docker daemon), in two variants. The CPU image: a JRE base, then three
 * layers that change at different rates (the PyTorch natives, the other dependency jars, the trainer). The GPU image:
 * a CUDA PyTorch base whose libtorch matches DJL's CUDA JNI, then a Java runtime, that JNI, the dependency jars
 * without the CPU natives, and the trainer. Both have an entry point ({@link ContainerEntryPoint}) such that
 * {@code docker run IMAGE train}, which is how SageMaker starts a training container, trains, and
 * {@code docker run IMAGE serve}, how it starts an inference container, serves the model on port 8080.
 * {@code SM_ROOT} is left unset, so the contract lives at {@code /opt/ml}.
 */
public final class TrainingImage {

    /** A public JRE image; the base is a flag because only some machines can reach a public registry. */
    public static final String DEFAULT_BASE = "eclipse-temurin:17-jre";
    /** The name of the image in a tar ({@code --tar}): {@code trainctl-mnist:TAG}. */
    public static final String REPOSITORY = "trainctl-mnist";
    /**
     * PyTorch's own CUDA runtime image for the libtorch that DJL 0.36's CUDA JNI is built for (2.7.1, CUDA 12.8),
     * with PyTorch installed by pip into conda's Python 3.11 (PyTorch's Dockerfile).
     */
    public static final String GPU_DEFAULT_BASE = "pytorch/pytorch:2.7.1-cuda12.8-cudnn9-runtime";
    /** Where {@link #GPU_DEFAULT_BASE} keeps libtorch: the {@code lib} folder of the torch package. */
    public static final String GPU_DEFAULT_LIBTORCH = "/opt/conda/lib/python3.11/site-packages/torch/lib";
    /** Means "no base image": for checking the image's layout only, it cannot run. */
    public static final String SCRATCH = "scratch";
    static final String APP = "/app";

    private TrainingImage() {}

    /**
     * What the GPU image adds to its base.
     *
     * @param javaRuntime a Linux x86-64 Java runtime directory ({@link JavaRuntime#link})
     * @param jni DJL's CUDA JNI
     * @param libtorch the folder in the base that holds {@code libtorch.so} of version {@code jni.libtorchVersion()}
     */
    public record Gpu(Path javaRuntime, CudaJni jni, String libtorch) {
        public Gpu {
            requireAbsolute(libtorch);
        }

        /** A path in the image, which jib and DJL need absolute. */
        public static String requireAbsolute(String libtorch) {
            if (!libtorch.startsWith("/")) {
                throw new IllegalArgumentException("--libtorch: '" + libtorch + "' is not an absolute path in the"
                        + " image (e.g. " + GPU_DEFAULT_LIBTORCH + ")");
            }
            return libtorch;
        }
    }

    /** The CPU image's builder, from {@code base} (a registry reference, {@code scratch}, or a docker-save tar). */
    public static JibContainerBuilder builder(String base, ImageContents contents) throws IOException {
        FileEntriesLayer.Builder natives = FileEntriesLayer.builder().setName("pytorch natives");
        FileEntriesLayer.Builder libraries = FileEntriesLayer.builder().setName("dependencies");
        for (Map.Entry<String, Path> jar : contents.dependencies().entrySet()) {
            (jar.getKey().startsWith("pytorch-native") ? natives : libraries)
                    .addEntry(jar.getValue(), AbsoluteUnixPath.get(APP + "/libs/" + jar.getKey()));
        }
        return configured(from(base).addFileEntriesLayer(natives.build()).addFileEntriesLayer(libraries.build())
                .addFileEntriesLayer(trainer(contents)), "java", contents.tag())
                .addLabel("org.opencontainers.image.title", "trainctl MNIST trainer");
    }

    /**
     * The GPU image's builder. The CPU natives and the JNI jar stay out: DJL loads the base's libtorch
     * ({@code PYTORCH_LIBRARY_PATH}, {@code PYTORCH_VERSION}, {@code PYTORCH_FLAVOR}) and finds the CUDA JNI in its
     * cache folder ({@code DJL_CACHE_DIR}), so nothing is extracted or downloaded at run time.
     */
    public static JibContainerBuilder gpuBuilder(String base, ImageContents contents, Gpu gpu) throws IOException {
        FileEntriesLayer runtime = FileEntriesLayer.builder().setName("java runtime")
                .addEntryRecursive(gpu.javaRuntime(), AbsoluteUnixPath.get(JavaRuntime.HOME),
                        TrainingImage::permissionsOf).build();
        FileEntriesLayer jni = FileEntriesLayer.builder().setName("cuda jni")
                .addEntry(gpu.jni().library(), AbsoluteUnixPath.get(gpu.jni().pathInImage())).build();
        FileEntriesLayer.Builder libraries = FileEntriesLayer.builder().setName("dependencies");
        for (Map.Entry<String, Path> jar : gpuDependencies(contents).entrySet()) {
            libraries.addEntry(jar.getValue(), AbsoluteUnixPath.get(APP + "/libs/" + jar.getKey()));
        }
        return configured(from(base).addFileEntriesLayer(runtime).addFileEntriesLayer(jni)
                .addFileEntriesLayer(libraries.build()).addFileEntriesLayer(trainer(contents)),
                JavaRuntime.HOME + "/bin/java", contents.gpuTag())
                .addEnvironmentVariable("JAVA_HOME", JavaRuntime.HOME)
                .addEnvironmentVariable("PYTORCH_LIBRARY_PATH", gpu.libtorch())
                .addEnvironmentVariable("PYTORCH_VERSION", gpu.jni().libtorchVersion())
                .addEnvironmentVariable("PYTORCH_FLAVOR", gpu.jni().flavor())
                .addEnvironmentVariable("DJL_CACHE_DIR", CudaJni.CACHE_DIR)
                .addLabel("org.opencontainers.image.title", "trainctl MNIST trainer for CUDA (libtorch "
                        + gpu.jni().libtorchVersion() + " " + gpu.jni().flavor() + ")");
    }

    /** The jars of the GPU image: all but the CPU natives and the JNI jar (its CUDA library has a layer of its own). */
    public static Map<String, Path> gpuDependencies(ImageContents contents) {
        Map<String, Path> jars = new LinkedHashMap<>(contents.dependencies());
        jars.keySet().removeIf(name -> name.startsWith("pytorch-native")
                || ImageContents.artifact(name).equals(CudaJni.ARTIFACT));
        return jars;
    }

    private static JibContainerBuilder from(String base) {
        try {
            if (base.equals(SCRATCH)) {
                return Jib.fromScratch();
            } else if (base.endsWith(".tar") && Files.isRegularFile(Path.of(base))) {
                return Jib.from(TarImage.at(Path.of(base)));
            }
            return Jib.from(RegistryImage.named(base));
        } catch (InvalidImageReferenceException e) {
            throw new IllegalArgumentException("--base: not an image reference: " + base, e);
        }
    }

    private static FileEntriesLayer trainer(ImageContents contents) throws IOException {
        FileEntriesLayer.Builder trainer = FileEntriesLayer.builder().setName("trainer");
        if (Files.isDirectory(contents.training())) {
            trainer.addEntryRecursive(contents.training(), AbsoluteUnixPath.get(APP + "/classes"));
        } else {
            trainer.addEntry(contents.training(), AbsoluteUnixPath.get(APP + "/libs/training.jar"));
        }
        return trainer.build();
    }

    private static JibContainerBuilder configured(JibContainerBuilder builder, String java, String tag) {
        return builder
                .setEntrypoint(entrypoint(java))
                .setProgramArguments(List.of("train"))
                // SageMaker sends an inference container's requests to port 8080.
                .addExposedPort(com.google.cloud.tools.jib.api.buildplan.Port.tcp(ServingEntryPoint.DEFAULT_PORT))
                // The natives are in the image: DJL must never try to download any.
                .addEnvironmentVariable("DJL_OFFLINE", "true")
                .setWorkingDirectory(AbsoluteUnixPath.get(APP))
                .addLabel("org.opencontainers.image.version", tag);
    }

    /** The runtime's own modes: jib's default (644) would make {@code bin/java} not executable. */
    private static FilePermissions permissionsOf(Path source, AbsoluteUnixPath target) {
        try {
            return FilePermissions.fromPosixFilePermissions(Files.getPosixFilePermissions(source));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the permissions of " + source, e);
        }
    }

    static List<String> entrypoint(String java) {
        return new ArrayList<>(List.of(java, "-Dai.djl.offline=true", "-cp", APP + "/classes:" + APP + "/libs/*",
                ContainerEntryPoint.class.getName()));
    }

    /**
     * Builds into a docker-load tar (what {@code podman load} and the tests read). jib writes the tar itself, so it
     * writes into a private directory beside {@code tar}, and the result is renamed onto {@code tar}: a link planted
     * at that path is replaced, never written through.
     */
    public static JibContainer toTar(JibContainerBuilder builder, Path tar, String name, Path cache) throws Exception {
        JibContainer[] built = new JibContainer[1];
        Exception[] failed = new Exception[1];
        try {
            AtomicFiles.writeVia(tar, AtomicFiles.SHARED, fresh -> {
                try {
                    built[0] = builder.containerize(withCache(Containerizer.to(TarImage.at(fresh).named(name)),
                            cache));
                    TarDestination.requireReplaceable(tar); // again: the build took a while
                } catch (Exception e) {
                    failed[0] = e;
                    throw new java.io.IOException("jib failed", e);
                }
            });
        } catch (java.io.IOException e) {
            throw failed[0] != null ? failed[0] : e; // jib's own exception, as before
        }
        return built[0];
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
