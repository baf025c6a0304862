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
 * of those paths, and the command runs again. Every precious file must be unchanged, and every command refuses the
 * place (exit 2) and leaves the links as they are: a directory it owns (a model, checkpoint or report directory) holds
 * what trainctl did not write, and a single file it writes ({@code image push --tar}) is not one trainctl wrote.
 * trainctl replaces nothing it did not write, a planted link included.
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

    /**
     * How one case prepares its place (copies inputs into it) and the command line that writes there.
     *
     * @param refusal what the command says when it refuses the place with planted links (exit 2): it writes only
     *     into a directory or file that is trainctl's own
     */
    record Case(String name, Preparation prepare, Function<Path, String[]> command, String refusal) {}

    static final String FOREIGN_DIRECTORY = "holds files trainctl did not write (";

    @FunctionalInterface
    interface Preparation {
        void into(Path place) throws IOException;
    }

    @Test
    void reportBesideTheModelRefusesPlantedLinks() throws IOException {
        attack(new Case("report", place -> copyTree(model, place.resolve("model")),
                place -> new String[] {"report", "--model", place.resolve("model").toString(), "--dataset",
                        "mnist"}, FOREIGN_DIRECTORY));
    }

    @Test
    void reportWithOutRefusesPlantedLinks() throws IOException {
        attack(new Case("report-out", place -> Files.createDirectories(place.resolve("out")),
                place -> new String[] {"report", "--model", model.toString(), "--dataset", "mnist", "--out",
                        place.resolve("out").toString()}, FOREIGN_DIRECTORY));
    }

    @Test
    void compareRefusesPlantedLinks() throws IOException {
        attack(new Case("compare", place -> Files.createDirectories(place.resolve("out")),
                place -> new String[] {"report", "--model", model.toString(), "--compare", otherModel.toString(),
                        "--out", place.resolve("out").toString()}, FOREIGN_DIRECTORY));
    }

    @Test
    void imagePushTarReplacesAPlantedLink() throws IOException {
        attack(new Case("image-tar", place -> { },
                place -> new String[] {"image", "push", "--base", "scratch", "--tar",
                        place.resolve("trainctl-image.tar").toString()}, "exists and is a symbolic link: trainctl replaces"
                + " only files it wrote"));
    }

    @Test
    void localTrainingRefusesDirectoriesWithPlantedLinks() throws IOException {
        attack(new Case("train", place -> { },
                place -> new String[] {"train", "--on", "local", "--epochs", "1", "--max-train-samples", "200",
                        "--hidden-size", "16", "--model-dir", place.resolve("model").toString(),
                        "--checkpoint-dir", place.resolve("checkpoints").toString()}, FOREIGN_DIRECTORY));
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
        assertThat(second.exitCode()).as(second.err()).isEqualTo(2);
        assertThat(second.err()).contains(c.refusal());
        assertThat(linksUnder(attacked)).as("%s leaves the planted links as they were", c.name())
                .hasSize(written.size());
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
