package dev.trainctl.training.artifacts;

import dev.trainctl.training.files.DirectoryKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
        public boolean recognises(Path directory) {
            try {
                ModelArtifacts.readCard(directory);
                return true;
            } catch (IOException | RuntimeException notOurs) {
                return false;
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
        public boolean recognises(Path directory) {
            for (String page : List.of("report.html", "compare.html")) {
                try {
                    if (Files.readString(directory.resolve(page), StandardCharsets.UTF_8).contains("<title>trainctl ")) {
                        return true;
                    }
                } catch (IOException | RuntimeException notThere) {
                    // try the other page
                }
            }
            return false;
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
