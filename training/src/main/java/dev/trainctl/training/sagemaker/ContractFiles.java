package dev.trainctl.training.sagemaker;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.trainctl.training.files.JsonErrors;
import dev.trainctl.training.files.LimitedFiles;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the three files SageMaker writes into {@code input/config} before it starts the container. Each reader
 * fails with a message that names the file and what is wrong with it.
 */
public final class ContractFiles {

    private ContractFiles() {}

    /** {@code resourceconfig.json}: which host this is, of which. */
    public record ResourceConfig(String currentHost, List<String> hosts) {}

    /**
     * One entry of {@code inputdataconfig.json}.
     *
     * @param inputMode {@code File}, {@code FastFile} or {@code Pipe}
     */
    public record Channel(String name, String inputMode, String contentType) {}

    /** {@code hyperparameters.json}: a JSON object whose values are all strings. */
    public static Map<String, String> hyperparameters(Path file) throws IOException {
        JsonObject object = object(file);
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> entry : object.entrySet()) {
            JsonElement value = entry.getValue();
            if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
                throw new IOException(file + ": the value of '" + entry.getKey() + "' must be a string (SageMaker"
                        + " passes every hyperparameter as a string), got " + value);
            }
            values.put(entry.getKey(), value.getAsString());
        }
        return values;
    }

    public static ResourceConfig resourceConfig(Path file) throws IOException {
        JsonObject object = object(file);
        try {
            String current = object.get("current_host").getAsString();
            List<String> hosts = new ArrayList<>();
            object.getAsJsonArray("hosts").forEach(host -> hosts.add(host.getAsString()));
            return new ResourceConfig(current, hosts);
        } catch (RuntimeException e) {
            throw new IOException(file + ": expected \"current_host\" and \"hosts\" (" + e.getMessage() + ")", e);
        }
    }

    public static Map<String, Channel> inputDataConfig(Path file) throws IOException {
        JsonObject object = object(file);
        Map<String, Channel> channels = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> entry : object.entrySet()) {
            if (!entry.getValue().isJsonObject()) {
                throw new IOException(file + ": channel '" + entry.getKey() + "' must be an object");
            }
            JsonObject channel = entry.getValue().getAsJsonObject();
            channels.put(entry.getKey(), new Channel(entry.getKey(), string(channel, "TrainingInputMode", "File"),
                    string(channel, "ContentType", null)));
        }
        return channels;
    }

    private static String string(JsonObject object, String key, String fallback) {
        JsonElement value = object.get(key);
        return value == null || value.isJsonNull() ? fallback : value.getAsString();
    }

    private static JsonObject object(Path file) throws IOException {
        String text;
        try {
            text = LimitedFiles.readString(file, 1 << 20, "one of SageMaker's configuration files");
        } catch (NoSuchFileException e) {
            throw new IOException(file + " does not exist: SageMaker writes it before starting the container"
                    + " (set " + ContainerPaths.ROOT_VARIABLE + " to a staged directory to run outside one)", e);
        }
        try {
            JsonElement element = JsonParser.parseString(text);
            if (!element.isJsonObject()) {
                throw new IOException(file + ": expected a JSON object, got " + abbreviate(text));
            }
            return element.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new IOException(file + " is " + JsonErrors.failure(e) + ": " + JsonErrors.describe(e), e);
        }
    }

    private static String abbreviate(String text) {
        String flat = text.strip().replaceAll("\\s+", " ");
        return flat.length() > 60 ? flat.substring(0, 60) + "..." : flat;
    }
}
