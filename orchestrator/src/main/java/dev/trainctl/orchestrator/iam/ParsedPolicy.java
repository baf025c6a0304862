package dev.trainctl.orchestrator.iam;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import dev.trainctl.orchestrator.json.StrictJson;
import dev.trainctl.training.files.JsonErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A named, parsed policy document. Parsing is strict: an element, a principal type or an operator the evaluator does
 * not implement is refused with {@link UnsupportedPolicyException} naming it, never skipped. (The SDK's
 * {@code IamPolicy.fromJson} is not used: it keeps no trace of elements it does not know.)
 *
 * @param variablesEnabled Version 2012-10-17: policy variables are substituted; older documents take them literally
 */
public record ParsedPolicy(String name, boolean variablesEnabled, List<Statement> statements) {

    private static final Set<String> TOP = Set.of("Version", "Id", "Statement");
    private static final Set<String> STATEMENT = Set.of("Sid", "Effect", "Action", "NotAction", "Resource",
            "NotResource", "Principal", "NotPrincipal", "Condition");

    public ParsedPolicy {
        Objects.requireNonNull(name, "name");
        statements = List.copyOf(statements);
    }

    /** Parses a document (plain JSON, not URL-encoded). */
    public static ParsedPolicy parse(String name, String json) {
        JsonElement root;
        try {
            root = StrictJson.parse(json);
        } catch (StrictJson.DuplicateKeyException e) {
            throw new UnsupportedPolicyException(name + " is ambiguous: " + e.getMessage() + "; AWS documents no"
                    + " answer for a repeated key, so the evaluator refuses rather than guess");
        } catch (JsonParseException e) {
            throw new UnsupportedPolicyException(name + " is " + JsonErrors.failure(e) + ": " + JsonErrors.describe(e));
        }
        if (!root.isJsonObject()) {
            throw new UnsupportedPolicyException(name + " is not a policy document (expected a JSON object)");
        }
        JsonObject document = root.getAsJsonObject();
        unknown(name, "", document, TOP);
        String version = document.has("Version") ? text(name, "Version", document.get("Version")) : "2008-10-17";
        if (!version.equals("2012-10-17") && !version.equals("2008-10-17")) {
            throw new UnsupportedPolicyException(name + ": Version " + version + " is not a policy language version"
                    + " (2012-10-17 or 2008-10-17)");
        }
        JsonElement body = document.get("Statement");
        if (body == null) {
            throw new UnsupportedPolicyException(name + " has no Statement");
        }
        List<JsonElement> elements = new ArrayList<>();
        if (body.isJsonArray()) {
            body.getAsJsonArray().forEach(elements::add);
        } else {
            elements.add(body);
        }
        List<Statement> statements = new ArrayList<>();
        for (int i = 0; i < elements.size(); i++) {
            statements.add(statement(name, i, elements.get(i)));
        }
        return new ParsedPolicy(name, version.equals("2012-10-17"), statements);
    }

    /**
     * IAM's rules for the Sid element (reference_policies_elements_sid): "In IAM, the Sid value must be unique within
     * a JSON policy", and in the documents IAM stores as permissions (identity policies, boundaries) "The Sid element
     * supports ASCII uppercase letters (A-Z), lowercase letters (a-z), and numbers (0-9)". Other services' policies
     * (a bucket's, a key's: AWS's default key policy has "Enable IAM User Permissions") have rules of their own.
     *
     * @param kind the document's kind, as the refusal names it ({@code an identity policy})
     * @param lettersAndDigits whether to hold the Sids to ASCII letters and digits
     */
    public void checkIamSids(String kind, boolean lettersAndDigits) {
        Map<String, Integer> seen = new java.util.HashMap<>();
        for (int i = 0; i < statements.size(); i++) {
            String label = statements.get(i).label();
            if (label.equals("#" + (i + 1))) {
                continue;
            }
            if (lettersAndDigits && !label.matches("[A-Za-z0-9]+")) {
                throw new UnsupportedPolicyException(name + " statement " + label + ": Sid '" + label + "' has"
                        + " characters other than ASCII letters and digits, which IAM refuses in " + kind);
            }
            Integer first = seen.putIfAbsent(label, i + 1);
            if (first != null) {
                throw new UnsupportedPolicyException(name + " statement " + label + ": Sid '" + label + "' is also"
                        + " statement #" + first + "'s; IAM requires each Sid to be unique within a policy, and refuses"
                        + " " + kind + " that repeats one");
            }
        }
    }

    private static Statement statement(String name, int index, JsonElement element) {
        if (!element.isJsonObject()) {
            throw new UnsupportedPolicyException(name + " statement #" + (index + 1) + " is not a JSON object");
        }
        JsonObject s = element.getAsJsonObject();
        String label = s.has("Sid") && !text(name, "Sid", s.get("Sid")).isBlank() ? text(name, "Sid", s.get("Sid"))
                : "#" + (index + 1);
        String where = name + " statement " + label;
        unknown(name, " statement " + label, s, STATEMENT);
        Effect effect = switch (s.has("Effect") ? text(where, "Effect", s.get("Effect")) : "") {
            case "Allow" -> Effect.ALLOW;
            case "Deny" -> Effect.DENY;
            default -> throw new UnsupportedPolicyException(where + ": Effect must be Allow or Deny");
        };
        boolean notAction = exactlyOne(where, s, "Action", "NotAction", true);
        List<String> actions = strings(where, notAction ? "NotAction" : "Action", s.get(notAction ? "NotAction"
                : "Action"));
        for (String action : actions) {
            if (!action.equals("*") && !action.matches("[A-Za-z0-9-]+:[A-Za-z0-9*?_-]*")) {
                throw new UnsupportedPolicyException(where + ": action '" + action + "' is not service:Action");
            }
        }
        boolean notResource = exactlyOne(where, s, "Resource", "NotResource", false);
        Optional<List<String>> resources = Optional.ofNullable(s.get(notResource ? "NotResource" : "Resource"))
                .map(r -> strings(where, notResource ? "NotResource" : "Resource", r));
        resources.ifPresent(list -> list.forEach(r -> {
            if (!r.equals("*") && r.split(":", 6).length < 6) {
                throw new UnsupportedPolicyException(where + ": resource '" + r + "' is neither * nor an ARN with six"
                        + " colon-separated parts");
            }
            // "You can't use a variable to replace parts of the ARN before the fifth colon" (policy variables page).
            if (!r.equals("*") && r.substring(0, r.length() - r.split(":", 6)[5].length()).contains("${")) {
                throw new UnsupportedPolicyException(where + ": resource '" + r + "' has a policy variable before the"
                        + " fifth colon; AWS allows variables only in the resource part of an ARN");
            }
        }));
        boolean notPrincipal = exactlyOne(where, s, "Principal", "NotPrincipal", false);
        Optional<Principals> principals = Optional.ofNullable(s.get(notPrincipal ? "NotPrincipal" : "Principal"))
                .map(p -> principals(where, notPrincipal ? "NotPrincipal" : "Principal", p));
        if (notPrincipal && effect == Effect.ALLOW) {
            // "NotPrincipal must be used with "Effect":"Deny"" (reference_policies_elements_notprincipal).
            throw new UnsupportedPolicyException(where + ": NotPrincipal with Effect Allow is not valid; AWS allows"
                    + " NotPrincipal only with Deny");
        }
        return new Statement(label, effect, actions, notAction, resources, notResource, principals, notPrincipal,
                conditions(where, s.get("Condition")));
    }

    private static List<Condition> conditions(String where, JsonElement element) {
        if (element == null) {
            return List.of();
        }
        if (!element.isJsonObject()) {
            throw new UnsupportedPolicyException(where + ": Condition must be an object of operators");
        }
        List<Condition> conditions = new ArrayList<>();
        for (Map.Entry<String, JsonElement> operator : element.getAsJsonObject().entrySet()) {
            ConditionOperator op;
            try {
                op = ConditionOperator.parse(operator.getKey());
            } catch (UnsupportedPolicyException e) {
                throw new UnsupportedPolicyException(where + ": " + e.getMessage());
            }
            if (!operator.getValue().isJsonObject()) {
                throw new UnsupportedPolicyException(where + ": " + operator.getKey() + " must map keys to values");
            }
            for (Map.Entry<String, JsonElement> key : operator.getValue().getAsJsonObject().entrySet()) {
                conditions.add(new Condition(op, key.getKey(), strings(where, operator.getKey() + " " + key.getKey(),
                        key.getValue())));
            }
        }
        return conditions;
    }

    private static Principals principals(String where, String element, JsonElement value) {
        if (value.isJsonPrimitive()) {
            if (!value.getAsString().equals("*")) {
                throw new UnsupportedPolicyException(where + ": " + element + " must be \"*\" or an object such as"
                        + " {\"AWS\": ...} or {\"Service\": ...}");
            }
            return new Principals(true, List.of(), List.of());
        }
        if (!value.isJsonObject()) {
            throw new UnsupportedPolicyException(where + ": " + element + " must be \"*\" or an object");
        }
        List<String> aws = new ArrayList<>();
        List<String> services = new ArrayList<>();
        for (Map.Entry<String, JsonElement> type : value.getAsJsonObject().entrySet()) {
            List<String> values = strings(where, element + " " + type.getKey(), type.getValue());
            switch (type.getKey()) {
                case "AWS" -> {
                    values.forEach(v -> PrincipalArn.validatePolicyValue(where, v));
                    aws.addAll(values);
                }
                case "Service" -> {
                    values.forEach(v -> {
                        if (v.contains("*") || v.contains("?")) {
                            throw new UnsupportedPolicyException(where + ": service principal '" + v + "' has a"
                                    + " wildcard; AWS does not match principals by pattern");
                        }
                    });
                    services.addAll(values);
                }
                default -> throw new UnsupportedPolicyException(where + ": " + element + " type " + type.getKey()
                        + " is not supported (only AWS and Service)");
            }
        }
        return new Principals(false, aws, services);
    }

    private static boolean exactlyOne(String where, JsonObject s, String positive, String negative, boolean required) {
        if (s.has(positive) && s.has(negative)) {
            throw new UnsupportedPolicyException(where + " has both " + positive + " and " + negative);
        }
        if (required && !s.has(positive) && !s.has(negative)) {
            throw new UnsupportedPolicyException(where + " has neither " + positive + " nor " + negative);
        }
        return s.has(negative);
    }

    private static void unknown(String name, String where, JsonObject object, Set<String> known) {
        for (String key : object.keySet()) {
            if (!known.contains(key)) {
                throw new UnsupportedPolicyException(name + where + ": element " + key + " is not supported");
            }
        }
    }

    private static String text(String where, String element, JsonElement value) {
        if (!value.isJsonPrimitive()) {
            throw new UnsupportedPolicyException(where + ": " + element + " must be a string");
        }
        return value.getAsString();
    }

    /** A string, number or boolean, or an array of them, as strings (condition values may be JSON booleans). */
    private static List<String> strings(String where, String element, JsonElement value) {
        List<String> out = new ArrayList<>();
        JsonArray array = value.isJsonArray() ? value.getAsJsonArray() : null;
        for (JsonElement item : array == null ? List.of(value) : array.asList()) {
            if (!(item instanceof JsonPrimitive primitive)) {
                throw new UnsupportedPolicyException(where + ": " + element + " must be a string or a list of strings");
            }
            out.add(primitive.getAsString());
        }
        if (out.isEmpty()) {
            throw new UnsupportedPolicyException(where + ": " + element + " is an empty list");
        }
        return out;
    }
}
