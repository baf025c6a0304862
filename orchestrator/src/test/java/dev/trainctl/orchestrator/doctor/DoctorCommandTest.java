package dev.trainctl.orchestrator.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trainctl.orchestrator.cli.CliRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoctorCommandTest {

    @TempDir
    Path emptyCache;

    @Test
    void jsonReportNamesJavaEngineDevicesThreadsAndData() {
        CliRun run = CliRun.of("doctor", "--output", "json", "--data-dir", emptyCache.toString());

        assertThat(run.exitCode()).isZero();
        JsonObject report = JsonParser.parseString(run.out()).getAsJsonObject();
        assertThat(report.getAsJsonObject("java").get("version").getAsString())
                .isEqualTo(System.getProperty("java.version"));
        JsonObject engine = report.getAsJsonObject("engine");
        assertThat(engine.get("engine").getAsString()).isEqualTo("PyTorch");
        assertThat(engine.get("engine_version").getAsString()).isEqualTo("2.7.1");
        assertThat(engine.get("flavor").getAsString()).isEqualTo("cpu");
        assertThat(engine.get("gpu_count").getAsInt()).isZero();
        assertThat(engine.get("threads").getAsInt()).isEqualTo(1);
        assertThat(report.get("auto_device").getAsString()).isEqualTo("cpu()");
        JsonObject data = report.getAsJsonObject("data");
        assertThat(data.get("ready").getAsBoolean()).isFalse();
        assertThat(data.getAsJsonArray("files")).hasSize(4);
        assertThat(data.getAsJsonArray("files").get(0).getAsJsonObject().get("problem").getAsString())
                .contains("missing");
    }

    @Test
    void textReportShowsTheNativesAndTheDeviceAutoWouldPick() {
        CliRun run = CliRun.of("doctor", "--data-dir", emptyCache.toString());

        assertThat(run.out()).contains("engine      PyTorch 2.7.1").contains("CPU-only build")
                .contains("--device auto picks cpu()").contains("not ready");
    }
}
