package dev.trainctl.orchestrator.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainctl.orchestrator.Commands;
import dev.trainctl.orchestrator.cli.Command;
import dev.trainctl.orchestrator.cli.CommandLineInterface;
import dev.trainctl.orchestrator.cli.ExitCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.commons.cli.Option;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Nothing is lost when the docs move: the inventory ({@link DocsInventory}) of the README as it was before the split
 * into docs/ is a golden file, and the README with the chapters must still document every item of it. And the docs
 * cover the CLI itself: every command, mode and option it defines, and every exit code.
 */
class DocsInventoryTest {

    static final Path GOLDEN = Path.of("src", "test", "resources", "docs-inventory.txt");

    /** Items of the golden inventory that were renamed on purpose since, with what they are now. */
    private static final Map<String, String> RENAMED = Map.of(
            "test: ReadmeExamplesTest", "test: DocExamplesTest",
            "test: ReadmeCoverageTest", "test: DocCoverageTest");

    @Test
    void theDocsStillDocumentEverythingTheReadmeDidBeforeTheSplit() throws IOException {
        SortedSet<String> now = DocsInventory.of(Docs.all());
        List<String> lost = new ArrayList<>();
        for (String item : golden()) {
            if (!now.contains(RENAMED.getOrDefault(item, item))) {
                lost.add(item);
            }
        }
        assertThat(lost).as("items of %s that no file of %s documents any more", GOLDEN, Docs.FILES).isEmpty();
    }

    @Test
    void everyCommandAndModeOfTheCliIsDocumented() {
        SortedSet<String> documented = DocsInventory.of(Docs.all());
        List<String> missing = new ArrayList<>();
        for (Command command : Commands.all()) {
            String path = String.join(" ", command.path());
            if (!documented.contains("command: " + path)) {
                missing.add("command: " + path);
            }
            command.rules().modeOption().ifPresent(option -> command.rules().modes().stream()
                    .map(mode -> "command: " + path + " --" + option + " " + mode)
                    .filter(mode -> !documented.contains(mode)).forEach(missing::add));
        }
        assertThat(missing).as("commands and modes of the CLI that the docs never show").isEmpty();
    }

    @Test
    void everyOptionOfTheCliIsDocumented() {
        SortedSet<String> documented = DocsInventory.of(Docs.all());
        List<String> missing = new ArrayList<>();
        List<Option> options = new ArrayList<>(CommandLineInterface.globalOptionNames());
        for (Command command : Commands.all()) {
            for (Option option : command.options().getOptions()) {
                options.add(option);
                if (option.getLongOpt() != null && !documented.contains("option: --" + option.getLongOpt())) {
                    missing.add(String.join(" ", command.path()) + " --" + option.getLongOpt());
                }
            }
        }
        CommandLineInterface.globalOptionNames().stream().filter(option -> option.getLongOpt() != null)
                .filter(option -> !documented.contains("option: --" + option.getLongOpt()))
                .forEach(option -> missing.add("--" + option.getLongOpt()));
        assertThat(options).allMatch(option -> option.getLongOpt() != null, "every option has a long name");
        assertThat(missing).as("options of the CLI that the docs never name").isEmpty();
    }

    @Test
    void theExitCodeTableListsExactlyTheCliExitCodes() {
        SortedSet<String> inTable = new TreeSet<>(DocsInventory.of(Docs.all()).stream()
                .filter(item -> item.startsWith("exit code: ")).toList());

        assertThat(inTable).containsExactlyInAnyOrderElementsOf(Arrays.stream(ExitCode.values())
                .map(code -> "exit code: " + code.code()).toList());
    }

    @Test
    void theInventoryNamesCommandsWithTheirAlternativesModesAndDocuments() {
        List<Docs.Doc> doc = List.of(new Docs.Doc("x.md", """
                Run `trainctl --region eu-west-1 tune --on emulated` and `jobs status\\|wait JOB`; see
                [the chapter](other.md#--on-emulated) and `trainctl policy show [trust|caller]`.

                ```
                $ scripts/trainctl train --on local|emulated --epochs 2
                trainctl entry point: root /opt/ml
                ```
                """));

        assertThat(DocsInventory.of(doc)).filteredOn(item -> item.startsWith("command: ")).containsExactly(
                "command: jobs status", "command: jobs wait", "command: policy show", "command: policy show caller",
                "command: policy show trust", "command: train", "command: train --on emulated",
                "command: train --on local", "command: tune", "command: tune --on emulated");
        assertThat(DocsInventory.of(doc)).filteredOn(item -> item.startsWith("option: ")).containsExactly(
                "option: --epochs", "option: --on", "option: --region");
    }

    /**
     * Writes the inventory of the files named by {@code -Ddocs.inventory.from=FILE,...} (default: the docs as they
     * are) to {@code -Ddocs.inventory.write=FILE}. Run only when asked, to make the golden file:
     * {@code ./mvnw -B -o -q test -pl training,orchestrator -am -Dtest=DocsInventoryTest
     * -Dsurefire.failIfNoSpecifiedTests=false -Ddocs.inventory.from=/tmp/README.md
     * -Ddocs.inventory.write=src/test/resources/docs-inventory.txt}.
     */
    @Test
    @EnabledIfSystemProperty(named = "docs.inventory.write", matches = ".+")
    void writeTheInventory() throws IOException {
        String from = System.getProperty("docs.inventory.from", "");
        List<Docs.Doc> docs = from.isEmpty() ? Docs.all()
                : Docs.read(Arrays.stream(from.split(",")).map(Path::of).toList());
        StringBuilder text = new StringBuilder("# What the docs document (DocsInventory), one item a line. Generated by"
                + " DocsInventoryTest.writeTheInventory\n# from " + System.getProperty("docs.inventory.source",
                        String.join(", ", docs.stream().map(Docs.Doc::name).toList())) + ".\n");
        DocsInventory.of(docs).forEach(item -> text.append(item).append('\n'));
        Files.writeString(Path.of(System.getProperty("docs.inventory.write")), text.toString(), StandardCharsets.UTF_8);
    }

    private static List<String> golden() throws IOException {
        return Files.readAllLines(GOLDEN, StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
    }
}
