package dev.trainctl.orchestrator.predict;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trainctl.orchestrator.cli.CliRun;
import dev.trainctl.training.train.SyntheticModel;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictCommandTest {

    @TempDir
    static Path temp;
    private static Path model;

    @BeforeAll
    static void trainAModel() throws Exception {
        model = temp.resolve("model");
        SyntheticModel.train(model, 4, 1);
    }

    @Test
    void aBlankPictureGetsAWarningBeforeTheAnswer() throws Exception {
        Path blank = picture("blank.png", false);

        CliRun run = CliRun.of("predict", "--model", model.toString(), "--image", blank.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEqualTo("trainctl: warning: " + blank + " looks blank: 0 of 784 pixels carry ink once"
                + " scaled to 28x28, so the model's answer below means little (a model always names a class; give a"
                + " picture of one digit, dark on light or light on dark)\n");
    }

    @Test
    void aPictureWithAStrokeGetsNoWarning() throws Exception {
        CliRun run = CliRun.of("predict", "--model", model.toString(), "--image", picture("stroke.png", true)
                .toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).containsPattern("stroke.png: digit \\d\\n");
    }

    @Test
    void aFashionModelNamesItsClassesNotDigits() throws Exception {
        Path fashion = temp.resolve("fashion");
        SyntheticModel.train(fashion, 4, 1);
        Path json = fashion.resolve("model.json");
        JsonObject card = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        card.addProperty("dataset", "fashion-mnist");
        Files.writeString(json, card.toString());

        CliRun run = CliRun.of("predict", "--model", fashion.toString(), "--image", picture("shoe.png", true)
                .toString(), "--output", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonObject result = JsonParser.parseString(run.out()).getAsJsonObject();
        int predicted = result.get("digit").getAsInt();
        String name = java.util.List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
                "Sneaker", "Bag", "Ankle boot").get(predicted);
        assertThat(result.get("class_name").getAsString()).isEqualTo(predicted + " " + name);
        assertThat(run.err()).contains("shoe.png: class " + predicted + " " + name + "\n")
                .contains("  9  ").contains("Ankle boot").doesNotContain("digit");
    }

    /** A 56x56 picture: white, with a black vertical stroke if {@code stroke}. */
    private static Path picture(String name, boolean stroke) throws Exception {
        BufferedImage image = new BufferedImage(56, 56, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(Color.WHITE);
        graphics.fillRect(0, 0, 56, 56);
        if (stroke) {
            graphics.setColor(Color.BLACK);
            graphics.fillRect(24, 8, 8, 40);
        }
        graphics.dispose();
        Path file = temp.resolve(name);
        ImageIO.write(image, "png", file.toFile());
        return file;
    }
}
