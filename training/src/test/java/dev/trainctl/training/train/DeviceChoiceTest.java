package dev.trainctl.training.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import org.junit.jupiter.api.Test;

class DeviceChoiceTest {

    @Test
    void autoPicksTheFirstGpuWhenTheEngineSeesOne() throws Exception {
        assertThat(DeviceChoice.AUTO.resolve(1, "cu128")).isEqualTo(Device.gpu(0));
    }

    @Test
    void autoFallsBackToCpuWithoutGpu() throws Exception {
        assertThat(DeviceChoice.AUTO.resolve(0, "cpu")).isEqualTo(Device.cpu());
    }

    @Test
    void cpuIsCpuEvenWithAGpu() throws Exception {
        assertThat(DeviceChoice.CPU.resolve(2, "cu128")).isEqualTo(Device.cpu());
    }

    @Test
    void gpuUsesTheGpu() throws Exception {
        assertThat(DeviceChoice.GPU.resolve(1, "cu128")).isEqualTo(Device.gpu(0));
    }

    @Test
    void gpuWithCpuOnlyNativesSaysSoAndHowToFixIt() {
        assertThatThrownBy(() -> DeviceChoice.GPU.resolve(0, "cpu"))
                .isInstanceOf(DeviceUnavailableException.class)
                .hasMessageContaining("the PyTorch natives loaded are CPU-only (flavor 'cpu')")
                .hasMessageContaining("PYTORCH_LIBRARY_PATH")
                .hasMessageContaining("--device cpu");
    }

    @Test
    void gpuWithCudaNativesButNoDeviceBlamesTheDevice() {
        assertThatThrownBy(() -> DeviceChoice.GPU.resolve(0, "cu128"))
                .hasMessageContaining("the engine sees no CUDA device (flavor 'cu128'");
    }

    @Test
    void unknownChoiceListsTheValidOnes() {
        assertThatThrownBy(() -> DeviceChoice.parse("tpu"))
                .hasMessage("unknown device 'tpu' (choose auto, cpu or gpu)");
        assertThat(DeviceChoice.parse("GPU")).isEqualTo(DeviceChoice.GPU);
    }
}
