package dev.trainctl.orchestrator.doctor;

import ai.djl.Device;
import dev.trainctl.orchestrator.cli.Command;
import dev.trainctl.orchestrator.cli.Console;
import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.Invocation;
import dev.trainctl.orchestrator.cli.OptionRules;
import dev.trainctl.orchestrator.data.DataOptions;
import dev.trainctl.orchestrator.train.EngineOptions;
import dev.trainctl.training.data.Dataset;
import dev.trainctl.training.data.DatasetStore;
import dev.trainctl.training.engine.EngineInfo;
import dev.trainctl.training.engine.EngineUnavailableException;
import dev.trainctl.training.train.DeviceChoice;
import dev.trainctl.training.train.DeviceUnavailableException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.cli.Options;

/**
 * {@code trainctl doctor}: what this machine gives the trainer: Java, the engine and where its natives came from,
 * the devices it sees, thread settings, and whether the cached data verifies. The first thing to run when a GPU
 * is not picked up.
 */
public final class DoctorCommand implements Command {

    /** Environment variables that change where natives come from or how many threads run. */
    static final List<String> ENVIRONMENT = List.of("DJL_OFFLINE", "PYTORCH_LIBRARY_PATH", "PYTORCH_VERSION",
            "PYTORCH_FLAVOR", "PYTORCH_PRECXX11", "TRAINCTL_NATIVES", "OMP_NUM_THREADS", "CUDA_VISIBLE_DEVICES");

    /**
     * The JSON result; {@code engine} is null and {@code engineError} set when the engine failed to load;
     * {@code device} is what {@code --device} (default auto) picks, {@code deviceError} why it cannot.
     */
    record Report(JavaInfo java, EngineInfo engine, String nativeLibraryPath, String engineError, String autoDevice,
            String requestedDevice, String device, String deviceError, int processors, Map<String, String> environment,
            DataReport data) {}

    record JavaInfo(String version, String vendor, String home) {}

    record DataReport(String dataset, String directory, List<FileReport> files, boolean ready) {}

    record FileReport(String name, String path, boolean verified, String problem) {}

    @Override
    public List<String> path() {
        return List.of("doctor");
    }

    @Override
    public String summary() {
        return "show Java, the engine and its natives, devices, threads and the data cache";
    }

    @Override
    public OptionRules rules() {
        return OptionRules.offline();
    }

    @Override
    public Options options() {
        return EngineOptions.addTo(DataOptions.addTo(new Options()));
    }

    @Override
    public ExitCode run(Invocation invocation) throws IOException {
        Console console = invocation.console();
        EngineOptions.configureThreads(invocation);
        JavaInfo java = new JavaInfo(System.getProperty("java.version"), System.getProperty("java.vendor"),
                System.getProperty("java.home"));
        EngineInfo engine = null;
        String nativeLibraryPath = null;
        String engineError = null;
        String autoDevice = null;
        DeviceChoice requested = DeviceChoice.parse(invocation.value("device", "auto"));
        String device = null;
        String deviceError = null;
        try {
            engine = EngineInfo.current();
            nativeLibraryPath = EngineInfo.nativeLibraryPath();
            autoDevice = DeviceChoice.AUTO.resolve(engine.gpuCount(), engine.flavor()).toString();
            try {
                device = requested.resolve(engine.gpuCount(), engine.flavor()).toString();
            } catch (DeviceUnavailableException e) {
                deviceError = e.getMessage();
            }
        } catch (EngineUnavailableException e) {
            engineError = e.getMessage();
        } catch (DeviceUnavailableException | RuntimeException | UnsatisfiedLinkError e) {
            engineError = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        Map<String, String> environment = new LinkedHashMap<>();
        for (String name : ENVIRONMENT) {
            environment.put(name, System.getenv(name));
        }
        DataReport data = data(invocation);
        Report report = new Report(java, engine, nativeLibraryPath, engineError, autoDevice, requested.name().toLowerCase(Locale.ROOT),
                device, deviceError, Runtime.getRuntime().availableProcessors(), environment, data);
        print(console, report);
        console.result(report);
        return engine == null || deviceError != null ? ExitCode.CHECK_FAILED : ExitCode.OK;
    }

    private static DataReport data(Invocation invocation) throws IOException {
        Dataset dataset = DataOptions.dataset(invocation);
        DatasetStore store = DataOptions.store(invocation, dataset);
        List<FileReport> files = store.inspect().stream()
                .map(state -> new FileReport(state.file().name(),
                        state.path() == null ? null : state.path().toString(), state.verified(),
                        state.path() == null ? "missing (run 'trainctl data fetch')" : state.problem()))
                .toList();
        return new DataReport(dataset.id(), store.directory().toString(), files,
                files.stream().allMatch(FileReport::verified));
    }

    private static void print(Console console, Report report) {
        console.say("java        " + report.java().version() + " (" + report.java().vendor() + ") at "
                + report.java().home());
        EngineInfo engine = report.engine();
        if (engine == null) {
            console.say("engine      FAILED to load: " + report.engineError());
        } else {
            console.say("engine      " + engine.engine() + " " + engine.engineVersion() + ", DJL " + engine.djlVersion()
                    + ", flavor " + engine.flavor() + (engine.cuda() ? " (CUDA build)" : " (CPU-only build)"));
            console.say("natives     " + report.nativeLibraryPath());
            console.say("devices     " + engine.gpuCount() + " GPU(s); --device auto picks " + report.autoDevice()
                    + (engine.gpuCount() == 0 ? "" : ", first " + Device.gpu(0)));
            if (report.deviceError() != null) {
                console.say("device      FAILED: " + report.deviceError());
            } else if (!report.requestedDevice().equals("auto")) {
                console.say("device      --device " + report.requestedDevice() + " picks " + report.device());
            }
            console.say("threads     intra-op " + engine.threads() + ", inter-op " + engine.interopThreads() + ", "
                    + report.processors() + " processors");
        }
        report.environment().forEach((name, value) -> {
            if (value != null) {
                console.say(String.format("env         %s=%s", name, value));
            }
        });
        DataReport data = report.data();
        console.say("data        " + data.dataset() + " in " + data.directory() + ": "
                + (data.ready() ? "all 4 files verified" : "not ready"));
        for (FileReport file : data.files()) {
            if (!file.verified()) {
                console.say("            " + file.name() + ": " + file.problem());
            }
        }
    }
}
