package dev.trainctl.orchestrator.fidelity;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import software.amazon.awssdk.core.SdkRequest;

/**
 * AWS's published API models as a test oracle: validates a request against its operation's input shape in botocore's
 * service models (on every machine here, with {@code python3}): required members, types, unknown members, enums,
 * minimum and maximum lengths, list and map sizes, numeric ranges, and every {@code pattern} matched in full with
 * {@code java.util.regex} (the models' patterns are Java regular expressions). One {@code python3} process answers
 * all of a test class's requests; close it when done.
 *
 * <pre>{@code
 * try (ApiModel model = ApiModel.start()) {
 *     assertThat(model.validate(capturedRequest)).isEmpty();
 * }
 * }</pre>
 */
public final class ApiModel implements AutoCloseable {

    static final String SCRIPT = "api_model.py";
    static final String INSTALL = "python3 -m pip install --user botocore (or: pip install boto3; Debian: apt-get"
            + " install python3-botocore)";

    /** One way a request breaks its operation's model: {@code budgets CreateBudget Budget.BudgetLimit.Amount}. */
    public record Finding(String service, String operation, String path, String rule, String value) {
        @Override
        public String toString() {
            return service + " " + operation + " " + (path.isEmpty() ? "(request)" : path) + ": " + rule
                    + (value.isEmpty() ? "" : ": '" + value + "'");
        }
    }

    /** A member's constraints in the model ({@code min}/{@code max}: length, size or value, by its type). */
    public record Member(String type, Optional<Long> min, Optional<Long> max, Optional<String> pattern,
            List<String> enumValues, boolean required) {}

    private final Process process;
    private final BufferedWriter toModel;
    private final BufferedReader fromModel;
    private final Path stderr;
    private final String botocoreVersion;
    private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();
    private int validated;

    private ApiModel(Process process, Path stderr) throws IOException {
        this.process = process;
        this.stderr = stderr;
        this.toModel = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        this.fromModel = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        JsonObject hello = read().orElseThrow(() -> new AssertionError("python3 could not run the API-model script ("
                + stderrText() + "); the API-model tests need python3 with botocore: " + INSTALL));
        if (!hello.get("ready").getAsBoolean()) {
            throw new AssertionError("python3 has no botocore (" + hello.get("error").getAsString() + "): AWS's API"
                    + " models come with it; install it with " + INSTALL);
        }
        this.botocoreVersion = hello.get("botocore").getAsString();
    }

    /**
     * Starts the validator. Fails (never skips) with how to install botocore when {@code python3} or botocore is
     * missing, so a machine without them cannot pass the API-model tests silently.
     */
    public static ApiModel start() {
        try {
            Path stderr = Files.createTempFile("trainctl-api-model", ".log");
            Process process;
            try {
                process = new ProcessBuilder("python3", "-c", script()).redirectError(stderr.toFile()).start();
            } catch (IOException e) {
                throw new AssertionError("python3 is not on PATH (" + e.getMessage() + "); the API-model tests need"
                        + " python3 with botocore: install python3, then " + INSTALL, e);
            }
            return new ApiModel(process, stderr);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String script() throws IOException {
        try (InputStream in = ApiModel.class.getResourceAsStream(SCRIPT)) {
            return new String(Objects.requireNonNull(in, SCRIPT).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    public String botocoreVersion() {
        return botocoreVersion;
    }

    /** How many requests this validator has checked. */
    public synchronized int validatedCount() {
        return validated;
    }

    /** What is wrong with a request the SDK was given, its members named as the model names them. */
    public List<Finding> validate(SdkRequest request) {
        return validate(RequestCapture.service(request), RequestCapture.operation(request), ModelJson.of(request));
    }

    /**
     * What is wrong with a request given as JSON ({@code --dry-run --output json}'s {@code request}).
     *
     * @param service the SDK's or IAM's name for the service ({@code iam}, {@code servicequotas}, {@code logs})
     */
    public synchronized List<Finding> validate(String service, String operation, JsonObject request) {
        JsonObject message = new JsonObject();
        message.addProperty("service", service);
        message.addProperty("operation", operation);
        message.add("request", request);
        JsonObject answer = ask(message);
        validated++;
        List<Finding> findings = new ArrayList<>();
        for (JsonElement found : answer.getAsJsonArray("findings")) {
            JsonObject f = found.getAsJsonObject();
            findings.add(new Finding(service, operation, f.get("path").getAsString(), f.get("rule").getAsString(),
                    f.get("value").getAsString()));
        }
        for (JsonElement check : answer.getAsJsonArray("patterns")) {
            JsonObject c = check.getAsJsonObject();
            String value = c.get("value").getAsString();
            String pattern = c.get("pattern").getAsString();
            if (!compiled(pattern).matcher(value).matches()) {
                findings.add(new Finding(service, operation, c.get("path").getAsString(), "pattern " + pattern,
                        value.length() <= 300 ? value : value.substring(0, 300) + "... (" + value.length()
                                + " characters)"));
            }
        }
        return findings;
    }

    /**
     * A member's constraints, for code that copies them: {@code member("sagemaker", "CreateTrainingJob",
     * "AlgorithmSpecification.TrainingImage")}; {@code Values[]} is an item of the list {@code Values}.
     */
    public synchronized Member member(String service, String operation, String path) {
        JsonObject query = new JsonObject();
        query.addProperty("service", service);
        query.addProperty("operation", operation);
        query.addProperty("path", path);
        JsonObject message = new JsonObject();
        message.add("member", query);
        JsonObject m = ask(message);
        return new Member(m.get("type").getAsString(), number(m, "min"), number(m, "max"),
                m.get("pattern").isJsonNull() ? Optional.empty() : Optional.of(m.get("pattern").getAsString()),
                m.getAsJsonArray("enum").asList().stream().map(JsonElement::getAsString).toList(),
                m.get("required").getAsBoolean());
    }

    private static Optional<Long> number(JsonObject m, String key) {
        return m.get(key).isJsonNull() ? Optional.empty() : Optional.of(m.get(key).getAsLong());
    }

    private Pattern compiled(String pattern) {
        return patterns.computeIfAbsent(pattern, p -> {
            try {
                return Pattern.compile(p);
            } catch (PatternSyntaxException e) {
                throw new AssertionError("the model's pattern is not a Java regular expression: " + p, e);
            }
        });
    }

    private JsonObject ask(JsonObject message) {
        try {
            toModel.write(message.toString());
            toModel.newLine();
            toModel.flush();
        } catch (IOException e) {
            throw new AssertionError("the API-model validator stopped: " + stderrText(), e);
        }
        JsonObject answer = read().orElseThrow(() -> new AssertionError("the API-model validator stopped: "
                + stderrText()));
        if (answer.has("error")) {
            throw new AssertionError("the API model cannot check " + message + ": " + answer.get("error")
                    .getAsString());
        }
        return answer;
    }

    private Optional<JsonObject> read() {
        try {
            String line = fromModel.readLine();
            return line == null ? Optional.empty() : Optional.of(JsonParser.parseString(line).getAsJsonObject());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private String stderrText() {
        try {
            String text = Files.readString(stderr).strip();
            return text.isEmpty() ? "no message" : text;
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    @Override
    public void close() {
        try {
            toModel.close();
        } catch (IOException e) {
            // the process is being stopped anyway
        }
        process.destroy();
        try {
            Files.deleteIfExists(stderr);
        } catch (IOException e) {
            // a leftover temp log is harmless
        }
    }
}
