package dev.trainctl.training.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.engine.EngineException;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineInfoTest {

    @Test
    void natives_that_do_not_load_are_explained_with_the_deepest_cause_and_the_fixes() {
        String message = EngineInfo.unavailable(new EngineException("Failed to save pytorch index file",
                new IOException("Offline mode is enabled.")), Map.of());

        assertThat(message).startsWith("the PyTorch natives could not be loaded (Failed to save pytorch index file:"
                + " Offline mode is enabled.)");
        assertThat(message).contains("pytorch-native-cpu", "PYTORCH_LIBRARY_PATH, PYTORCH_VERSION and PYTORCH_FLAVOR",
                "TRAINCTL_NATIVES=download", "trainctl doctor");
    }

    @Test
    void a_failure_without_a_cause_is_named_once() {
        String message = EngineInfo.unavailable(new UnsatisfiedLinkError("libtorch_cpu.so: cannot open shared object"),
                Map.of());

        assertThat(message).startsWith("the PyTorch natives could not be loaded (libtorch_cpu.so: cannot open shared"
                + " object). ");
    }

    @Test
    void advice_the_environment_already_follows_is_not_given_again() {
        String message = EngineInfo.unavailable(new EngineException("Failed to save pytorch index file",
                new IOException("Offline mode is enabled.")), Map.of("TRAINCTL_NATIVES", "download",
                "DJL_OFFLINE", "true"));

        assertThat(message).doesNotContain("opt in").contains("TRAINCTL_NATIVES=download is set, so DJL downloads"
                + " the natives itself, but DJL_OFFLINE=true forbids it: unset DJL_OFFLINE, or unset TRAINCTL_NATIVES");
    }

    @Test
    void the_flavor_comes_from_djl_cache_directory_names() {
        assumeTrue(System.getenv("PYTORCH_FLAVOR") == null, "PYTORCH_FLAVOR overrides the directory name");

        assertThat(EngineInfo.flavor("/root/.djl.ai/pytorch/2.7.1-20250812-cpu-linux-x86_64")).isEqualTo("cpu");
        assertThat(EngineInfo.flavor("/root/.djl.ai/pytorch/2.11.0-cu130-linux-x86_64")).isEqualTo("cu130");
        assertThat(EngineInfo.flavor("/usr/lib/python3/dist-packages/torch/lib")).isEqualTo("unknown");
        assertThat(EngineInfo.flavor(null)).isEqualTo("unknown");
    }
}
