package dev.trainctl.orchestrator.roles;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trainctl.orchestrator.cli.Console;
import dev.trainctl.orchestrator.json.StrictJson;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;

/**
 * Policy documents as data: IAM returns them URL-encoded and in its own layout ({@code "Action": "x"} or
 * {@code ["x"]}, any order), so two documents are compared in a canonical form: single values become one-element
 * lists, lists and keys are sorted. Used to detect drift and to show it as a readable diff.
 */
public final class PolicyJson {

    /** Keys whose value may be a string or a list of strings with the same meaning. */
    private static final Set<String> LIST_KEYS = Set.of("Action", "NotAction", "Resource", "NotResource", "Statement");

    private PolicyJson() {}

    /** Decodes the URL-encoded form IAM returns ({@code %7B%22Version...}); plain JSON passes through. */
    public static String decode(String document) {
        String trimmed = document.trim();
        return trimmed.startsWith("{") ? trimmed : URLDecoder.decode(trimmed, StandardCharsets.UTF_8);
    }

    /**
     * The canonical form of a document (encoded or not).
     *
     * @throws StrictJson.DuplicateKeyException when the document has a key twice: it has no one meaning
     */
    public static JsonElement canonical(String document) {
        return canonicalize(null, StrictJson.parse(decode(document)), false);
    }

    public static JsonElement canonical(IamPolicy policy) {
        return canonical(policy.toJson());
    }

    /**
     * Whether two documents mean the same, ignoring layout and order. A document with a key twice means nothing
     * definite, so it is never equivalent to another: a drifted document written that way is shown and replaced.
     */
    public static boolean equivalent(String a, String b) {
        try {
            return canonical(a).equals(canonical(b));
        } catch (StrictJson.DuplicateKeyException ambiguous) {
            return false;
        }
    }

    public static boolean equivalent(IamPolicy desired, String actual) {
        return equivalent(desired.toJson(), actual);
    }

    /**
     * The document pretty-printed in canonical form, one value per line: what diffs are made of. A document with a
     * key twice is shown as written (decoded), every key in it.
     */
    public static String pretty(String document) {
        try {
            return Console.gson().toJson(canonical(document));
        } catch (StrictJson.DuplicateKeyException ambiguous) {
            return decode(document);
        }
    }

    /** The policy pretty-printed as written (statement order kept): what {@code policy show} prints. */
    public static String pretty(IamPolicy policy) {
        return Console.gson().toJson(JsonParser.parseString(policy.toJson()));
    }

    private static JsonElement canonicalize(String key, JsonElement element, boolean insideCondition) {
        if (element.isJsonObject() && "Statement".equals(key)) {
            // One statement may be written as an object or as a one-element list.
            return canonicalize(key, single(element), insideCondition);
        }
        if (element.isJsonObject()) {
            JsonObject sorted = new JsonObject();
            List<String> keys = new ArrayList<>(element.getAsJsonObject().keySet());
            keys.sort(Comparator.naturalOrder());
            for (String child : keys) {
                boolean condition = insideCondition || child.equals("Condition") || child.equals("Principal")
                        || child.equals("NotPrincipal");
                sorted.add(child, canonicalize(child, element.getAsJsonObject().get(child), condition));
            }
            return sorted;
        }
        boolean listValued = (key != null && LIST_KEYS.contains(key)) || insideCondition;
        if (element.isJsonArray() || (listValued && element.isJsonPrimitive())) {
            JsonArray source = element.isJsonArray() ? element.getAsJsonArray() : single(element);
            TreeSet<String> seen = new TreeSet<>();
            List<JsonElement> items = new ArrayList<>();
            for (JsonElement item : source) {
                JsonElement canonicalItem = item.isJsonPrimitive() ? item : canonicalize(null, item, insideCondition);
                if (seen.add(canonicalItem.toString())) {
                    items.add(canonicalItem);
                }
            }
            items.sort(Comparator.comparing(JsonElement::toString));
            JsonArray array = new JsonArray();
            items.forEach(array::add);
            return array;
        }
        return element;
    }

    private static JsonArray single(JsonElement element) {
        JsonArray array = new JsonArray();
        array.add(element);
        return array;
    }
}
