package dev.trainctl.orchestrator.fakes;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * AWS's published API models, as botocore (on every machine here) holds them: whether a request trainctl builds is one
 * AWS accepts (required members, types, sizes, enums, and each string's pattern in full). Someone else's truth, not
 * our fake's.
 */
public final class Botocore {

    private static final Path VALIDATOR = Path.of("src/test/resources/botocore/validate.py");

    private Botocore() {}

    /**
     * The problems botocore's model finds in {@code described} ({@code {"service", "operation", "request"}}, as
     * {@code AwsRequestJson.describe} and {@code --dry-run} print it); empty when AWS would accept it.
     */
    public static List<String> problems(JsonObject described) {
        JsonObject input = described.deepCopy();
        input.addProperty("service", input.get("service").getAsString().toLowerCase(java.util.Locale.ROOT));
        try {
            Process python = new ProcessBuilder("python3", VALIDATOR.toString()).redirectErrorStream(false).start();
            try (OutputStream in = python.getOutputStream()) {
                in.write(input.toString().getBytes(StandardCharsets.UTF_8));
            }
            String out;
            String err;
            try (InputStream stdout = python.getInputStream(); InputStream stderr = python.getErrorStream()) {
                out = new String(stdout.readAllBytes(), StandardCharsets.UTF_8);
                err = new String(stderr.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (python.waitFor() != 0) {
                throw new AssertionError("botocore's validator failed: " + err);
            }
            List<String> problems = new ArrayList<>();
            JsonArray list = JsonParser.parseString(out).getAsJsonArray();
            list.forEach(p -> problems.add(p.getAsString()));
            return problems;
        } catch (IOException e) {
            throw new AssertionError("python3 with botocore is on every machine here (TESTING.md): " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
