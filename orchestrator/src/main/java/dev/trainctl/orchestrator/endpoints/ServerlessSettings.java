package dev.trainctl.orchestrator.endpoints;

/**
 * A serverless endpoint's size, within what AWS allows (ProductionVariantServerlessConfig): memory 1024 to 6144 MB in
 * 1 GB steps, 1 to 200 concurrent invocations. The defaults fit the model (a JVM with PyTorch's CPU library needs
 * about 1 GB) with room, and bill little: nothing while idle, and at most two invocations at once.
 *
 * @param memoryMb MemorySizeInMB
 * @param maxConcurrency MaxConcurrency
 */
public record ServerlessSettings(int memoryMb, int maxConcurrency) {

    public static final int DEFAULT_MEMORY_MB = 2048;
    public static final int DEFAULT_MAX_CONCURRENCY = 2;
    public static final int MIN_MEMORY_MB = 1024;
    public static final int MAX_MEMORY_MB = 6144;
    public static final int MAX_CONCURRENCY = 200;

    public ServerlessSettings {
        if (memoryMb < MIN_MEMORY_MB || memoryMb > MAX_MEMORY_MB || memoryMb % 1024 != 0) {
            throw new IllegalArgumentException("--memory must be 1024, 2048, 3072, 4096, 5120 or 6144 (MB, what AWS"
                    + " allows for a serverless endpoint), got " + memoryMb);
        }
        if (maxConcurrency < 1 || maxConcurrency > MAX_CONCURRENCY) {
            throw new IllegalArgumentException("--max-concurrency must be 1 to " + MAX_CONCURRENCY + ", got "
                    + maxConcurrency);
        }
    }

    public static ServerlessSettings defaults() {
        return new ServerlessSettings(DEFAULT_MEMORY_MB, DEFAULT_MAX_CONCURRENCY);
    }
}
