package dev.trainctl.orchestrator.outputs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainctl.orchestrator.cli.CliRun;
import dev.trainctl.training.files.DirectoryLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * trainctl deletes or replaces only what it wrote: every directory a command writes into (train's --model-dir and
 * --checkpoint-dir, report's --out) that holds anything else is refused before any data is read, with exit code 2,
 * and every file the user had there survives, a planted symbolic link and what it points to included.
 */
class UserFilesSurviveTest {

    @TempDir
    Path temp;
    private Path project;
    private Path precious;
    private Map<String, String> before;

    /** A project directory: notes, a source tree, and a symbolic link to a file outside it. */
    @BeforeEach
    void plantUserFiles() throws IOException {
        project = Files.createDirectories(temp.resolve("project"));
        Files.writeString(project.resolve("notes.txt"), "my notes");
        Files.writeString(Files.createDirectories(project.resolve("src")).resolve("Main.java"), "class Main {}");
        precious = Files.writeString(temp.resolve("precious.txt"), "outside");
        Files.createSymbolicLink(project.resolve("link"), precious);
        before = snapshot(temp);
    }

    @Test
    void aModelDirHoldingUserFilesIsRefusedBeforeTrainingAndKeptWhole() throws IOException {
        CliRun run = CliRun.of("train", "--epochs", "1", "--max-train-samples", "500", "--model-dir",
                project.toString(), "--checkpoint-dir", temp.resolve("checkpoints").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("trainctl: --model-dir " + project + " holds files trainctl did not write"
                + " (link@, notes.txt, src/), so it is not a trainctl model directory; trainctl replaces what is in the"
                + " directories it writes, so it uses only one that is absent, empty or its own: give a new directory"
                + " (such as --model-dir " + project.resolve("model") + ") or move those files elsewhere\n");
        assertThat(run.out()).doesNotContain("training");
        assertUserFilesSurvive();
    }

    @Test
    void aCheckpointDirHoldingUserFilesIsRefusedAndKeptWhole() throws IOException {
        CliRun run = CliRun.of("train", "--epochs", "1", "--model-dir", temp.resolve("model").toString(),
                "--checkpoint-dir", project.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("trainctl: --checkpoint-dir " + project + " holds files trainctl did not"
                + " write (link@, notes.txt, src/), so it is not a trainctl checkpoint directory");
        assertUserFilesSurvive();
    }

    @Test
    void aParentOfOtherRunsIsRefusedAsAModelDir() throws IOException {
        Path runs = temp.resolve("trainctl-output");
        for (String run : new String[] {"run1", "run2"}) {
            assertThat(CliRun.of("train", "--epochs", "1", "--max-train-samples", "300", "--model-dir",
                    runs.resolve(run).toString(), "--checkpoint-dir", temp.resolve("ck-" + run).toString())
                    .exitCode()).isZero();
        }
        Map<String, String> runsBefore = snapshot(runs);

        CliRun run = CliRun.of("train", "--epochs", "1", "--model-dir", runs.toString(), "--checkpoint-dir",
                temp.resolve("ck").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("holds files trainctl did not write (.run1.trainctl-lock, .run2.trainctl-lock,"
                + " run1/, run2/)");
        assertThat(snapshot(runs)).isEqualTo(runsBefore);
    }

    @Test
    void anotherToolsModelJsonIsNotTakenForATrainctlModel() throws IOException {
        Path other = Files.createDirectories(temp.resolve("keras-model"));
        Files.writeString(other.resolve("model.json"), "{\"format\": \"keras\", \"layers\": []}");

        CliRun run = CliRun.of("train", "--epochs", "1", "--model-dir", other.toString(), "--checkpoint-dir",
                temp.resolve("checkpoints").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(other + " holds model.json but is not a trainctl model directory");
        assertThat(Files.readString(other.resolve("model.json"))).contains("keras");
    }

    @Test
    void aReportOutHoldingUserFilesIsRefusedBeforeTheModelIsRead() throws IOException {
        CliRun run = CliRun.of("report", "--model", temp.resolve("no-model").toString(), "--out", project.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("trainctl: --out " + project + " holds files trainctl did not write"
                + " (link@, notes.txt, src/), so it is not a trainctl model directory or a trainctl report directory");
        assertUserFilesSurvive();
    }

    @Test
    void equalOrNestedModelAndCheckpointDirsAreRefused() {
        for (String[] dirs : new String[][] {{"d", "d"}, {"d", "d/checkpoints"}, {"d/model", "d"}}) {
            CliRun run = CliRun.of("train", "--model-dir", temp.resolve(dirs[0]).toString(), "--checkpoint-dir",
                    temp.resolve(dirs[1]).toString());

            assertThat(run.exitCode()).as(String.join(" ", dirs)).isEqualTo(2);
            assertThat(run.err()).contains("overlap (one directory, or one inside the other)")
                    .contains("give them separate directories");
        }
        assertThat(temp.resolve("d")).doesNotExist();
    }

    @Test
    void aModelDirInsideTheDataDirIsRefused() {
        CliRun run = CliRun.of("train", "--data-dir", project.toString(), "--model-dir",
                project.resolve("model").toString(), "--checkpoint-dir", temp.resolve("checkpoints").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--model-dir " + project.resolve("model") + " and --data-dir " + project
                + " overlap");
    }

    @Test
    void aModelDirLockedByAnotherRunIsRefusedNamingTheProcess() throws IOException {
        Path model = temp.resolve("model");
        try (DirectoryLock other = DirectoryLock.acquire(model, "trainctl train --epochs 5")) {
            CliRun run = CliRun.of("train", "--epochs", "1", "--model-dir", model.toString(), "--checkpoint-dir",
                    temp.resolve("checkpoints").toString());

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).startsWith("trainctl: --model-dir " + model + " is in use by another trainctl run"
                    + " (process " + ProcessHandle.current().pid() + ", this one, trainctl train --epochs 5, since ")
                    .contains("wait for it to finish, or give another directory");
        }
        assertThat(model).doesNotExist();
    }

    private void assertUserFilesSurvive() throws IOException {
        assertThat(snapshot(temp)).isEqualTo(before);
        assertThat(Files.readString(precious)).isEqualTo("outside");
        assertThat(Files.readSymbolicLink(project.resolve("link"))).isEqualTo(precious);
    }

    /** Every path under {@code root} with its content (files), target (links) or "dir". */
    static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.toList()) {
                String key = root.relativize(path).toString();
                if (Files.isSymbolicLink(path)) {
                    files.put(key, "-> " + Files.readSymbolicLink(path));
                } else if (Files.isDirectory(path)) {
                    files.put(key, "dir");
                } else {
                    files.put(key, Files.readString(path, java.nio.charset.StandardCharsets.ISO_8859_1));
                }
            }
        }
        return files;
    }
}
