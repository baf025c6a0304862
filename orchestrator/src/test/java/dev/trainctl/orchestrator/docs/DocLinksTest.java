package dev.trainctl.orchestrator.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every relative link and anchor in the README and the chapters resolves: the file exists, and the anchor is a heading
 * of it as GitHub names headings (lower case, spaces to hyphens, punctuation dropped; a repeated heading gets -1, -2).
 */
class DocLinksTest {

    private static final Pattern LINK = Pattern.compile("\\[[^\\]\\n]*\\]\\(([^)\\s]+)(?: \"[^\"]*\")?\\)");
    private static final Pattern CODE_SPAN = Pattern.compile("`[^`\\n]+`");
    private static final Pattern HEADING = Pattern.compile("^#{1,6} +(.*?)(?: +#+)? *$");

    @Test
    void everyRelativeLinkAndAnchorResolves() {
        List<String> broken = new ArrayList<>();
        for (Docs.Doc doc : Docs.all()) {
            for (String target : links(doc.text())) {
                String problem = problem(doc, target);
                if (problem != null) {
                    broken.add(doc.name() + ": (" + target + ") " + problem);
                }
            }
        }
        assertThat(broken).as("links in %s that do not resolve", Docs.FILES).isEmpty();
    }

    @Test
    void theDocsAreExactlyTheListedFiles() throws IOException {
        List<String> onDisk = new ArrayList<>(List.of("README.md"));
        try (Stream<Path> files = Files.list(Docs.ROOT.resolve("docs"))) {
            files.filter(f -> f.toString().endsWith(".md")).map(f -> "docs/" + f.getFileName()).sorted()
                    .forEach(onDisk::add);
        }
        assertThat(Docs.FILES).as("Docs.FILES lists README.md and every docs/*.md").containsExactlyInAnyOrderElementsOf(
                onDisk);
    }

    @Test
    void anchorsAreNamedAsGitHubNamesThem() {
        String text = """
                # trainctl
                ## Three places to train: `--on local|emulated|sagemaker`
                ### `trainctl policy show [trust|role|caller]`
                ### Before the role exists: `role check --trust-file FILE --policy-file FILE...`
                ### 5. The report: learning curves, confusion matrix, mistakes
                ```
                # not a heading
                ```
                ### Serving
                ### Serving
                """;

        assertThat(anchors(text)).containsExactly("trainctl", "three-places-to-train---on-localemulatedsagemaker",
                "trainctl-policy-show-trustrolecaller",
                "before-the-role-exists-role-check---trust-file-file---policy-file-file",
                "5-the-report-learning-curves-confusion-matrix-mistakes", "serving", "serving-1");
    }

    @Test
    void aLinkToAMissingFileOrHeadingIsReported() {
        Docs.Doc doc = new Docs.Doc("README.md", "## Quick start\n");

        assertThat(problem(doc, "#quick-start")).isNull();
        assertThat(problem(doc, "#quick-starts")).contains("no heading");
        assertThat(problem(doc, "docs/nowhere.md")).contains("no such file");
        assertThat(problem(doc, "docs/report/curves.png")).isNull();
    }

    /** The relative link targets of a text, outside code. */
    static List<String> links(String text) {
        List<String> targets = new ArrayList<>();
        Matcher link = LINK.matcher(CODE_SPAN.matcher(DocBlocks.prose(text)).replaceAll(""));
        while (link.find()) {
            String target = link.group(1);
            if (!target.matches("(?i)(https?|mailto):.*")) {
                targets.add(target);
            }
        }
        return targets;
    }

    /** Why a link from {@code doc} to {@code target} does not resolve, or null when it does. */
    static String problem(Docs.Doc doc, String target) {
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        Path from = Path.of(doc.name()).getParent();
        Path resolved = file.isEmpty() ? Path.of(doc.name()) : (from == null ? Path.of(file) : from.resolve(file))
                .normalize();
        if (resolved.startsWith("..")) {
            return "leaves the repository";
        }
        Path onDisk = Docs.ROOT.resolve(resolved);
        if (!Files.exists(onDisk)) {
            return "no such file: " + resolved;
        }
        if (anchor == null) {
            return null;
        }
        if (!resolved.toString().endsWith(".md")) {
            return "an anchor into a file that is not Markdown";
        }
        String text = resolved.toString().equals(doc.name()) ? doc.text() : read(onDisk);
        return anchors(text).contains(anchor) ? null : "no heading with anchor #" + anchor + " in " + resolved;
    }

    /** The anchors GitHub gives the headings of a Markdown text, in order. */
    static Set<String> anchors(String text) {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String line : DocBlocks.prose(text).lines().toList()) {
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                String slug = slug(heading.group(1));
                int count = seen.merge(slug, 1, Integer::sum) - 1;
                anchors.add(count == 0 ? slug : slug + "-" + count);
            }
        }
        return anchors;
    }

    /** GitHub's anchor for a heading: its text as rendered, lower case, punctuation dropped, each space a hyphen. */
    static String slug(String heading) {
        String rendered = heading.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1").replace("`", "").replace("*", "");
        return rendered.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}\\p{M} _-]", "").replace(' ', '-');
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
