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
                + " (link@, notes.txt, src/), so it is not a trainctl report directory");
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

    @Test
    void noOutputMayLieInsideAnotherTrainctlDirectoryOrBeOneOfAnotherKind() throws IOException {
        Path model = temp.resolve("model");
        Path checkpoints = temp.resolve("checkpoints");
        assertThat(CliRun.of("train", "--epochs", "1", "--max-train-samples", "300", "--model-dir", model.toString(),
                "--checkpoint-dir", checkpoints.toString()).exitCode()).isZero();
        Map<String, String> trained = snapshot(temp);

        CliRun insideCheckpoints = CliRun.of("train", "--model-dir", checkpoints.resolve("sub").toString(),
                "--checkpoint-dir", temp.resolve("other").toString());
        assertThat(insideCheckpoints.exitCode()).isEqualTo(2);
        assertThat(insideCheckpoints.err()).startsWith("trainctl: --model-dir " + checkpoints.resolve("sub")
                + " is inside " + checkpoints.toRealPath() + ", a trainctl checkpoint directory: trainctl replaces that"
                + " directory as a whole, so anything inside it would be lost; give a directory outside it (such as"
                + " --model-dir " + checkpoints.toRealPath().resolveSibling("checkpoints-model") + ")");

        CliRun reportInsideModel = CliRun.of("report", "--model", model.toString(), "--out",
                model.resolve("sub").toString());
        assertThat(reportInsideModel.exitCode()).isEqualTo(2);
        assertThat(reportInsideModel.err()).contains("is inside " + model.toRealPath() + ", a trainctl model directory");

        CliRun checkpointsAsModel = CliRun.of("train", "--model-dir", checkpoints.toString(), "--checkpoint-dir",
                temp.resolve("other").toString());
        assertThat(checkpointsAsModel.exitCode()).isEqualTo(2);
        assertThat(checkpointsAsModel.err()).startsWith("trainctl: --model-dir " + checkpoints + " is a trainctl"
                + " checkpoint directory, not a trainctl model directory: give a new directory (such as --model-dir "
                + checkpoints.toRealPath().resolveSibling("checkpoints-model") + ")");

        Path otherModel = Files.createDirectories(temp.resolve("model-b"));
        Files.copy(model.resolve("model.json"), otherModel.resolve("model.json"));
        CliRun intoOther = CliRun.of("report", "--model", model.toString(), "--out", otherModel.toString());
        assertThat(intoOther.exitCode()).isEqualTo(2);
        assertThat(intoOther.err()).contains("--out " + otherModel + " is a trainctl model directory, not a trainctl"
                + " report directory");
        Files.delete(otherModel.resolve("model.json"));
        Files.delete(otherModel);
        assertThat(snapshot(temp)).isEqualTo(trained);
    }

    @Test
    void aLockedDirectorysInsideIsRefusedWhileItsRunLasts() throws IOException {
        Path running = temp.resolve("running");
        try (DirectoryLock other = DirectoryLock.acquire(running, "trainctl train --epochs 5")) {
            CliRun run = CliRun.of("train", "--model-dir", running.resolve("model").toString(), "--checkpoint-dir",
                    temp.resolve("checkpoints").toString());

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("is inside " + temp.toRealPath().resolve("running") + ", a directory"
                    + " another trainctl run is writing (process " + ProcessHandle.current().pid());
        }
        assertThat(temp.resolve("checkpoints")).doesNotExist();
    }

    @Test
    void aLinkToADirectoryNotMadeYetCannotHideAnOverlap() throws IOException {
        Files.createSymbolicLink(temp.resolve("dl"), temp.resolve("target"));

        CliRun run = CliRun.of("train", "--model-dir", temp.resolve("target/m").toString(), "--checkpoint-dir",
                temp.resolve("dl/m/c").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("overlap (one directory, or one inside the other)");
        assertThat(temp.resolve("target")).doesNotExist();
    }

    @Test
    void aDamagedModelJsonIsNamedAsSuchNotAsForeignFiles() throws IOException {
        Path damaged = Files.createDirectories(temp.resolve("damaged"));
        Files.writeString(damaged.resolve("model.json"), "{\"format\": ");
        Files.writeString(damaged.resolve("metrics.json"), "{}");

        CliRun run = CliRun.of("train", "--model-dir", damaged.toString(), "--checkpoint-dir",
                temp.resolve("checkpoints").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(damaged + " holds metrics.json, model.json but is not a trainctl model"
                + " directory: " + damaged.resolve("model.json") + " is not valid JSON")
                .doesNotContain("did not write");
    }

    @Test
    void anEmptyPathOrAFileOnTheWayIsRefusedInWords() throws IOException {
        CliRun empty = CliRun.of("train", "--model-dir", "", "--checkpoint-dir", temp.resolve("c").toString());
        assertThat(empty.exitCode()).isEqualTo(2);
        assertThat(empty.err()).startsWith("trainctl: --model-dir is empty: give a directory (\".\" for this one)");

        Path file = Files.writeString(temp.resolve("trainctl-output"), "a file");
        CliRun below = CliRun.of("train", "--model-dir", file.resolve("model").toString(), "--checkpoint-dir",
                temp.resolve("c").toString());
        assertThat(below.exitCode()).isEqualTo(3);
        assertThat(below.err()).isEqualTo("trainctl: --model-dir " + file.resolve("model") + ": " + file + " is a file,"
                + " not a directory; choose another directory, or move that file\n");
        assertThat(temp.resolve("c")).doesNotExist();
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
