package dev.trainctl.training.train;

import ai.djl.Device;
import dev.trainctl.training.artifacts.ModelArtifacts;
import dev.trainctl.training.artifacts.ModelCard;
import dev.trainctl.training.data.ImageSet;
import dev.trainctl.training.engine.EngineInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** A small model trained on {@link SyntheticDigits} and saved in the model layout, in a second or two. */
public final class SyntheticModel {

    /** The test set every synthetic model is scored on. */
    public static final ImageSet TEST = SyntheticDigits.generate(300, 2);

    private SyntheticModel() {}

    public static TrainingResult train(Path directory, long seed, int epochs) throws IOException {
        Hyperparameters hyperparameters = new Hyperparameters(epochs, 32, 1e-3, seed, 24);
        try (MnistTrainer trainer = new MnistTrainer(hyperparameters, Device.cpu())) {
            TrainingResult result = trainer.fit(SyntheticDigits.generate(900, 1), TEST, TrainingListener.NONE,
                    MnistTrainer.EpochHook.NONE);
            ModelCard card = new ModelCard(ModelCard.FORMAT, "mlp", 784, 24, 10, ModelCard.NORMALIZATION,
                    String.format("mnist-mlp-%04d.params", epochs), hyperparameters, "synthetic",
                    Map.of("train", "abc"), "cpu()", EngineInfo.current(), "17", "test", "2026-11-25T00:00:00Z", null);
            ModelArtifacts.write(directory, trainer, result, card);
            return result;
        }
    }
}
