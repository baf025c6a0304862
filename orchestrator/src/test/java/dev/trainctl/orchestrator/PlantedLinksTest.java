package dev.trainctl.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainctl.orchestrator.cli.CliRun;
import dev.trainctl.training.train.SyntheticModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attack of issue 22: someone plants a symbolic link where trainctl is about to write ({@code report.html ->
 * ~/.ssh/authorized_keys}). For each command that writes files, the command first runs in a clean place to learn every
 * path it writes; then, in a fresh place prepared the same way, a link to a precious file outside is planted at each
 * of those paths, and the command runs again. Every precious file must be unchanged, and every planted path must now
 * be the command's own regular file.
 */
class PlantedLinksTest {

    @TempDir
    static Path temp;
    static Path model;
    static Path otherModel;

    @BeforeAll
    static void trainTwoSmallModels() throws IOException {
        model = temp.resolve("synthetic-1");
        otherModel = temp.resolve("synthetic-2");
        SyntheticModel.train(model, 1, 1);
        SyntheticModel.train(otherModel, 2, 1);
    }

    /** How one case prepares its place (copies inputs into it) and the command line that writes there. */
    record Case(String name, Preparation prepare, Function<Path, String[]> command) {}

    @FunctionalInterface
    interface Preparation {
        void into(Path place) throws IOException;
    }

    @Test
    void reportBesideTheModelReplacesPlantedLinks() throws IOException {
        attack(new Case("report", place -> copyTree(model, place.resolve("model")),
                place -> new String[] {"report", "--model", place.resolve("model").toString(), "--dataset",
                        "mnist"}));
    }

    @Test
    void reportWithOutReplacesPlantedLinks() throws IOException {
        attack(new Case("report-out", place -> Files.createDirectories(place.resolve("out")),
                place -> new String[] {"report", "--model", model.toString(), "--dataset", "mnist", "--out",
                        place.resolve("out").toString()}));
    }

    @Test
    void compareReplacesPlantedLinks() throws IOException {
        attack(new Case("compare", place -> Files.createDirectories(place.resolve("out")),
                place -> new String[] {"report", "--model", model.toString(), "--compare", otherModel.toString(),
                        "--out", place.resolve("out").toString()}));
    }

    @Test
    void imagePushTarReplacesAPlantedLink() throws IOException {
        attack(new Case("image-tar", place -> { },
                place -> new String[] {"image", "push", "--base", "scratch", "--tar",
                        place.resolve("trainctl-image.tar").toString()}));
    }

    @Test
    void localTrainingNeverWritesThroughPlantedLinks() throws IOException {
        attack(new Case("train", place -> { },
                place -> new String[] {"train", "--on", "local", "--epochs", "1", "--max-train-samples", "200",
                        "--hidden-size", "16", "--model-dir", place.resolve("model").toString(),
                        "--checkpoint-dir", place.resolve("checkpoints").toString()}));
    }

    private static void attack(Case c) throws IOException {
        Path clean = Files.createDirectories(temp.resolve(c.name() + "-clean"));
        c.prepare().into(clean);
        Map<String, String> before = contents(clean);
        CliRun first = CliRun.of(c.command().apply(clean));
        assertThat(first.exitCode()).as(first.err()).isZero();
        List<String> written = new ArrayList<>();
        contents(clean).forEach((path, content) -> {
            if (!content.equals(before.get(path))) {
                written.add(path);
            }
        });
        assertThat(written).as("%s writes files", c.name()).isNotEmpty();

        Path attacked = Files.createDirectories(temp.resolve(c.name() + "-attacked"));
        c.prepare().into(attacked);
        Path victim = Files.createDirectories(temp.resolve(c.name() + "-victim"));
        Map<Path, String> precious = new LinkedHashMap<>();
        for (String path : written) {
            Path secret = victim.resolve(path.replace('/', '_'));
            String content = "precious " + path + "\n";
            Files.writeString(secret, content);
            precious.put(secret, content);
            Path planted = attacked.resolve(path);
            Files.createDirectories(planted.getParent());
            Files.deleteIfExists(planted);
            Files.createSymbolicLink(planted, secret);
        }

        CliRun second = CliRun.of(c.command().apply(attacked));

        precious.forEach((file, content) -> assertThat(file).as("%s: %s", c.name(), file).hasContent(content.strip()));
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(linksUnder(attacked)).as("%s leaves no planted link behind", c.name()).isEmpty();
    }

    /** Relative path to a digest of the content, for every regular file under {@code root}. */
    private static Map<String, String> contents(Path root) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList()) {
                files.put(root.relativize(file).toString(), Integer.toHexString(java.util.Arrays.hashCode(
                        Files.readAllBytes(file))) + ":" + Files.size(file));
            }
        }
        return files;
    }

    private static TreeSet<String> linksUnder(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isSymbolicLink).map(p -> root.relativize(p).toString())
                    .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            walk.forEach(source -> {
                try {
                    Path target = to.resolve(from.relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(source, target);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
