package dev.trainctl.orchestrator.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * trainctl's documentation: the README and the chapters under docs/. This is the one list of documentation files;
 * every test that checks what the docs show reads them through it, so an example may live in any chapter.
 */
public final class Docs {

    /** The repository root, seen from the orchestrator module where the tests run. */
    static final Path ROOT = Path.of("..");

    /** The README, then the chapters in reading order (paths relative to the repository root). */
    static final List<String> FILES = List.of("README.md", "docs/local-training.md", "docs/emulation.md",
            "docs/sagemaker.md", "docs/tuning.md", "docs/serving.md", "docs/gpu.md", "docs/speed.md", "docs/iam.md",
            "docs/provision.md", "docs/account-check.md", "docs/why-denied.md", "docs/vpc-and-keys.md",
            "docs/role-check.md", "docs/reference.md", "docs/development.md");

    private static List<Doc> all;

    private Docs() {}

    /** One documentation file: its path relative to the repository root, and its text. */
    public record Doc(String name, String text) {
        public List<String> lines() {
            return text.lines().toList();
        }

        /** The file's place on disk. */
        public Path path() {
            return ROOT.resolve(name);
        }
    }

    /** Every documentation file, the README first. */
    public static synchronized List<Doc> all() {
        if (all == null) {
            all = read(FILES.stream().map(ROOT::resolve).toList());
        }
        return all;
    }

    /** The given files as documentation (named by their path relative to the repository root where they lie in it). */
    static List<Doc> read(List<Path> files) {
        List<Doc> docs = new ArrayList<>();
        for (Path file : files) {
            try {
                Path root = ROOT.toAbsolutePath().normalize();
                Path absolute = file.toAbsolutePath().normalize();
                String name = absolute.startsWith(root) ? root.relativize(absolute).toString() : file.toString();
                docs.add(new Doc(name, Files.readString(file, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return List.copyOf(docs);
    }

    /** The first documentation file that contains {@code text}. */
    public static Optional<Doc> containing(String text) {
        return all().stream().filter(doc -> doc.text().contains(text)).findFirst();
    }

    /** The first documentation file with a line equal to {@code line}. */
    public static Optional<Doc> withLine(String line) {
        return all().stream().filter(doc -> doc.lines().contains(line)).findFirst();
    }

    /** Asserts that one documentation file shows all of {@code texts} (an example's files, command and output). */
    public static void assertOneShows(String what, String... texts) {
        assertThat(all().stream().anyMatch(doc -> Arrays.stream(texts).allMatch(doc.text()::contains)))
                .as("a file of %s shows %s", FILES, what).isTrue();
    }
}
