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
import dev.trainctl.training.files.Directories;
import dev.trainctl.training.files.JsonErrors;
import dev.trainctl.training.files.LimitedFiles;
import dev.trainctl.training.model.MnistMlp;
import dev.trainctl.training.train.Hyperparameters;
import dev.trainctl.training.train.MnistTrainer;
import dev.trainctl.training.train.TrainingResult;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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
    static final Pattern PARAMETERS_FILE = Pattern.compile(Pattern.quote(MnistMlp.NAME) + "-(\\d{4})\\.params");
    /** A model card is about 1 KiB; anything past this is not one. */
    static final long CARD_LIMIT = 1 << 20;
    /** The metrics of a run grow by about 100 bytes an epoch. */
    static final long METRICS_LIMIT = 16 << 20;
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
     * Directories#replace}); a directory that holds anything but a trainctl model is refused ({@link
     * OutputKind#MODEL}). {@code model.json} is written last.
     */
    public static void write(Path directory, MnistTrainer trainer, TrainingResult result, ModelCard card)
            throws IOException {
        Directories.replace(directory, OutputKind.MODEL, MODEL_JSON, staged -> writeInto(staged, trainer, result, card));
    }

    private static void writeInto(Path directory, MnistTrainer trainer, TrainingResult result, ModelCard card)
            throws IOException {
        try (Model model = Model.newInstance(MnistMlp.NAME, trainer.device())) {
            model.setBlock(trainer.block());
            model.setProperty("Epoch", Integer.toString(result.epochs().size()));
            model.save(directory, MnistMlp.NAME);
        }
        ModelCard written = card.withParametersSha256(sha256(directory.resolve(card.parametersFile())));
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
        AtomicFiles.writeString(directory.resolve(MODEL_JSON), GSON.toJson(written));
    }

    public static ModelCard readCard(Path directory) throws IOException {
        Path file = directory.resolve(MODEL_JSON);
        try {
            ModelCard card = GSON.fromJson(LimitedFiles.readString(file, CARD_LIMIT, "a trainctl model card"),
                    ModelCard.class);
            if (card == null || !ModelCard.FORMAT.equals(card.format())) {
                throw new IOException(file + " is not a trainctl model (format " + (card == null ? "missing"
                        : card.format()) + ", expected " + ModelCard.FORMAT + ")");
            }
            if (card.hiddenSize() < 1 || card.hiddenSize() > Hyperparameters.MAX_HIDDEN_SIZE
                    || card.inputs() != MnistMlp.INPUTS || card.classes() != MnistMlp.CLASSES) {
                throw new IOException(file + " describes a network trainctl does not build (inputs " + card.inputs()
                        + ", hidden_size " + card.hiddenSize() + ", classes " + card.classes() + "; trainctl's has "
                        + MnistMlp.INPUTS + ", 1 to " + Hyperparameters.MAX_HIDDEN_SIZE + ", " + MnistMlp.CLASSES
                        + "): it is damaged or was edited; train the model again, or copy the whole model directory"
                        + " again");
            }
            return card;
        } catch (NoSuchFileException e) {
            throw new IOException(directory + " holds no " + MODEL_JSON + ": not a trainctl model directory", e);
        } catch (JsonParseException e) {
            throw new IOException(file + " is " + JsonErrors.failure(e) + ": " + JsonErrors.describe(e), e);
        }
    }

    public static MetricsReport readMetrics(Path directory) throws IOException {
        return GSON.fromJson(LimitedFiles.readString(directory.resolve(METRICS_JSON), METRICS_LIMIT,
                "trainctl's metrics of a model"), MetricsReport.class);
    }

    /**
     * Loads the saved network onto {@code device}, from the parameters file {@code model.json} names, after checking
     * the file against the SHA-256 {@code model.json} records (when it records one: see {@link
     * ModelCard#parametersSha256()}).
     */
    public static TrainedModel load(Path directory, Device device) throws IOException {
        ModelCard card = readCard(directory);
        int epoch = parametersEpoch(directory, card);
        requireRecordedHash(directory, card);
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

    /** A parameters file changed since training (a bit flipped, bytes zeroed, another model's) is refused. */
    private static void requireRecordedHash(Path directory, ModelCard card) throws IOException {
        if (card.parametersSha256() == null) {
            return;
        }
        Path file = directory.resolve(card.parametersFile());
        String actual = sha256(file);
        if (!actual.equalsIgnoreCase(card.parametersSha256())) {
            throw new IOException(file + " does not match the SHA-256 that " + MODEL_JSON + " records (expected "
                    + card.parametersSha256() + ", found " + actual + "): the file was damaged or changed after"
                    + " training; train the model again, or copy the whole model directory again");
        }
    }

    /** Lower-case hex SHA-256 of a file. */
    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int read; (read = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
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
