package dev.trainctl.orchestrator.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainctl.orchestrator.Commands;
import dev.trainctl.orchestrator.cli.Command;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README is the short way in: at most 500 lines, the two quick-start commands (the second the test command CI
 * runs), a row for every command that links to its chapter, and a link to every chapter.
 */
class ReadmeTest {

    private static final Pattern COMMAND_ROW = Pattern.compile("^\\| `([^`]+)` \\|.*\\]\\((docs/[a-z-]+\\.md)[^)]*\\) \\|$");

    private static Docs.Doc readme() {
        return Docs.all().get(0);
    }

    @Test
    void theReadmeIsAtMost500Lines() {
        assertThat(readme().name()).isEqualTo("README.md");
        assertThat(readme().lines()).hasSizeLessThanOrEqualTo(500);
    }

    @Test
    void theQuickStartIsTheTwoCommandsAndCiRunsTheSecond() throws IOException {
        String quickStart = readme().text().substring(readme().text().indexOf("## Quick start"));

        assertThat(quickStart).contains("```sh\nscripts/trainctl train --on local ", "\n./mvnw -B verify ");
        List<String> ci = Files.readAllLines(Docs.ROOT.resolve(".ci/run"), StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
        assertThat(ci.get(ci.size() - 1)).isEqualTo("./mvnw -B verify");
    }

    @Test
    void theCommandTableHasARowForEveryCommandThatLinksToItsChapter() {
        List<String> rows = new ArrayList<>();
        for (String line : readme().lines()) {
            Matcher row = COMMAND_ROW.matcher(line);
            if (row.matches()) {
                rows.add(row.group(1));
            }
        }
        List<String> missing = new ArrayList<>();
        for (Command command : Commands.all()) {
            String path = String.join(" ", command.path());
            if (!rows.contains(path)) {
                missing.add(path);
            }
        }
        assertThat(missing).as("commands without a row `COMMAND` | ... | [chapter](docs/...) | in the README").isEmpty();
    }

    @Test
    void theReadmeLinksEveryChapter() {
        List<String> unlinked = Docs.FILES.stream().filter(file -> file.startsWith("docs/"))
                .filter(file -> !readme().text().contains("](" + file + ")")).toList();

        assertThat(unlinked).as("chapters the README's 'Where to go next' does not link").isEmpty();
    }
}
