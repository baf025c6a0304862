package dev.trainctl.orchestrator.report;

import ai.djl.Device;
import dev.trainctl.orchestrator.cli.Command;
import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.Invocation;
import dev.trainctl.orchestrator.cli.TrainctlException;
import dev.trainctl.orchestrator.data.DataOptions;
import dev.trainctl.orchestrator.emulate.ModelLocation;
import dev.trainctl.orchestrator.evaluate.ModelOptions;
import dev.trainctl.orchestrator.outputs.OutputDirectories;
import dev.trainctl.orchestrator.train.EngineOptions;
import dev.trainctl.training.artifacts.OutputKind;
import dev.trainctl.training.data.Dataset;
import dev.trainctl.training.data.DatasetStore;
import dev.trainctl.training.data.ImageSet;
import dev.trainctl.training.files.Directories;
import dev.trainctl.training.files.DirectoryKind;
import dev.trainctl.training.report.ComparisonReport;
import dev.trainctl.training.report.ReportedModel;
import dev.trainctl.training.report.TrainingReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code trainctl report}: (re)builds a model's report (the plots and {@code report.html} that training writes),
 * or with {@code --compare} a page that sets two models side by side.
 */
public final class ReportCommand implements Command {

    static final String DEFAULT_OUT = "trainctl-output/report";
    /** Options that only the single-model report uses: it runs the model over the test set, a comparison does not. */
    private static final List<String> SINGLE_MODEL_OPTIONS = List.of("dataset", "data-dir", "device", "threads");

    /** The JSON result; {@code compare} is null for a single model's report. */
    record Result(String model, String compare, String out, String reportHtml, List<String> files, double seconds) {}

    @Override
    public List<String> path() {
        return List.of("report");
    }

    @Override
    public String summary() {
        return "plots and a self-contained HTML page for a model (--compare OTHER: two models side by side)";
    }

    @Override
    public Options options() {
        Options options = ModelOptions.addTo(new Options())
                .addOption(Option.builder().longOpt("out").hasArg().argName("DIR")
                        .desc("where the files go (default: the model directory for a local model, "
                                + DEFAULT_OUT + " for an s3:// model or with --compare)").get())
                .addOption(Option.builder().longOpt("compare").hasArg().argName("DIR|S3_URI")
                        .desc("a second model: overlay the learning curves and show both confusion matrices"
                                + " (compare.html)").get());
        return EngineOptions.addTo(DataOptions.addTo(options));
    }

    @Override
    public ExitCode run(Invocation invocation) {
        String location = invocation.value("model")
                .orElseThrow(() -> TrainctlException.usage("--model DIR is required"));
        String other = invocation.value("compare").orElse(null);
        if (other != null) {
            List<String> given = SINGLE_MODEL_OPTIONS.stream().filter(invocation::has).map(name -> "--" + name)
                    .toList();
            if (!given.isEmpty()) {
                throw TrainctlException.usage(String.join(", ", given) + (given.size() == 1 ? " does" : " do")
                        + " not apply with --compare: a comparison"
                        + " is built from the two models' metrics.json and model.json alone");
            }
        }
        if (other != null) {
            ModelLocation.isS3(other); // a malformed URI fails before anything is written
        }
        boolean directory = !ModelLocation.isS3(location) && !Files.isRegularFile(Path.of(location));
        Path out = invocation.value("out").map(Path::of)
                .orElse(directory && other == null ? Path.of(location) : Path.of(DEFAULT_OUT));
        // A model directory takes the report of its own model only: another model's report there would pass for its.
        boolean ownModelDirectory = directory
                && Directories.resolved(out).equals(Directories.resolved(Path.of(location)));
        List<DirectoryKind> kinds = ownModelDirectory ? List.of(OutputKind.MODEL, OutputKind.REPORT)
                : List.of(OutputKind.REPORT);
        try (OutputDirectories claimed = OutputDirectories.claim(List.of(new OutputDirectories.Output("--out", out,
                "report", kinds)), List.of(), "trainctl report")) {
            return report(invocation, location, other, out);
        }
    }

    private ExitCode report(Invocation invocation, String location, String other, Path out) {
        Path modelDir = ModelOptions.modelDir(invocation);
        ReportedModel model = read(modelDir, location);
        ReportedModel second = null;
        if (other != null) {
            second = read(ModelLocation.resolve(invocation, other), other);
        } else {
            ModelOptions.warnIfUnverified(invocation, model.card(), location);
        }
        requireWritable(out);

        TrainingReport.Written written;
        try {
            if (second != null) {
                written = ComparisonReport.write(model, second, out);
            } else {
                EngineOptions.configureThreads(invocation);
                Device device = EngineOptions.device(invocation, EngineOptions.engine());
                ImageSet test = testSet(invocation, model);
                written = TrainingReport.write(modelDir, test, device, model.location(), out);
            }
        } catch (IOException e) {
            throw new TrainctlException(ExitCode.DATA, "no report for " + location + ": "
                    + ModelLocation.inWords(e.getMessage(), modelDir, location), e);
        }
        invocation.console().say(String.format(Locale.ROOT, "report: %s (%s; %.2f s)", written.html(),
                String.join(", ", written.files().stream().map(file -> file.getFileName().toString()).toList()),
                written.seconds()));
        invocation.console().result(new Result(location, other, out.toString(), written.html().toString(),
                written.files().stream().map(Path::toString).toList(), written.seconds()));
        return ExitCode.OK;
    }

    /** Fails before any work when the report cannot go where it should. */
    private static void requireWritable(Path out) {
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw TrainctlException.usage("--out " + out + ": cannot create the directory (" + e.getMessage() + ")");
        }
        if (!Files.isWritable(out)) {
            throw TrainctlException.usage("--out " + out + ": the directory is not writable");
        }
    }

    /** How the page names the model: an archive as given, or the directory's absolute path. */
    private static String displayed(String location, Path directory) {
        return directory.toString().equals(location) ? directory.toAbsolutePath().normalize().toString() : location;
    }

    private static ReportedModel read(Path directory, String location) {
        try {
            return ReportedModel.read(directory, displayed(location, directory));
        } catch (IOException e) {
            throw ModelOptions.notAModel(directory, location, e);
        }
    }

    /** The test set the model was trained with (or {@code --dataset}), for its mistakes. */
    private static ImageSet testSet(Invocation invocation, ReportedModel model) {
        Dataset dataset = ModelOptions.dataset(invocation, model.card(), model.location(),
                "the test images its mistakes are taken from");
        DatasetStore store = DataOptions.store(invocation, dataset);
        DataOptions.orDataError(() -> store.ensure(false));
        return DataOptions.orDataError(store::loadTest);
    }
}
