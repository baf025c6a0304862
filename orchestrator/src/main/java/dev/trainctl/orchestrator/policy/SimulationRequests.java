package dev.trainctl.orchestrator.policy;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import dev.trainctl.orchestrator.iam.Request;
import dev.trainctl.orchestrator.json.StrictJson;
import dev.trainctl.training.files.JsonErrors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The requests of {@code policy simulate}: one from the command line ({@code --action}, {@code --resource},
 * {@code --principal}, {@code --context KEY=VALUE[,VALUE...]}), or JSON lines of
 * {@code {"action", "resource", "principal"?, "context"?: {key: value or [values]}}}, blank lines skipped. Every
 * problem names where it is (option, or file and line).
 */
final class SimulationRequests {

    private static final Set<String> FIELDS = Set.of("action", "resource", "principal", "context");

    private SimulationRequests() {}

    /** A request and where it came from, for messages. */
    record Located(Request request, String where) {}

    static Located fromOptions(String action, String resource, Optional<String> principal, List<String> contexts) {
        Map<String, List<String>> context = new LinkedHashMap<>();
        for (String entry : contexts) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--context needs KEY=VALUE[,VALUE...], got '" + entry + "'");
            }
            String key = entry.substring(0, eq).trim();
            if (context.put(key, Arrays.asList(entry.substring(eq + 1).split(",", -1))) != null) {
                throw new IllegalArgumentException("--context " + key + " is given twice; give several values as "
                        + key + "=A,B");
            }
        }
        return new Located(new Request(action, resource, principal, context), "the request");
    }

    static List<Located> fromJsonLines(String file, List<String> lines) {
        List<Located> requests = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) {
                continue;
            }
            String where = file + " line " + (i + 1);
            try {
                requests.add(new Located(parse(StrictJson.parse(line)), where));
            } catch (StrictJson.DuplicateKeyException e) {
                throw new IllegalArgumentException(where + " is ambiguous: " + e.getMessage());
            } catch (JsonParseException e) {
                throw new IllegalArgumentException(where + ": " + JsonErrors.failure(e) + " (" + JsonErrors.describe(e) + ")");
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage());
            }
        }
        if (requests.isEmpty()) {
            throw new IllegalArgumentException(file + " has no requests (one JSON object per line)");
        }
        return requests;
    }

    private static Request parse(JsonElement element) {
        if (!element.isJsonObject()) {
            throw new IllegalArgumentException("expected a JSON object such as {\"action\": \"s3:GetObject\","
                    + " \"resource\": \"arn:aws:s3:::bucket/key\"}");
        }
        JsonObject o = element.getAsJsonObject();
        for (String key : o.keySet()) {
            if (!FIELDS.contains(key)) {
                throw new IllegalArgumentException("unknown field \"" + key + "\" (known: action, resource, principal,"
                        + " context)");
            }
        }
        Map<String, List<String>> context = new LinkedHashMap<>();
        if (o.has("context")) {
            if (!o.get("context").isJsonObject()) {
                throw new IllegalArgumentException("\"context\" must be an object of key: value or [values]");
            }
            for (Map.Entry<String, JsonElement> e : o.getAsJsonObject("context").entrySet()) {
                context.put(e.getKey(), values(e.getKey(), e.getValue()));
            }
        }
        return new Request(string(o, "action"), string(o, "resource"), o.has("principal")
                ? Optional.of(string(o, "principal")) : Optional.empty(), context);
    }

    private static String string(JsonObject o, String field) {
        JsonElement value = o.get(field);
        if (value == null || !value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
            throw new IllegalArgumentException("\"" + field + "\" must be a string");
        }
        return value.getAsString();
    }

    /** Strings, or arrays of strings for multivalued keys, as SimulatePrincipalPolicy's context entries. */
    private static List<String> values(String key, JsonElement value) {
        List<JsonElement> items = value.isJsonArray() ? value.getAsJsonArray().asList() : List.of(value);
        List<String> values = new ArrayList<>();
        for (JsonElement item : items) {
            if (!item.isJsonPrimitive() || !item.getAsJsonPrimitive().isString()) {
                throw new IllegalArgumentException("context value of " + key + " must be a string or an array of"
                        + " strings");
            }
            values.add(item.getAsString());
        }
        return values;
    }
}
