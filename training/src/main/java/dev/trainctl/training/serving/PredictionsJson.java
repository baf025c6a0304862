package dev.trainctl.training.serving;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The wire format of an invocation, both ways, in one place: what a client sends as JSON
 * ({@code [{"pixels": [...]}, ...]}) and what the server answers,
 * {@code {"predictions": [{"digit": 7, "probabilities": [10 numbers]}, ...]}}, one entry per image in order.
 */
public final class PredictionsJson {

    private PredictionsJson() {}

    /** The JSON request for a batch of images: a list of {@code {"pixels": [...]}} objects. */
    public static byte[] request(ImageBatch batch) {
        StringBuilder json = new StringBuilder(batch.count() * ImageBatch.PIXELS * 4 + 16).append('[');
        float[] pixels = batch.pixels();
        for (int image = 0; image < batch.count(); image++) {
            json.append(image == 0 ? "" : ",").append("{\"pixels\":[");
            for (int p = 0; p < ImageBatch.PIXELS; p++) {
                float value = pixels[image * ImageBatch.PIXELS + p];
                if (p > 0) {
                    json.append(',');
                }
                if (value == Math.rint(value)) {
                    json.append((int) value);
                } else {
                    json.append(value);
                }
            }
            json.append("]}");
        }
        return json.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The server's answer. */
    public static byte[] response(List<Prediction> predictions) {
        StringBuilder json = new StringBuilder(predictions.size() * 160 + 20).append("{\"predictions\":[");
        for (int i = 0; i < predictions.size(); i++) {
            Prediction prediction = predictions.get(i);
            json.append(i == 0 ? "" : ",").append("{\"digit\":").append(prediction.digit())
                    .append(",\"probabilities\":[");
            float[] probabilities = prediction.probabilities();
            for (int c = 0; c < probabilities.length; c++) {
                json.append(c == 0 ? "" : ",").append(Float.toString(probabilities[c]));
            }
            json.append("]}");
        }
        return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** An error answer: {@code {"error": "..."}}. */
    public static byte[] error(String message) {
        JsonObject json = new JsonObject();
        json.addProperty("error", message);
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Reads the server's answer; anything else is an IllegalArgumentException that says what came back. */
    public static List<Prediction> parse(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        try {
            JsonElement root = JsonParser.parseString(text);
            JsonArray items = root.getAsJsonObject().getAsJsonArray("predictions");
            List<Prediction> predictions = new ArrayList<>(items.size());
            for (JsonElement item : items) {
                JsonObject object = item.getAsJsonObject();
                JsonArray values = object.getAsJsonArray("probabilities");
                float[] probabilities = new float[values.size()];
                for (int i = 0; i < probabilities.length; i++) {
                    probabilities[i] = values.get(i).getAsFloat();
                }
                predictions.add(new Prediction(object.get("digit").getAsInt(), probabilities));
            }
            return predictions;
        } catch (JsonParseException | IllegalStateException | NullPointerException | ClassCastException
                | UnsupportedOperationException e) {
            throw new IllegalArgumentException("the endpoint answered something other than predictions: "
                    + JsonImages.printable(text.length() > 200 ? text.substring(0, 200) : text));
        }
    }
}
