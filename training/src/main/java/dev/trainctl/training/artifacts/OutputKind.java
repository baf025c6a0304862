package dev.trainctl.training.artifacts;

import dev.trainctl.training.files.DirectoryKind;
import dev.trainctl.training.files.LimitedFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The directories trainctl writes models and reports into, as {@link DirectoryKind}s: what it writes there and how it
 * recognises one of its own.
 */
public enum OutputKind implements DirectoryKind {

    /** A model directory ({@link ModelArtifacts}), with the report a training run writes beside the model. */
    MODEL("a trainctl model directory") {
        @Override
        public boolean writes(String fileName) {
            return MODEL_FILES.contains(fileName) || ModelArtifacts.PARAMETERS_FILE.matcher(fileName).matches()
                    || REPORT_FILES.contains(fileName);
        }

        /** Its {@code model.json} reads as a trainctl model card. */
        @Override
        public Optional<String> whyNotOwn(Path directory) {
            try {
                ModelArtifacts.readCard(directory);
                return Optional.empty();
            } catch (IOException | RuntimeException notOurs) {
                return Optional.of(String.valueOf(notOurs.getMessage()));
            }
        }
    },

    /** A directory of {@code trainctl report} pages and plots. */
    REPORT("a trainctl report directory") {
        @Override
        public boolean writes(String fileName) {
            return REPORT_FILES.contains(fileName);
        }

        /** One of its pages is a trainctl page (its title starts with "trainctl "). */
        @Override
        public Optional<String> whyNotOwn(Path directory) {
            for (String page : List.of("report.html", "compare.html")) {
                try {
                    if (LimitedFiles.readString(directory.resolve(page), 64 << 20, "a report page")
                            .contains("<title>trainctl ")) {
                        return Optional.empty();
                    }
                } catch (IOException | RuntimeException notThere) {
                    // try the other page
                }
            }
            return Optional.of("neither report.html nor compare.html is a trainctl page");
        }
    };

    /** Every file {@code trainctl report} and a training run's report write (TrainingReport, ComparisonReport). */
    public static final List<String> REPORT_FILES = List.of("curves.png", "confusion.png", "mistakes.png",
            "report.html", "compare-curves.png", "compare-confusion.png", "compare.html");
    static final List<String> MODEL_FILES = List.of(ModelArtifacts.MODEL_JSON, ModelArtifacts.METRICS_JSON,
            ModelArtifacts.WEIGHTS_NPZ);

    private final String description;

    OutputKind(String description) {
        this.description = description;
    }

    @Override
    public String description() {
        return description;
    }
}
