package dev.trainctl.orchestrator.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fenced code blocks of the documentation ({@link Docs}), and the marked ones among them.
 * {@code <!-- example: NAME -->} before a fenced block: the block is exactly what a test produces
 * ({@link DocExamplesTest}). {@code <!-- format: NAME -->}: the block shows the format of an output whose numbers
 * depend on the model; {@link #matchesFormat} checks it (a line {@code ...} stands for lines left out). A name is
 * unique across all the files ({@link DocCoverageTest}).
 */
public final class DocBlocks {

    private static final Pattern MARKER = Pattern.compile("<!-- (example|format): ([a-z0-9-]+) -->");

    private DocBlocks() {}

    /**
     * One fenced block: the file, the line of its first body line (1-based), its marker's kind and name (null when
     * unmarked) and its body, each line ending in a newline.
     */
    public record Block(String file, int line, String kind, String name, String body) {
        /** Where the block is, for messages: {@code docs/iam.md line 120}. */
        public String where() {
            return file + " line " + line;
        }
    }

    /** Every fenced block of every documentation file, in order. */
    public static List<Block> all() {
        List<Block> blocks = new ArrayList<>();
        Docs.all().forEach(doc -> blocks.addAll(of(doc)));
        return blocks;
    }

    /** The fenced blocks of one file (a fence may be indented, as inside a list item). */
    static List<Block> of(Docs.Doc doc) {
        List<String> lines = doc.lines();
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!isFence(lines.get(i))) {
                continue;
            }
            int end = i + 1;
            while (end < lines.size() && !isFence(lines.get(end))) {
                end++;
            }
            Matcher marked = i > 0 ? MARKER.matcher(lines.get(i - 1).strip()) : null;
            boolean isMarked = marked != null && marked.matches();
            StringBuilder body = new StringBuilder();
            lines.subList(i + 1, Math.min(end, lines.size())).forEach(line -> body.append(line).append('\n'));
            blocks.add(new Block(doc.name(), i + 2, isMarked ? marked.group(1) : null,
                    isMarked ? marked.group(2) : null, body.toString()));
            i = end;
        }
        return blocks;
    }

    /** The text with the lines of every fenced block, fences included, blanked: its prose, line for line. */
    static String prose(String text) {
        StringBuilder prose = new StringBuilder();
        boolean fenced = false;
        for (String line : text.lines().toList()) {
            boolean fence = isFence(line);
            prose.append(fenced || fence ? "" : line).append('\n');
            fenced ^= fence;
        }
        return prose.toString();
    }

    /** Whether a line opens or closes a fenced block. */
    static boolean isFence(String line) {
        return line.stripLeading().startsWith("```");
    }

    /** Marked blocks of one kind ({@code example} or {@code format}), by name (the first where a name repeats). */
    public static Map<String, String> marked(String kind) {
        Map<String, String> blocks = new TreeMap<>();
        for (Block block : all()) {
            if (kind.equals(block.kind())) {
                blocks.putIfAbsent(block.name(), block.body());
            }
        }
        return blocks;
    }

    /**
     * Whether every line of {@code format} but {@code ...} matches a line of {@code output}, in order, where any
     * number may stand for any number, any run of spaces for any run (trailing ones ignored), a bar of {@code #} for
     * any bar, and {@code ...} inside a line for any text (a temporary path, a port, a hash left out).
     */
    public static boolean matchesFormat(String format, String output) {
        List<String> lines = output.lines().map(String::stripTrailing).toList();
        int next = 0;
        for (String line : format.lines().toList()) {
            if (line.trim().equals("...")) {
                continue;
            }
            Pattern pattern = Pattern.compile(toPattern(line.stripTrailing()));
            while (next < lines.size() && !pattern.matcher(lines.get(next)).matches()) {
                next++;
            }
            if (next == lines.size()) {
                return false;
            }
            next++;
        }
        return true;
    }

    /**
     * Asserts that the docs' {@code <!-- format: NAME -->} block matches {@code output}, after writing the output
     * to target/readme-outputs/NAME.txt (to paste from when a change is meant).
     */
    public static void assertFormat(String name, String output) {
        assertFormat(name, output, UnaryOperator.identity());
    }

    /**
     * {@link #assertFormat(String, String)} after {@code normalise} is applied to both the block and the output: for a
     * part of the output that a test cannot steer (where a Ctrl-C lands), which another assertion checks.
     */
    public static void assertFormat(String name, String output, UnaryOperator<String> normalise) {
        try {
            Path out = Files.createDirectories(Path.of("target", "readme-outputs"));
            Files.writeString(out.resolve(name + ".txt"), output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String format = marked("format").get(name);
        org.assertj.core.api.Assertions.assertThat(format).as("the docs have a block after <!-- format: %s -->", name)
                .isNotNull();
        org.assertj.core.api.Assertions.assertThat(matchesFormat(normalise.apply(format), normalise.apply(output)))
                .as("docs block '%s' (format) vs target/readme-outputs/%s.txt:%n%s", name, name, output).isTrue();
    }

    private static String toPattern(String line) {
        StringBuilder pattern = new StringBuilder();
        Matcher token = Pattern.compile("\\.\\.\\.|\\d+(?:\\.\\d+)?| +|#+|(?:(?!\\.\\.\\.)[^\\d #])+").matcher(line);
        while (token.find()) {
            String text = token.group();
            if (text.equals("...")) {
                pattern.append(".*");
            } else if (Character.isDigit(text.charAt(0))) {
                pattern.append("\\d+(?:\\.\\d+)?");
            } else if (text.startsWith(" ")) {
                pattern.append(" +");
            } else if (text.startsWith("#")) {
                pattern.append("#*");
            } else {
                pattern.append(Pattern.quote(text));
            }
        }
        return pattern.toString();
    }
}
