package dev.trainctl.orchestrator.aws;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.core.SdkRequest;

/**
 * One mutating AWS request in a plan, with what it is for: printable ({@code --dry-run}), diffable (the drift it
 * repairs) and executable ({@link ChangeExecutor}).
 *
 * @param resource what it changes, e.g. {@code role trainctl-mnist-execution}
 * @param kind create, update (including drift repair) or delete
 * @param summary one line for people: what and why
 * @param request the exact SDK request that will be sent
 * @param diff for a repair, the lines that change ({@code -} current, {@code +} desired); empty otherwise
 */
public record Change(String resource, Kind kind, String summary, SdkRequest request, List<String> diff) {

    public enum Kind { CREATE, UPDATE, DELETE }

    public Change {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(request, "request");
        if (AwsActions.isReadOnly(request)) {
            throw new IllegalArgumentException("a change must be a mutating request, not " + AwsActions.operation(request));
        }
        diff = List.copyOf(diff);
    }

    public Change(String resource, Kind kind, String summary, SdkRequest request) {
        this(resource, kind, summary, request, List.of());
    }

    /** {@code iam:CreateRole} etc. */
    public String action() {
        return AwsActions.action(request);
    }

    /** The change as JSON, with the request exactly as the SDK is given it: what {@code --output json} shows. */
    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("resource", resource);
        json.addProperty("kind", kind.name().toLowerCase(java.util.Locale.ROOT));
        json.addProperty("summary", summary);
        if (!diff.isEmpty()) {
            JsonArray lines = new JsonArray();
            diff.forEach(lines::add);
            json.add("diff", lines);
        }
        json.add("call", AwsRequestJson.describe(request, AwsRequestJson.Form.EXACT));
        return json;
    }
}
