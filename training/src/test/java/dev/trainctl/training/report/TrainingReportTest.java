package dev.trainctl.training.report;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import dev.trainctl.training.artifacts.ModelArtifacts;
import dev.trainctl.training.train.SyntheticModel;
import dev.trainctl.training.train.TrainingResult;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report of a small trained model, written as training writes it: beside the model. */
class TrainingReportTest {

    @TempDir
    static Path model;

    private static TrainingResult result;
    private static TrainingReport.Written written;
    private static String html;

    @BeforeAll
    static void trainAndReport() throws Exception {
        result = SyntheticModel.train(model, 5, 2);
        written = TrainingReport.write(model, SyntheticModel.TEST, Device.cpu(), "/models/<mine> & co", model);
        html = Files.readString(model.resolve(TrainingReport.REPORT_HTML));
    }

    @Test
    void writesThreePlotsAndThePageBesideTheModel() {
        assertThat(written.files()).containsExactly(model.resolve("curves.png"), model.resolve("confusion.png"),
                model.resolve("mistakes.png"), model.resolve("report.html"));
        assertThat(written.html()).isEqualTo(model.resolve("report.html"));
        assertThat(model.resolve(ModelArtifacts.MODEL_JSON)).isRegularFile();
    }

    @Test
    void plotsAreDrawnHeadless() {
        assertThat(System.getProperty("java.awt.headless")).isEqualTo("true");
    }

    @Test
    void pngsDecodeWithTheirExpectedSizes() throws Exception {
        BufferedImage curves = ReportImages.read(model.resolve(TrainingReport.CURVES_PNG));
        BufferedImage confusion = ReportImages.read(model.resolve(TrainingReport.CONFUSION_PNG));
        BufferedImage mistakes = ReportImages.read(model.resolve(TrainingReport.MISTAKES_PNG));

        assertThat(curves.getWidth()).isEqualTo(2 * LearningCurves.PANEL_WIDTH);
        assertThat(curves.getHeight()).isEqualTo(LearningCurves.HEIGHT);
        assertThat(confusion.getWidth()).isEqualTo(ConfusionHeatmap.WIDTH);
        assertThat(confusion.getHeight()).isEqualTo(ConfusionHeatmap.HEIGHT);
        MistakesGrid.Layout layout = MistakesGrid.layout(SyntheticModel.TEST);
        assertThat(mistakes.getWidth()).isEqualTo(layout.width());
        assertThat(mistakes.getHeight()).isEqualTo(layout.height());
    }

    @Test
    void theTrainedModelsHeatmapIsDarkestOnTheDiagonal() throws Exception {
        long[][] confusion = result.finalEvaluation().confusion();
        for (int digit = 0; digit < 10; digit++) {
            assertThat(confusion[digit][digit]).as("row %d's largest count is its diagonal", digit)
                    .isEqualTo(java.util.Arrays.stream(confusion[digit]).max().orElseThrow());
        }

        Color[][] cells = ReportImages.heatmapCells(ReportImages.read(model.resolve(TrainingReport.CONFUSION_PNG)), 10);

        for (int digit = 0; digit < 10; digit++) {
            assertThat(ReportImages.darkestColumn(cells[digit])).as("darkest cell of true digit %d", digit)
                    .isEqualTo(digit);
        }
    }

    @Test
    void curvesHaveALossAndAnAccuracyPanelEachWithTrainAndTestLines() throws Exception {
        BufferedImage curves = ReportImages.read(model.resolve(TrainingReport.CURVES_PNG));
        int middle = LearningCurves.PANEL_WIDTH;

        for (int[] panel : new int[][] {{0, middle}, {middle, 2 * middle}}) {
            assertThat(ReportImages.pixelsNear(curves, Charts.BLUE, panel[0], panel[1])).as("train line")
                    .isGreaterThan(200);
            assertThat(ReportImages.pixelsNear(curves, Charts.VERMILLION, panel[0], panel[1])).as("test line")
                    .isGreaterThan(200);
        }
    }

    @Test
    void pageReferencesNothingOutsideItself() {
        assertThat(html).doesNotContain("src=\"http", "href=\"http", "url(http", "<script", "<link", "@import");
        Matcher sources = Pattern.compile("(src|href)=\"([^\"]*)\"").matcher(html);
        while (sources.find()) {
            assertThat(sources.group(2)).startsWith("data:image/png;base64,");
        }
    }

    @Test
    void pageEmbedsTheThreePlotsAsTheyAreOnDisk() throws Exception {
        List<byte[]> embedded = new ArrayList<>();
        Matcher images = Pattern.compile("src=\"data:image/png;base64,([^\"]+)\"").matcher(html);
        while (images.find()) {
            embedded.add(Base64.getDecoder().decode(images.group(1)));
        }

        assertThat(embedded).hasSize(3);
        assertThat(embedded.get(0)).isEqualTo(Files.readAllBytes(model.resolve(TrainingReport.CURVES_PNG)));
        assertThat(embedded.get(1)).isEqualTo(Files.readAllBytes(model.resolve(TrainingReport.CONFUSION_PNG)));
        assertThat(embedded.get(2)).isEqualTo(Files.readAllBytes(model.resolve(TrainingReport.MISTAKES_PNG)));
    }

    @Test
    void pageShowsHyperparametersEnvironmentDataHashesEpochsAndTimings() {
        assertThat(html).contains("<th scope=\"row\">batch size</th><td>32</td>")
                .contains("<th scope=\"row\">seed</th><td>5</td>")
                .contains("<th scope=\"row\">device</th><td>cpu()</td>")
                .contains("PyTorch").contains("sha256 abc").contains("this report (predictions and plots)");
        assertThat(Pattern.compile("<tr><td class=\"number\">[12]</td>").matcher(html).results().count())
                .as("one row per epoch").isEqualTo(2);
    }

    @Test
    void whereTheModelLivesIsEscaped() {
        assertThat(html).contains("<code>/models/&lt;mine&gt; &amp; co</code>").doesNotContain("<mine>");
    }

    @Test
    void aReportThatCannotBeWrittenIsAWarningNamingTheModel(@TempDir Path empty) {
        List<String> warnings = new ArrayList<>();

        Optional<TrainingReport.Written> none = TrainingReport.writeOrWarn(empty, SyntheticModel.TEST, Device.cpu(),
                empty.toString(), warnings::add);

        assertThat(none).isEmpty();
        assertThat(warnings).singleElement().asString().startsWith("trainctl: warning: no report written (")
                .contains("not a trainctl model directory").contains("the model in " + empty + " is saved");
    }
}
