package dev.trainctl.orchestrator.image;

import dev.trainctl.training.files.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * DJL's CUDA JNI library for Linux x86-64, taken out of the {@code pytorch-jni} jar for the GPU image. It works only
 * with the libtorch version it was built for ({@code jnilib/pytorch.properties}: {@code jni_version=2.7.1-0.36.0}),
 * so the image's base must hold that version.
 *
 * @param libtorchVersion the libtorch version the JNI was built against, e.g. {@code 2.7.1}
 * @param djlVersion the DJL version, e.g. {@code 0.36.0}
 * @param flavor the CUDA flavor, e.g. {@code cu128}
 * @param library the extracted {@code libdjl_torch.so}
 */
public record CudaJni(String libtorchVersion, String djlVersion, String flavor, Path library) {

    /** DJL's cache inside the image ({@code DJL_CACHE_DIR}), where the JNI is put. */
    public static final String CACHE_DIR = "/opt/djl";
    static final String ARTIFACT = "pytorch-jni";
    private static final String CLASSIFIER = "linux-x86_64";
    private static final Pattern CUDA_JNI = Pattern.compile("jnilib/" + CLASSIFIER + "/(cu\\d+)/libdjl_torch\\.so");

    public CudaJni {
        if (!flavor.matches("cu\\d+")) {
            throw new IllegalArgumentException("not a CUDA flavor: " + flavor);
        }
    }

    /** From the {@code pytorch-jni} jar among the image's dependencies. */
    public static CudaJni from(ImageContents contents, Path workDirectory) throws IOException {
        Path jar = contents.dependencies().entrySet().stream()
                .filter(e -> ImageContents.artifact(e.getKey()).equals(ARTIFACT)).map(java.util.Map.Entry::getValue)
                .findFirst()
                .orElseThrow(() -> new IOException("the GPU image needs DJL's " + ARTIFACT + " jar, which the training"
                        + " classpath lacks: rebuild with ./mvnw package"));
        return extract(jar, workDirectory);
    }

    /** Reads the versions and the one CUDA build for Linux x86-64 out of {@code jar}, into {@code workDirectory}. */
    public static CudaJni extract(Path jar, Path workDirectory) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry properties = zip.getEntry("jnilib/pytorch.properties");
            if (properties == null) {
                throw new IOException(jar.getFileName() + " has no jnilib/pytorch.properties: not DJL's " + ARTIFACT
                        + " jar");
            }
            Properties values = new Properties();
            try (InputStream in = zip.getInputStream(properties)) {
                values.load(in);
            }
            // jni_version is LIBTORCH-DJL, as DJL's LibUtils reads it.
            Matcher version = Pattern.compile("(\\d+\\.\\d+\\.\\d+)-(\\d+\\.\\d+\\.\\d+)")
                    .matcher(values.getProperty("jni_version", ""));
            if (!version.matches()) {
                throw new IOException(jar.getFileName() + ": unexpected jni_version '"
                        + values.getProperty("jni_version") + "'");
            }
            List<? extends ZipEntry> cuda = zip.stream().filter(e -> CUDA_JNI.matcher(e.getName()).matches()).toList();
            if (cuda.size() != 1) {
                throw new IOException(jar.getFileName() + " holds " + cuda.size() + " CUDA JNI builds for "
                        + CLASSIFIER + " (" + cuda.stream().map(ZipEntry::getName).toList() + "); expected one");
            }
            Matcher flavor = CUDA_JNI.matcher(cuda.get(0).getName());
            flavor.matches();
            Path library = Files.createDirectories(workDirectory).resolve("libdjl_torch.so");
            try (InputStream in = zip.getInputStream(cuda.get(0))) {
                AtomicFiles.write(library, AtomicFiles.SHARED, in::transferTo);
            }
            return new CudaJni(version.group(1), version.group(2), flavor.group(1), library);
        }
    }

    /**
     * Where DJL 0.36's {@code LibUtils.findJniLibrary} looks for the JNI when {@code PYTORCH_LIBRARY_PATH} names a
     * libtorch without one: {@code CACHE/pytorch/VERSION-FLAVOR-CLASSIFIER/DJLVERSION-libdjl_torch.so}. Found there,
     * it is loaded as is; nothing is extracted or downloaded at run time.
     */
    public String pathInImage() {
        return CACHE_DIR + "/pytorch/" + libtorchVersion + "-" + flavor + "-" + CLASSIFIER + "/" + djlVersion
                + "-libdjl_torch.so";
    }
}
