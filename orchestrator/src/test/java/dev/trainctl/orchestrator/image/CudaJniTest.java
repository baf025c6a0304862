package dev.trainctl.orchestrator.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading DJL's JNI jar; {@link GpuImageTest} takes the real one apart. */
class CudaJniTest {

    @TempDir
    Path temp;

    @Test
    void aJarWithoutDjlsPropertiesIsNotTakenForTheJni() throws IOException {
        Path jar = temp.resolve("pytorch-jni-9.9.9-0.1.0.jar");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            zip.putNextEntry(new ZipEntry("jnilib/linux-x86_64/cu128/libdjl_torch.so"));
            zip.write(1);
        }

        assertThatThrownBy(() -> CudaJni.extract(jar, temp.resolve("jni")))
                .hasMessageContaining("has no jnilib/pytorch.properties");
    }

    @Test
    void theJniNamesTheLibtorchVersionItWasBuiltFor() throws IOException {
        Path jar = temp.resolve("pytorch-jni-2.9.0-0.40.0.jar");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            zip.putNextEntry(new ZipEntry("jnilib/pytorch.properties"));
            zip.write("jni_version=2.9.0-0.40.0\n".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("jnilib/linux-x86_64/cpu/libdjl_torch.so"));
            zip.putNextEntry(new ZipEntry("jnilib/linux-x86_64/cu130/libdjl_torch.so"));
            zip.write(7);
        }

        CudaJni jni = CudaJni.extract(jar, temp.resolve("jni2"));

        assertThat(jni.pathInImage()).isEqualTo("/opt/djl/pytorch/2.9.0-cu130-linux-x86_64/0.40.0-libdjl_torch.so");
        assertThat(Files.readAllBytes(jni.library())).containsExactly(7);
    }
}
