package dev.trainctl.orchestrator.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainctl.orchestrator.Commands;
import dev.trainctl.orchestrator.cli.Command;
import org.junit.jupiter.api.Test;

/** docs/reference.md's list of repeatable options is every command's, as each declares them in its option rules. */
class DocRepeatableOptionsTest {

    @Test
    void theReferenceListsEveryRepeatableOptionWithItsCommand() {
        String text = Docs.all().stream().filter(d -> d.name().equals("docs/reference.md")).findFirst().orElseThrow()
                .text().replaceAll("\\s+", " ");
        int start = text.indexOf("(other than the few documented as repeatable:");
        assertThat(start).as("the repeatable list in docs/reference.md").isPositive();
        String list = text.substring(start, text.indexOf("where every value counts", start));
        for (Command command : Commands.all()) {
            String path = String.join(" ", command.path());
            for (String option : command.rules().repeatableOptions()) {
                assertThat(list).as(path + " --" + option).contains("--" + option).contains(path);
            }
        }
    }
}
