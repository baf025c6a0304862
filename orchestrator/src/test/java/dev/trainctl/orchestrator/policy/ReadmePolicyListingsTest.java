package dev.trainctl.orchestrator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainctl.orchestrator.docs.Docs;
import dev.trainctl.orchestrator.fakes.Cli;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every {@code $ trainctl policy show ...} example in the docs ({@link Docs}) is what the command prints today. An example may
 * stop early with {@code ... (N more statements, as explained above)}; then N must be the number left out.
 */
class ReadmePolicyListingsTest {

    private static final Pattern MORE = Pattern.compile("^ *\\.\\.\\. \\((\\d+) more statements, as explained above\\)$");

    record Example(String file, int line, String command, List<String> shown) {}

    @Test
    void everyPolicyShowExampleInTheReadmeIsTheCommandsOutput() throws IOException {
        List<Example> examples = new ArrayList<>();
        Docs.all().forEach(doc -> examples.addAll(examples(doc)));
        assertThat(examples).extracting(e -> e.command().split(" ")[4])
                .contains("trust", "role", "caller", "provisioner", "rolecheck");

        for (Example example : examples) {
            Cli cli = new Cli();
            String[] args = example.command().substring("$ trainctl ".length()).split(" ");
            assertThat(cli.run(new PolicyShowCommand(), args)).as(example.command()).isZero();
            List<String> printed = new ArrayList<>(Arrays.asList(cli.out.split("\n")));
            List<String> shown = example.shown();
            Matcher more = MORE.matcher(shown.isEmpty() ? "" : shown.get(shown.size() - 1));
            if (more.matches()) {
                List<String> head = shown.subList(0, shown.size() - 1);
                assertThat(printed.subList(0, Math.min(head.size(), printed.size())))
                        .as("%s line %d: %s", example.file(), example.line(), example.command()).isEqualTo(head);
                long left = printed.subList(head.size(), printed.size()).stream()
                        .filter(l -> l.startsWith("      \"Sid\": ")).count();
                assertThat(left).as("%s line %d: statements left out", example.file(), example.line())
                        .isEqualTo(Long.parseLong(more.group(1)));
            } else {
                assertThat(printed.stream().filter(l -> !l.isEmpty()).toList())
                        .as("%s line %d: %s", example.file(), example.line(), example.command()).isEqualTo(shown);
            }
        }
    }

    private static List<Example> examples(Docs.Doc doc) {
        List<String> readme = doc.lines();
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i + 1 < readme.size(); i++) {
            if (readme.get(i).startsWith("```") && readme.get(i + 1).startsWith("$ trainctl policy show ")) {
                int end = i + 2;
                while (!readme.get(end).startsWith("```")) {
                    end++;
                }
                examples.add(new Example(doc.name(), i + 2, readme.get(i + 1), readme.subList(i + 2, end)));
                i = end;
            }
        }
        return examples;
    }
}
