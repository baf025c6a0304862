package dev.trainctl.training.sagemaker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainctl.training.artifacts.ModelArtifacts;
import dev.trainctl.training.report.TrainingReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The container writes the report into /opt/ml/model, so it ships inside model.tar.gz; it never fails the job. */
class EntryPointReportTest {

    @TempDir
    Path root;

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    @Test
    void theReportIsWrittenIntoTheModelDirectory() throws Exception {
        ContainerPaths paths = StagedRoot.stage(root, StagedRoot.SMALL, 200);

        assertThat(run(paths)).as(stderr.toString(StandardCharsets.UTF_8)).isZero();

        assertThat(paths.model().resolve(TrainingReport.CURVES_PNG)).isNotEmptyFile();
        assertThat(paths.model().resolve(TrainingReport.CONFUSION_PNG)).isNotEmptyFile();
        assertThat(paths.model().resolve(TrainingReport.MISTAKES_PNG)).isNotEmptyFile();
        assertThat(Files.readString(paths.model().resolve(TrainingReport.REPORT_HTML)))
                .contains(paths.model() + " in the training container (SageMaker uploads it as model.tar.gz)");
        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("report written to " + paths.model()
                .resolve(TrainingReport.REPORT_HTML));
    }

    private int run(ContainerPaths paths) {
        return new TrainingEntryPoint(paths, new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8), StopSignal.manual()).run(new String[] {"train"});
    }
}
