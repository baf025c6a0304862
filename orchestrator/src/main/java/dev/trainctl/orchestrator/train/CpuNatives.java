package dev.trainctl.orchestrator.train;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where the CPU natives ({@code pytorch-native-cpu}) come from. They sit in {@code lib/} beside trainctl.jar but not
 * in its manifest Class-Path, so that {@code TRAINCTL_NATIVES=download} really leaves them out (a Class-Path entry
 * cannot be taken off by a launcher) and DJL downloads the build that matches the machine's CUDA. In the default
 * mode {@link #install} makes the jar visible to DJL, which finds natives as {@code native/lib/pytorch.properties}
 * through the thread's context class loader; so {@code java -jar trainctl.jar} trains on the CPU offline.
 */
public final class CpuNatives {

    public static final String VARIABLE = "TRAINCTL_NATIVES";
    public static final String CLASSPATH = "classpath";
    public static final String DOWNLOAD = "download";
    static final String JAR_PREFIX = "pytorch-native-cpu-";

    private CpuNatives() {}

    /** Whether the user opted in to DJL's download; any value other than classpath and download is named on err. */
    public static boolean downloadMode(Map<String, String> environment, PrintStream err) {
        String mode = environment.getOrDefault(VARIABLE, CLASSPATH).trim();
        if (!mode.equals(CLASSPATH) && !mode.equals(DOWNLOAD) && !mode.isEmpty()) {
            err.println("trainctl: warning: " + VARIABLE + "=" + mode + " is not " + CLASSPATH + " or " + DOWNLOAD
                    + "; using the CPU natives from the class path");
        }
        return mode.equals(DOWNLOAD);
    }

    /** The natives jars to add: those in {@code lib/} beside {@code codeSource} (a jar), none in download mode. */
    static List<Path> jarsToAdd(boolean download, Path codeSource) throws IOException {
        Path lib = codeSource.getParent() == null ? null : codeSource.getParent().resolve("lib");
        if (download || !Files.isRegularFile(codeSource) || lib == null || !Files.isDirectory(lib)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(lib)) {
            return files.filter(p -> p.getFileName().toString().startsWith(JAR_PREFIX)
                    && p.getFileName().toString().endsWith(".jar")).sorted().toList();
        }
    }

    /** The CPU natives jars on {@code java.class.path} (there in the tests, or when someone puts them on -cp). */
    static List<String> onClassPath(String classPath) {
        return Arrays.stream(classPath.split(File.pathSeparator))
                .filter(entry -> Path.of(entry).getFileName() != null
                        && Path.of(entry).getFileName().toString().startsWith(JAR_PREFIX)).toList();
    }

    /**
     * Called first in main: in the default mode adds the natives jar beside trainctl.jar to the context class loader;
     * in download mode warns if they are on the class path anyway.
     */
    public static void install(Map<String, String> environment, PrintStream err) {
        boolean download = downloadMode(environment, err);
        List<String> present = onClassPath(System.getProperty("java.class.path", ""));
        if (download && !present.isEmpty()) {
            err.println("trainctl: warning: " + VARIABLE + "=" + DOWNLOAD + ", but " + String.join(", ", present)
                    + " is on the class path, so DJL will use those CPU natives; leave it off -cp");
        }
        List<Path> jars = jarsBesideTrainctl(download);
        if (!jars.isEmpty()) {
            URL[] urls = jars.stream().map(CpuNatives::url).toArray(URL[]::new);
            Thread.currentThread().setContextClassLoader(
                    new URLClassLoader(urls, Thread.currentThread().getContextClassLoader()));
        }
    }

    /** A class path for a child JVM that runs the trainer: {@code classPath} plus what {@link #install} adds. */
    public static String forChild(String classPath, Map<String, String> environment) {
        StringBuilder result = new StringBuilder(classPath);
        for (Path jar : jarsBesideTrainctl(environment.getOrDefault(VARIABLE, CLASSPATH).trim().equals(DOWNLOAD))) {
            result.append(File.pathSeparator).append(jar);
        }
        return result.toString();
    }

    private static List<Path> jarsBesideTrainctl(boolean download) {
        if (!onClassPath(System.getProperty("java.class.path", "")).isEmpty()) {
            return List.of();
        }
        try {
            return jarsToAdd(download, codeSource());
        } catch (IOException | URISyntaxException e) {
            return List.of(); // then DJL reports the natives missing, with the three ways to provide them
        }
    }

    private static URL url(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException("a file path is always a URL: " + jar, e);
        }
    }

    /** The trainctl jar (or classes directory) this class was loaded from. */
    private static Path codeSource() throws URISyntaxException, MalformedURLException {
        return Path.of(Optional.ofNullable(CpuNatives.class.getProtectionDomain().getCodeSource())
                .orElseThrow(() -> new MalformedURLException("no code source")).getLocation().toURI());
    }
}
