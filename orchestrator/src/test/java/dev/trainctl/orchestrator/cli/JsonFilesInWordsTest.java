package dev.trainctl.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A JSON file the user gives or trainctl reads back is described in words, with line and column, never in Gson's. */
class JsonFilesInWordsTest {

    @TempDir
    Path temp;

    @Test
    void aModelJsonThatIsNotAnObjectSaysWhereAndWhat() throws Exception {
        Path model = Files.createDirectories(temp.resolve("model"));
        Files.writeString(model.resolve("model.json"), "\"a model\"");

        CliRun run = CliRun.of("evaluate", "--model", model.toString());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).startsWith("trainctl: " + model.resolve("model.json") + " is not valid JSON: line 1,"
                + " column 2: expected an object {...}, found a string");
        assertNoLibraryText(run.err());
    }

    @Test
    void aPolicyFileWithAMissingCommaSaysWhereAndWhat() throws Exception {
        Path policy = Files.writeString(temp.resolve("role.json"), "{\"Version\": \"2012-10-17\",\n \"Statement\":"
                + " [{\"Effect\": \"Allow\" \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}]}");

        for (String[] args : new String[][] {
            {"policy", "simulate", "--policy-file", policy.toString(), "--action", "s3:GetObject", "--resource",
                "arn:aws:s3:::b/k"},
            {"role", "check", "--trust-file", policy.toString(), "--policy-file", policy.toString()}}) {
            CliRun run = CliRun.of(args);

            assertThat(run.exitCode()).as(args[0]).isEqualTo(2);
            assertThat(run.err()).as(args[0]).contains("line 2, column 36 (at Statement[0].Effect): an object is not"
                    + " closed (a missing } or ,)");
            assertNoLibraryText(run.err());
        }
    }

    @Test
    void aDamagedCheckpointJsonSaysWhereAndWhat() throws Exception {
        Path checkpoints = Files.createDirectories(temp.resolve("checkpoints"));
        Files.writeString(checkpoints.resolve("checkpoint.json"), "{\"epoch\": 1, \"optimizerSteps\": ");

        CliRun run = CliRun.of("train", "--resume", "--model-dir", temp.resolve("model").toString(),
                "--checkpoint-dir", checkpoints.toString());

        assertThat(run.exitCode()).isIn(2, 3);
        assertNoLibraryText(run.err());
    }

    private static void assertNoLibraryText(String err) {
        assertThat(err).doesNotContain("Exception").doesNotContain("JsonReader").doesNotContain("https://")
                .doesNotContain("BEGIN_OBJECT").doesNotContain("gson");
    }
}
