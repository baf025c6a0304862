package dev.trainctl.orchestrator.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainctl.orchestrator.cli.CliRun;
import dev.trainctl.orchestrator.cli.TrainctlException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code image push --gpu} refuses before it builds anything. */
class GpuImageOptionsTest {

    @TempDir
    Path temp;

    @Test
    void libtorchWithoutGpuIsAUsageError() {
        CliRun run = CliRun.of("image", "push", "--libtorch", "/opt/torch/lib", "--tar", temp.resolve("x.tar")
                .toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--libtorch").contains("add --gpu");
        assertThat(temp.resolve("x.tar")).doesNotExist();
    }

    @Test
    void aRelativeLibtorchIsAUsageErrorBeforeAnyBuild() {
        CliRun run = CliRun.of("image", "push", "--gpu", "--libtorch", "torch/lib", "--tar", temp.resolve("y.tar")
                .toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("'torch/lib' is not an absolute path");
        assertThat(temp.resolve("y.tar")).doesNotExist();
    }

    @Test
    void anotherPlatformIsRefusedBecauseJlinkLinksThisJdksOwn() {
        assertThatThrownBy(() -> JavaRuntime.requireImagePlatform("Mac OS X", "aarch64"))
                .isInstanceOf(TrainctlException.class).hasMessageContaining("this is Mac OS X aarch64")
                .hasMessageContaining("Linux x86-64");
        JavaRuntime.requireImagePlatform("Linux", "amd64");
    }
}
