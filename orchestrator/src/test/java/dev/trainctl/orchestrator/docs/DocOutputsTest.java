package dev.trainctl.orchestrator.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.trainctl.orchestrator.cli.CliRun;
import dev.trainctl.training.engine.EngineInfo;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * The docs' {@code <!-- format: NAME -->} blocks of offline commands, each run here as the docs run it (on
 * fewer images, so the figures differ: a format block's numbers stand for any number). A command line in the block
 * ({@code $ trainctl ...}) is part of what is checked; paths in a temporary directory are shown as the docs'.
 */
class DocOutputsTest {

    @TempDir
    static Path temp;
    private static String model;
    private static String checkpoints;

    /** The quick start's five epochs, on 500 images, into a model directory shown as trainctl-output/model. */
    private static CliRun quickStart;

    @BeforeAll
    static void trainFiveEpochs() {
        model = temp.resolve("model").toString();
        checkpoints = temp.resolve("checkpoints").toString();
        quickStart = train("--epochs", "5");
        assertThat(quickStart.exitCode()).as(quickStart.err()).isZero();
    }

    private static CliRun train(String... options) {
        String[] args = new String[options.length + 7];
        System.arraycopy(new String[] {"train", "--max-train-samples", "500", "--model-dir", model,
            "--checkpoint-dir", checkpoints}, 0, args, 0, 7);
        System.arraycopy(options, 0, args, 7, options.length);
        return CliRun.interleaved(args);
    }

    /** The output as the docs show it: stdout then stderr, the temporary paths as trainctl-output/. */
    private static String shown(CliRun run) {
        return (run.out() + run.err()).replace(model, "trainctl-output/model")
                .replace(checkpoints, "trainctl-output/checkpoints").replace(temp.toString(), "trainctl-output");
    }

    private static String session(String command, CliRun run) {
        return "$ " + command + "\n" + shown(run);
    }

    @Test
    void quickStart() {
        DocBlocks.assertFormat("quick-start", shown(quickStart));
    }

    @Test
    void resumeTrainsLonger() {
        CliRun resumed = train("--epochs", "6", "--resume");

        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        DocBlocks.assertFormat("resume", shown(resumed));
    }

    @Test
    void twoSeedsCompared() {
        String seed7 = temp.resolve("seed7").toString();
        CliRun trained = CliRun.interleaved("train", "--max-train-samples", "500", "--seed", "7", "--model-dir", seed7,
                "--checkpoint-dir", temp.resolve("ckpt7").toString());
        CliRun compared = CliRun.interleaved("report", "--model", model, "--compare", seed7, "--out",
                temp.resolve("report").toString());

        assertThat(compared.exitCode()).as(compared.err()).isZero();
        DocBlocks.assertFormat("seed-compare", session("trainctl train --seed 7 --model-dir trainctl-output/seed7"
                + " --checkpoint-dir trainctl-output/ckpt7", trained) + session("trainctl report --model"
                + " trainctl-output/model --compare trainctl-output/seed7", compared));
    }

    @Test
    void tuneDryRunWithoutCredentials() {
        assumeTrue(noCredentials(), "this machine has AWS credentials; the docs show a run without");
        CliRun run = CliRun.interleaved("--region", "eu-west-1", "tune", "--on", "sagemaker", "--dry-run", "--learning-rate",
                "0.0001:0.01", "--hidden-size", "64,128,256", "--epochs", "3", "--max-jobs", "12", "--max-parallel",
                "3");

        assertThat(run.exitCode()).as(run.err()).isZero();
        DocBlocks.assertFormat("tune-dry-run", session("trainctl --region eu-west-1 tune --on sagemaker --dry-run"
                + " --learning-rate 0.0001:0.01 --hidden-size 64,128,256 --epochs 3 --max-jobs 12 --max-parallel 3",
                run));
    }

    @Test
    void gpuOnAMachineWithoutOne() {
        assumeTrue(EngineInfo.current().gpuCount() == 0, "this machine has a GPU");
        CliRun run = CliRun.interleaved("train", "--device", "gpu", "--model-dir", temp.resolve("gpu").toString(),
                "--checkpoint-dir", temp.resolve("gpu-checkpoints").toString(), "--max-train-samples", "100");

        assertThat(run.exitCode()).isEqualTo(4);
        DocBlocks.assertFormat("no-gpu", run.out());
    }

    @Test
    void roleCheckOnFilesBeforeTheRoleExists() throws Exception {
        assumeTrue(noCredentials(), "this machine has AWS credentials; the docs show documents for no account");
        java.nio.file.Path trust = temp.resolve("trust.json");
        java.nio.file.Path role = temp.resolve("role.json");
        CliRun trustShown = CliRun.of("policy", "show", "trust", "--format", "json");
        CliRun roleShown = CliRun.of("policy", "show", "role", "--format", "json");
        java.nio.file.Files.writeString(trust, trustShown.out());
        java.nio.file.Files.writeString(role, roleShown.out());

        CliRun run = CliRun.interleaved("role", "check", "--trust-file", trust.toString(), "--policy-file",
                role.toString());

        assertThat(run.exitCode()).as(run.out()).isZero();
        DocBlocks.assertFormat("role-check-files", session("trainctl role check --trust-file trust.json"
                + " --policy-file role.json", run));
    }

    private static boolean noCredentials() {
        try (DefaultCredentialsProvider chain = DefaultCredentialsProvider.builder().build()) {
            chain.resolveCredentials();
            return false;
        } catch (RuntimeException none) {
            return true;
        }
    }
}
