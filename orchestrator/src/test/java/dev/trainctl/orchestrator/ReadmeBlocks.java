package dev.trainctl.orchestrator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The README's marked code blocks. {@code <!-- example: NAME -->} before a fenced block: the block is exactly what a
 * test produces ({@link ReadmeExamplesTest}). {@code <!-- format: NAME -->}: the block shows the format of an output
 * whose numbers depend on the model; {@link #matchesFormat} checks it (a line {@code ...} stands for lines left out).
 */
public final class ReadmeBlocks {

    static final Path README = Path.of("..", "README.md");

    private ReadmeBlocks() {}

    /** Marked blocks of one kind ({@code example} or {@code format}), by name. */
    public static Map<String, String> marked(String kind) {
        Pattern marked = Pattern.compile("<!-- " + kind + ": ([a-z0-9-]+) -->\\n```[a-z]*\\n(.*?)```", Pattern.DOTALL);
        Map<String, String> blocks = new TreeMap<>();
        try {
            Matcher block = marked.matcher(Files.readString(README, StandardCharsets.UTF_8));
            while (block.find()) {
                blocks.put(block.group(1), block.group(2));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
     * Asserts that the README's {@code <!-- format: NAME -->} block matches {@code output}, after writing the output
     * to target/readme-outputs/NAME.txt (to paste from when a change is meant).
     */
    public static void assertFormat(String name, String output) {
        assertFormat(name, output, java.util.function.UnaryOperator.identity());
    }

    /**
     * {@link #assertFormat(String, String)} after {@code normalise} is applied to both the block and the output: for a
     * part of the output that a test cannot steer (where a Ctrl-C lands), which another assertion checks.
     */
    public static void assertFormat(String name, String output, java.util.function.UnaryOperator<String> normalise) {
        try {
            Path out = Files.createDirectories(Path.of("target", "readme-outputs"));
            Files.writeString(out.resolve(name + ".txt"), output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String format = marked("format").get(name);
        org.assertj.core.api.Assertions.assertThat(format).as("README has a block after <!-- format: %s -->", name)
                .isNotNull();
        org.assertj.core.api.Assertions.assertThat(matchesFormat(normalise.apply(format), normalise.apply(output)))
                .as("README block '%s' (format) vs target/readme-outputs/%s.txt:%n%s", name, name, output).isTrue();
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
