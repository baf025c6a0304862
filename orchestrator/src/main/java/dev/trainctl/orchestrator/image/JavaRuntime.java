package dev.trainctl.orchestrator.image;

import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.TrainctlException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.spi.ToolProvider;

/**
 * The Java runtime the GPU image carries, since a CUDA PyTorch base has no Java: jlink run on this JDK, with just the
 * modules the trainer needs (about 40 MB). jlink links this JDK's own modules, so the runtime is for this machine's
 * platform, which must therefore be the image's: Linux on x86-64.
 */
public final class JavaRuntime {

    /** What DJL and the trainer load (measured by running the training entry point on such a runtime). */
    static final List<String> MODULES = List.of("java.base", "java.logging", "java.management", "java.naming",
            "java.net.http", "java.xml", "jdk.unsupported");
    /** Where the image holds it. */
    public static final String HOME = "/opt/java";

    private JavaRuntime() {}

    /** Fails at once, before any image work, where jlink cannot make a runtime for the image. */
    public static ToolProvider jlink() {
        requireImagePlatform(System.getProperty("os.name"), System.getProperty("os.arch"));
        return ToolProvider.findFirst("jlink").orElseThrow(() -> new TrainctlException(ExitCode.FAILURE,
                "image push --gpu links the image's Java runtime with jlink, which this Java ("
                        + System.getProperty("java.home") + ") lacks: run trainctl with a JDK 17 or later"));
    }

    static void requireImagePlatform(String osName, String osArch) {
        String arch = osArch.toLowerCase(Locale.ROOT);
        if (!osName.toLowerCase(Locale.ROOT).startsWith("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new TrainctlException(ExitCode.FAILURE, "image push --gpu links the image's Java runtime from this"
                    + " JDK, and the image is Linux x86-64, but this is " + osName + " " + osArch + ": run it on a"
                    + " Linux x86-64 machine");
        }
    }

    /** Links the runtime into {@code output}, which must not exist yet. */
    public static Path link(ToolProvider jlink, Path output) throws IOException {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (PrintStream stream = new PrintStream(log, true, StandardCharsets.UTF_8)) {
            int code = jlink.run(stream, stream, "--add-modules", String.join(",", MODULES), "--compress=2",
                    "--strip-debug", "--no-header-files", "--no-man-pages", "--output", output.toString());
            if (code != 0 || !Files.isExecutable(output.resolve("bin/java"))) {
                throw new IOException("jlink failed (exit " + code + "): " + log.toString(StandardCharsets.UTF_8)
                        .strip());
            }
        }
        return output;
    }
}
