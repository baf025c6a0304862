package dev.trainctl.orchestrator.train;

import ai.djl.Device;
import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.Invocation;
import dev.trainctl.orchestrator.cli.TrainctlException;
import dev.trainctl.training.engine.EngineInfo;
import dev.trainctl.training.engine.EngineThreads;
import dev.trainctl.training.engine.EngineUnavailableException;
import dev.trainctl.training.train.DeviceChoice;
import dev.trainctl.training.train.DeviceUnavailableException;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code --device} and {@code --threads}: where the engine runs, shared by train, evaluate, predict and doctor. */
public final class EngineOptions {

    /**
     * Intra-op threads when {@code --threads} is not given. Measured by scripts/bench-local-training.sh on 2 cores
     * at batch 32: 2 threads were 5-7% faster on an idle machine but 2x slower with another process on the cores,
     * because each op is tiny and the second thread mostly adds synchronisation (see docs/speed.md).
     */
    public static final int DEFAULT_THREADS = 1;

    private EngineOptions() {}

    public static Options addTo(Options options) {
        return options
                .addOption(Option.builder().longOpt("device").hasArg().argName("auto|cpu|gpu")
                        .desc("auto (default: the first GPU if the engine sees one, else CPU), cpu, or gpu").get())
                .addOption(Option.builder().longOpt("threads").hasArg().argName("N")
                        .desc("PyTorch intra-op threads (default: " + DEFAULT_THREADS + ")").get());
    }

    /** Sets the thread count; must run before anything loads the engine. */
    public static void configureThreads(Invocation invocation) {
        EngineThreads.configure(invocation.intValue("threads", DEFAULT_THREADS, 1, 1024));
    }

    /** Loads the engine, failing with exit code 4 when its natives cannot be loaded. */
    public static EngineInfo engine() {
        try {
            return EngineInfo.current();
        } catch (EngineUnavailableException e) {
            throw new TrainctlException(ExitCode.DEVICE, e.getMessage(), e);
        }
    }

    /** Picks the device, failing with exit code 4 when a GPU is required but unusable. */
    public static Device device(Invocation invocation, EngineInfo engine) {
        DeviceChoice choice = DeviceChoice.parse(invocation.value("device", "auto"));
        try {
            return choice.resolve(engine.gpuCount(), engine.flavor());
        } catch (DeviceUnavailableException e) {
            throw new TrainctlException(ExitCode.DEVICE, e.getMessage(), e);
        }
    }
}
