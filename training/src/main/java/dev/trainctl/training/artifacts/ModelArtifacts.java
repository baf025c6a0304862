package dev.trainctl.training.artifacts;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import dev.trainctl.training.files.AtomicFiles;
import dev.trainctl.training.model.MnistMlp;
import dev.trainctl.training.train.MnistTrainer;
import dev.trainctl.training.train.TrainingResult;
import dev.trainctl.training.files.Directories;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one model layout, the same in a local directory, in {@code /opt/ml/model} and inside {@code model.tar.gz}:
 * <ul>
 *   <li>{@code mnist-mlp-NNNN.params}: DJL parameters, the one file {@code model.json}'s {@code parameters_file}
 *       names ({@code Model.load(dir, "mnist-mlp", Map.of("epoch", "NNNN"))} reads it)
 *   <li>{@code weights.npz}: the same weights for numpy, named as PyTorch's state_dict ({@code fc1.weight}, ...)
 *   <li>{@code model.json}: architecture, hyperparameters, data hashes, engine and versions
 *   <li>{@code metrics.json}: per-epoch and final metrics with the confusion matrix
 * </ul>
 */
public final class ModelArtifacts {

    public static final String MODEL_JSON = "model.json";
    public static final String METRICS_JSON = "metrics.json";
    public static final String WEIGHTS_NPZ = "weights.npz";
    /** PyTorch's state_dict names for the two Linear layers, in DJL's parameter order. */
    private static final Pattern PARAMETERS_FILE = Pattern.compile(Pattern.quote(MnistMlp.NAME) + "-(\\d{4})\\.params");
    static final List<String> NUMPY_NAMES = List.of("fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias");

    private static final Gson GSON = new GsonBuilder()
            .setPrettyPrinting()
            .setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES)
            .serializeSpecialFloatingPointValues()
            .create();

    private ModelArtifacts() {}

    /**
     * Writes the whole layout as {@code directory}'s only content: whatever was there before (the files of an
     * earlier model, of another epoch count) is replaced as a whole, never mixed with the new files (see {@link
     * Directories#replace}). {@code model.json} is written last.
     */
    public static void write(Path directory, MnistTrainer trainer, TrainingResult result, ModelCard card)
            throws IOException {
        Directories.replace(directory, MODEL_JSON, staged -> writeInto(staged, trainer, result, card));
    }

    private static void writeInto(Path directory, MnistTrainer trainer, TrainingResult result, ModelCard card)
            throws IOException {
        try (Model model = Model.newInstance(MnistMlp.NAME, trainer.device())) {
            model.setBlock(trainer.block());
            model.setProperty("Epoch", Integer.toString(result.epochs().size()));
            model.save(directory, MnistMlp.NAME);
        }
        NDList weights = new NDList();
        List<Pair<String, Parameter>> parameters = trainer.block().getParameters().stream().toList();
        for (int i = 0; i < parameters.size(); i++) {
            NDArray copy = parameters.get(i).getValue().getArray().duplicate();
            copy.setName(NUMPY_NAMES.get(i));
            weights.add(copy);
        }
        try {
            AtomicFiles.write(directory.resolve(WEIGHTS_NPZ), AtomicFiles.SHARED,
                    out -> weights.encode(out, NDList.Encoding.NPZ));
        } finally {
            weights.close();
        }
        AtomicFiles.writeString(directory.resolve(METRICS_JSON), GSON.toJson(MetricsReport.of(result,
                card.engine())));
        AtomicFiles.writeString(directory.resolve(MODEL_JSON), GSON.toJson(card));
    }

    public static ModelCard readCard(Path directory) throws IOException {
        Path file = directory.resolve(MODEL_JSON);
        try {
            ModelCard card = GSON.fromJson(Files.readString(file), ModelCard.class);
            if (card == null || !ModelCard.FORMAT.equals(card.format())) {
                throw new IOException(file + " is not a trainctl model (format " + (card == null ? "missing"
                        : card.format()) + ", expected " + ModelCard.FORMAT + ")");
            }
            return card;
        } catch (NoSuchFileException e) {
            throw new IOException(directory + " holds no " + MODEL_JSON + ": not a trainctl model directory", e);
        } catch (JsonParseException e) {
            throw new IOException(file + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    public static MetricsReport readMetrics(Path directory) throws IOException {
        return GSON.fromJson(Files.readString(directory.resolve(METRICS_JSON)), MetricsReport.class);
    }

    /** Loads the saved network onto {@code device}, from the parameters file {@code model.json} names. */
    public static TrainedModel load(Path directory, Device device) throws IOException {
        ModelCard card = readCard(directory);
        int epoch = parametersEpoch(directory, card);
        Model model = Model.newInstance(MnistMlp.NAME, device);
        model.setBlock(MnistMlp.build(card.hiddenSize()));
        try {
            // DJL picks the highest epoch in the directory unless told which one to load.
            model.load(directory, MnistMlp.NAME, Map.of("epoch", Integer.toString(epoch)));
        } catch (MalformedModelException | IOException | RuntimeException e) {
            model.close();
            throw new IOException(directory.resolve(card.parametersFile()) + " is damaged or truncated (" + (e
                    instanceof EOFException ? "it ends early" : "DJL cannot read it") + "): train the model again, or"
                    + " copy the whole model directory again", e);
        }
        return new TrainedModel(model, card);
    }

    /** The epoch in the name of the parameters file the card names, after checking that the file is there. */
    private static int parametersEpoch(Path directory, ModelCard card) throws IOException {
        Path json = directory.resolve(MODEL_JSON);
        String file = card.parametersFile();
        Matcher name = file == null ? null : PARAMETERS_FILE.matcher(file);
        if (name == null || !name.matches()) {
            throw new IOException(json + " names the parameters file '" + file + "', expected "
                    + MnistMlp.NAME + "-NNNN.params: the model directory is damaged; train the model again");
        }
        if (!Files.isRegularFile(directory.resolve(file))) {
            throw new IOException(json + " names " + file + ", which is missing from " + directory + ": the model"
                    + " directory is incomplete; train the model again, or copy the whole directory again");
        }
        return Integer.parseInt(name.group(1));
    }
}
