package dev.trainctl.orchestrator.fakes;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** Small edits of policy documents for tests that take one permission away. */
public final class PolicyEdits {

    private PolicyEdits() {}

    /** The document without the statement whose Sid is {@code sid}. */
    public static String withoutStatement(String policy, String sid) {
        JsonObject document = JsonParser.parseString(policy).getAsJsonObject();
        JsonArray kept = new JsonArray();
        for (JsonElement statement : document.getAsJsonArray("Statement")) {
            if (!sid.equals(statement.getAsJsonObject().get("Sid").getAsString())) {
                kept.add(statement);
            }
        }
        document.add("Statement", kept);
        return document.toString();
    }
}
