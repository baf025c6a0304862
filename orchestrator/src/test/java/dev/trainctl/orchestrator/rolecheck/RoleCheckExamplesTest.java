package dev.trainctl.orchestrator.rolecheck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainctl.orchestrator.docs.Docs;
import dev.trainctl.orchestrator.roles.PolicyDocument;
import dev.trainctl.orchestrator.roles.RoleArn;
import dev.trainctl.orchestrator.roles.RoleDocuments;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The two examples in the docs' section "Check a role" ({@link Docs}): the real command run on a good role (the one trainctl provisions) and a bad
 * one (no confused-deputy guard, AmazonSageMakerFullAccess attached). IAM is the recording fake, whose simulator
 * decides from the documents shown (the iam PolicyEvaluator). The output is written to target/rolecheck-examples/ so the
 * doc can be refreshed from it.
 */
class RoleCheckExamplesTest {

    static final String BAD_ROLE = "arn:aws:iam::111122223333:role/team-sagemaker-role";

    @Test
    void goodRoleExample() throws IOException {
        RoleCheckCommandTest.Run run = RoleCheckCommandTest.run(Corpus.iam(Corpus.ours()),
                "role", "check", "--role-arn", RoleCheckCommandTest.ROLE_ARN);

        write("good.txt", "$ trainctl role check --role-arn " + RoleCheckCommandTest.ROLE_ARN, run);
        assertDocsShow("$ trainctl role check --role-arn " + RoleCheckCommandTest.ROLE_ARN, run);
        Path dir = Path.of("target", "rolecheck-examples");
        Files.writeString(dir.resolve("good-trust.json"), pretty(Corpus.oursTrust().json()), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("good-permissions.json"), pretty(Corpus.oursPermissions().json()),
                StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("caller.json"), pretty(Corpus.callerPolicy().json()), StandardCharsets.UTF_8);
        assertThat(run.code()).isZero();
    }

    @Test
    void badRoleExample() throws IOException {
        RoleDocuments bad = new RoleDocuments(RoleArn.parse(BAD_ROLE),
                PolicyDocument.trust(Corpus.read("trust-no-conditions.json")),
                List.of(Corpus.sageMakerFullAccess()), Optional.empty());
        RoleCheckCommandTest.Run run = RoleCheckCommandTest.run(Corpus.iam(bad), "role", "check", "--role-arn",
                BAD_ROLE);

        write("bad.txt", "$ trainctl role check --role-arn " + BAD_ROLE, run);
        assertDocsShow("$ trainctl role check --role-arn " + BAD_ROLE, run);
        assertThat(run.code()).isEqualTo(11);
    }

    /**
     * The docs' example of this command is its output, trimmed: every line not starting with {@code ...} is an
     * output line, in order.
     */
    static void assertDocsShow(String command, RoleCheckCommandTest.Run run) {
        Docs.Doc doc = Docs.withLine(command).orElseThrow(() -> new AssertionError("no example of " + command
                + " in the docs"));
        List<String> readme = doc.lines();
        int start = readme.indexOf(command);
        List<String> output = (run.out() + run.err() + "$ echo $?\n" + run.code()).lines().toList();
        int at = 0;
        for (int i = start + 1; !readme.get(i).startsWith("```"); i++) {
            String line = readme.get(i);
            if (line.stripLeading().startsWith("...")) {
                continue;
            }
            int found = output.subList(at, output.size()).indexOf(line);
            assertThat(found).as("%s line %d is not in the output (after output line %d): %s", doc.name(), i + 1, at,
                    line)
                    .isNotNegative();
            at += found + 1;
        }
    }

    private static String pretty(String json) {
        return dev.trainctl.orchestrator.cli.Console.gson().toJson(com.google.gson.JsonParser.parseString(json)) + "\n";
    }

    private static void write(String file, String command, RoleCheckCommandTest.Run run) throws IOException {
        Path dir = Path.of("target", "rolecheck-examples");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(file), command + "\n" + run.out() + run.err() + "$ echo $?\n" + run.code()
                + "\n", StandardCharsets.UTF_8);
    }
}
