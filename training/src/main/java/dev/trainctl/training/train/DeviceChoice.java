package dev.trainctl.training.train;

import ai.djl.Device;
import java.util.Locale;

/** What the user asked for with {@code --device}: resolved against the GPUs the engine can see. */
public enum DeviceChoice {
    AUTO,
    CPU,
    GPU;

    public static DeviceChoice parse(String value) {
        try {
            return valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown device '" + value + "' (choose auto, cpu or gpu)");
        }
    }

    /**
     * The device to train on.
     *
     * @param gpuCount the GPUs the engine reports
     * @param nativeFlavor the engine's native flavor (e.g. {@code cpu}, {@code cu128}), named in the error
     * @throws DeviceUnavailableException for {@link #GPU} when no GPU is usable: never a silent fall-back to CPU
     */
    public Device resolve(int gpuCount, String nativeFlavor) throws DeviceUnavailableException {
        return switch (this) {
            case CPU -> Device.cpu();
            case AUTO -> gpuCount > 0 ? Device.gpu(0) : Device.cpu();
            case GPU -> {
                if (gpuCount > 0) {
                    yield Device.gpu(0);
                }
                yield throwUnavailable(nativeFlavor);
            }
        };
    }

    private static Device throwUnavailable(String nativeFlavor) throws DeviceUnavailableException {
        boolean cpuOnlyNatives = nativeFlavor == null || nativeFlavor.startsWith("cpu");
        String cause = cpuOnlyNatives
                ? "the PyTorch natives loaded are CPU-only (flavor '" + nativeFlavor + "')"
                : "the engine sees no CUDA device (flavor '" + nativeFlavor + "'; check the driver with nvidia-smi)";
        throw new DeviceUnavailableException("--device gpu: no usable GPU: " + cause
                + ". Point DJL at a CUDA libtorch (PYTORCH_LIBRARY_PATH, PYTORCH_VERSION, PYTORCH_FLAVOR; see"
                + " docs/gpu.md), run 'trainctl doctor' to see what was loaded,"
                + " or use --device cpu.");
    }
}
