package dev.trainctl.training.engine;

import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.engine.StandardCapabilities;
import ai.djl.pytorch.jni.LibUtils;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * What the deep-learning engine loaded: for model.json, {@code doctor}, and the error when no GPU is usable. It names
 * the natives by version and flavor, not by where they were found: a model.json travels (to S3, to other people) and
 * must not carry a path of the machine that trained it, such as the trainer's home directory
 * ({@link #nativeLibraryPath()} is for {@code doctor}, which shows this machine).
 *
 * @param engine engine name, e.g. {@code PyTorch}
 * @param engineVersion the libtorch version
 * @param djlVersion DJL's version
 * @param flavor native flavor: {@code cpu}, {@code cu128}, ...
 * @param gpuCount GPUs the engine sees
 * @param cuda whether the natives were built with CUDA
 * @param threads intra-op threads, or -1 when unknown
 * @param interopThreads inter-op threads, or -1 when unknown
 */
public record EngineInfo(String engine, String engineVersion, String djlVersion, String flavor, int gpuCount,
        boolean cuda, int threads, int interopThreads) {

    /**
     * Loads the engine (if it is not loaded yet) and describes it.
     *
     * @throws EngineUnavailableException when the natives cannot be found or loaded
     */
    public static EngineInfo current() {
        Engine engine = loadEngine();
        return new EngineInfo(engine.getEngineName(), engine.getVersion(), Engine.getDjlVersion(),
                flavor(LibUtils.getLibtorchPath()), engine.getGpuCount(), engine.hasCapability(StandardCapabilities.CUDA),
                Integer.getInteger(EngineThreads.NUM_THREADS, -1),
                Integer.getInteger(EngineThreads.NUM_INTEROP_THREADS, -1));
    }

    /** The directory this machine's natives were loaded from (loading the engine if it is not loaded yet). */
    public static String nativeLibraryPath() {
        loadEngine();
        return LibUtils.getLibtorchPath();
    }

    private static Engine loadEngine() {
        try {
            return Engine.getInstance();
        } catch (EngineException | UnsatisfiedLinkError e) {
            throw new EngineUnavailableException(unavailable(e, System.getenv()), e);
        }
    }

    /**
     * The message for natives that did not load: the deepest cause, then where natives can come from, leaving out
     * the advice the environment already follows ({@code TRAINCTL_NATIVES=download} already set, DJL offline).
     */
    static String unavailable(Throwable failure, Map<String, String> environment) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String cause = root == failure ? String.valueOf(failure.getMessage())
                : failure.getMessage() + ": " + root.getMessage();
        boolean download = "download".equals(environment.getOrDefault("TRAINCTL_NATIVES", "").trim());
        boolean offline = "true".equalsIgnoreCase(environment.getOrDefault("DJL_OFFLINE", "").trim());
        String fixes = download
                ? " TRAINCTL_NATIVES=download is set, so DJL downloads the natives itself" + (offline
                        ? ", but DJL_OFFLINE=true forbids it: unset DJL_OFFLINE, or unset TRAINCTL_NATIVES to use the"
                        + " pytorch-native-cpu jar in lib/ beside trainctl.jar"
                        : ": check that this machine reaches DJL's download site, or unset TRAINCTL_NATIVES to use the"
                        + " pytorch-native-cpu jar in lib/ beside trainctl.jar")
                        + "; or set PYTORCH_LIBRARY_PATH, PYTORCH_VERSION and PYTORCH_FLAVOR for a libtorch with a"
                        + " matching JNI (see docs/gpu.md)."
                : " CPU natives come from the pytorch-native-cpu jar that trainctl adds from lib/ beside"
                        + " trainctl.jar; otherwise set PYTORCH_LIBRARY_PATH, PYTORCH_VERSION and PYTORCH_FLAVOR for a"
                        + " libtorch with a matching JNI, or opt in to DJL's download with TRAINCTL_NATIVES=download"
                        + " (see docs/gpu.md).";
        return "the PyTorch natives could not be loaded (" + cause + ")." + fixes + " 'trainctl doctor' shows what"
                + " was found.";
    }

    /**
     * The flavor from an explicit {@code PYTORCH_FLAVOR}, else from DJL's cache directory name
     * ({@code VERSION[-BUILD]-FLAVOR-os-arch}, e.g. {@code 2.7.1-20250812-cpu-linux-x86_64}), else "unknown".
     */
    static String flavor(String libraryPath) {
        String explicit = System.getenv("PYTORCH_FLAVOR");
        if (explicit != null && !explicit.isBlank()) {
            return explicit.toLowerCase(Locale.ROOT);
        }
        if (libraryPath != null) {
            String[] parts = Path.of(libraryPath).getFileName().toString().split("-");
            if (parts.length >= 4) {
                return parts[parts.length - 3];
            }
        }
        return "unknown";
    }
}
