package dev.trainctl.orchestrator.image;

import dev.trainctl.training.sagemaker.TrainingEntryPoint;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What goes into the training image: the training module (its jar, or its classes directory when run from the
 * build) and exactly its runtime dependencies, found on this process's classpath by the names the training jar
 * lists in {@code META-INF/trainctl/training-classpath.txt}. The tag is derived from the content, so a changed
 * trainer gets a new tag and an unchanged one is recognised as already pushed.
 *
 * @param training the training jar or classes directory
 * @param dependencies jar name to path, in classpath order
 */
public record ImageContents(Path training, Map<String, Path> dependencies, String tag) {

    static final String LIST = "META-INF/trainctl/training-classpath.txt";
    /** The GPU image's tag is the CPU image's with this suffix: same trainer, other base and natives. */
    public static final String GPU_TAG_SUFFIX = "-gpu";

    /** From the running process: {@code java.class.path}, and {@code lib/} beside a lone jar (java -jar). */
    public static ImageContents discover(String version) throws IOException {
        List<Path> classpath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (!entry.isBlank()) {
                classpath.add(Path.of(entry).toAbsolutePath());
            }
        }
        if (classpath.size() == 1 && classpath.get(0).getParent() != null) {
            Path lib = classpath.get(0).getParent().resolve("lib");
            if (Files.isDirectory(lib)) {
                try (Stream<Path> jars = Files.list(lib)) {
                    jars.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(classpath::add);
                }
            }
        }
        Path training;
        try {
            training = Path.of(TrainingEntryPoint.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException("cannot locate the training classes: " + e.getMessage(), e);
        }
        List<String> wanted;
        try (InputStream in = TrainingEntryPoint.class.getClassLoader().getResourceAsStream(LIST)) {
            if (in == null) {
                throw new IOException(LIST + " is missing from the training module: rebuild with ./mvnw package");
            }
            wanted = List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim().split(":"));
        }
        return of(training, wanted, classpath, version);
    }

    /**
     * Picks each wanted jar from {@code classpath}: by exact file name, else by artifact name (the version may
     * differ when the orchestrator's dependency resolution chose another one).
     */
    static ImageContents of(Path training, List<String> wanted, List<Path> classpath, String version)
            throws IOException {
        Map<String, Path> dependencies = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String entry : wanted) {
            String name = Path.of(entry.trim()).getFileName().toString();
            Path found = classpath.stream().filter(p -> p.getFileName().toString().equals(name)).findFirst()
                    .or(() -> classpath.stream().filter(p -> artifact(p.getFileName().toString()).equals(artifact(name))
                            && !p.equals(training)).findFirst())
                    .orElse(null);
            if (found == null) {
                missing.add(name);
            } else {
                dependencies.put(found.getFileName().toString(), found);
            }
        }
        if (!missing.isEmpty()) {
            throw new IOException("the training image needs " + String.join(", ", missing) + ", which this"
                    + " trainctl's classpath lacks: rebuild with ./mvnw package");
        }
        return new ImageContents(training, dependencies, version + "-" + contentHash(training, dependencies));
    }

    /** The GPU image's tag: {@code VERSION-CONTENTHASH-gpu}. */
    public String gpuTag() {
        return tag + GPU_TAG_SUFFIX;
    }

    /** {@code pytorch-native-cpu-2.7.1-linux-x86_64.jar} → {@code pytorch-native-cpu}. */
    static String artifact(String fileName) {
        return fileName.replaceFirst("-\\d.*$", "");
    }

    /** The first 12 hex digits of a SHA-256 over every file's name and content. */
    private static String contentHash(Path training, Map<String, Path> dependencies) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            List<Path> files = new ArrayList<>(dependencies.values());
            if (Files.isDirectory(training)) {
                try (Stream<Path> walk = Files.walk(training)) {
                    walk.filter(Files::isRegularFile).sorted().forEach(files::add);
                }
            } else {
                files.add(training);
            }
            byte[] buffer = new byte[1 << 16];
            for (Path file : files) {
                digest.update(file.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                try (InputStream in = Files.newInputStream(file)) {
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        digest.update(buffer, 0, n);
                    }
                }
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
