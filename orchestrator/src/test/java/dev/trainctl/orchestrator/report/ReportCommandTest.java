package dev.trainctl.orchestrator.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trainctl.orchestrator.cli.CliRun;
import dev.trainctl.training.report.ComparisonReport;
import dev.trainctl.training.train.SyntheticModel;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code trainctl report} on small synthetic models; the real-MNIST report is checked by RealMnistTrainingTest. */
class ReportCommandTest {

    @TempDir
    static Path temp;

    private static Path seed1;
    private static Path seed2;

    @BeforeAll
    static void trainTwoSeeds() throws Exception {
        seed1 = temp.resolve("seed1");
        seed2 = temp.resolve("seed2");
        SyntheticModel.train(seed1, 1, 2);
        SyntheticModel.train(seed2, 2, 3);
    }

    @Test
    void compareWritesOverlaidCurvesBothConfusionMatricesAndOnePage() throws Exception {
        Path out = temp.resolve("compared");

        CliRun run = CliRun.of("report", "--model", seed1.toString(), "--compare", seed2.toString(),
                "--out", out.toString(), "--output", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonObject result = JsonParser.parseString(run.out()).getAsJsonObject();
        assertThat(result.get("report_html").getAsString()).isEqualTo(out.resolve("compare.html").toString());
        assertThat(result.getAsJsonArray("files")).hasSize(3);
        BufferedImage confusion = ImageIO.read(out.resolve(ComparisonReport.CONFUSION_PNG).toFile());
        assertThat(confusion.getWidth()).as("two square matrices side by side").isEqualTo(2 * confusion.getHeight());
        assertThat(ImageIO.read(out.resolve(ComparisonReport.CURVES_PNG).toFile())).isNotNull();
        String html = Files.readString(out.resolve(ComparisonReport.COMPARE_HTML));
        assertThat(html).contains("<tr class=\"differs\"><td>seed</td><td class=\"number\">1</td>"
                + "<td class=\"number\">2</td></tr>")
                .contains("<tr><td>batch size</td>")
                .contains(seed1.toAbsolutePath().toString()).contains(seed2.toAbsolutePath().toString())
                .doesNotContain("src=\"http", "href=\"http", "url(http", "<script");
        assertThat(run.err()).as("in JSON mode the human line goes to stderr").startsWith("report: ");
    }

    @Test
    void compareTablesEveryEpochOfTheLongerRun() throws Exception {
        Path out = temp.resolve("epochs");

        CliRun run = CliRun.of("report", "--model", seed1.toString(), "--compare", seed2.toString(),
                "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("report: " + out.resolve("compare.html"));
        String html = Files.readString(out.resolve(ComparisonReport.COMPARE_HTML));
        // Epoch 3 exists only for the second model: its first model cells are empty.
        assertThat(html).containsPattern("<tr><td class=\"number\">3</td><td></td><td class=\"number\">[0-9.]+</td>");
    }

    @Test
    void theModelIsRequired() {
        CliRun run = CliRun.of("report", "--out", temp.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--model DIR is required");
    }

    @Test
    void testSetOptionsWithCompareAreAUsageErrorNotIgnored() {
        CliRun run = CliRun.of("report", "--model", seed1.toString(), "--compare", seed2.toString(),
                "--dataset", "fashion-mnist", "--device", "cpu");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--dataset, --device do not apply with --compare");
    }

    @Test
    void aDirectoryThatIsNotAModelSaysSo(@TempDir Path empty) {
        CliRun run = CliRun.of("report", "--model", seed1.toString(), "--compare", empty.toString(),
                "--out", temp.resolve("never").toString());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains(empty + " holds no model.json: not a trainctl model directory");
        assertThat(temp.resolve("never")).doesNotExist();
    }

    @Test
    void anOutThatIsAFileIsAUsageErrorBeforeAnyWork() throws Exception {
        Path file = Files.writeString(temp.resolve("not-a-directory"), "x");

        CliRun run = CliRun.of("report", "--model", seed1.toString(), "--compare", seed2.toString(),
                "--out", file.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--out " + file + ": cannot create the directory");
    }

    @Test
    void aModelTrainedOnDataTrainctlCannotFetchNeedsDataset() {
        // The synthetic models record the data set "synthetic", as a custom SageMaker channel records "custom".
        CliRun run = CliRun.of("report", "--model", seed1.toString(), "--out", temp.resolve("single").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("was trained on the data set 'synthetic', which trainctl cannot fetch:"
                + " pass --dataset mnist");
    }

    @Test
    void evaluateAndPredictSayTheSameOfSuchAModel() {
        CliRun evaluate = CliRun.of("evaluate", "--model", seed1.toString());
        CliRun predict = CliRun.of("predict", "--model", seed1.toString(), "--index", "0");

        assertThat(evaluate.exitCode()).isEqualTo(2);
        assertThat(evaluate.err()).contains(seed1 + " was trained on the data set 'synthetic', which trainctl cannot"
                + " fetch: pass --dataset mnist or --dataset fashion-mnist (with --data-dir) for the test images it is"
                + " evaluated on").doesNotContain("unknown dataset");
        assertThat(predict.exitCode()).isEqualTo(2);
        assertThat(predict.err()).contains("for the test image --index picks");
    }

    @Test
    void aDataSetOtherThanTheModelsIsTakenWithAWarning() {
        CliRun run = CliRun.of("predict", "--model", seed1.toString(), "--dataset", "mnist", "--index", "0");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("warning: " + seed1 + " was trained on synthetic; --dataset mnist takes the"
                + " test image --index picks from another data set, so the results say little about the model");
    }
}
