package dev.trainctl.training.engine;

/**
 * Thread settings for the PyTorch engine. They take effect only if set before the engine loads, so the CLI calls
 * {@link #configure} first thing.
 */
public final class EngineThreads {

    static final String NUM_THREADS = "ai.djl.pytorch.num_threads";
    static final String NUM_INTEROP_THREADS = "ai.djl.pytorch.num_interop_threads";

    private EngineThreads() {}

    /**
     * The intra-op threads asked for with {@code -Dai.djl.pytorch.num_threads} on the command line, else
     * {@code fallback}. PyTorch's CPU kernels split sums by thread, so two runs agree to the last bit only with the
     * same split; one thread makes every run reproducible.
     */
    public static int requestedOr(int fallback) {
        return Integer.getInteger(NUM_THREADS, fallback);
    }

    /**
     * Sets intra-op threads to {@code threads} and inter-op threads to 1 (the trainer issues one operation at a
     * time, so more inter-op threads only add scheduling).
     */
    public static void configure(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        System.setProperty(NUM_THREADS, Integer.toString(threads));
        System.setProperty(NUM_INTEROP_THREADS, "1");
    }
}
