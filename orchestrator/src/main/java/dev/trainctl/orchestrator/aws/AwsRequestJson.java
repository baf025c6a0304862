package dev.trainctl.orchestrator.aws;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.JsonSyntaxException;
import dev.trainctl.orchestrator.cli.Console;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;

/**
 * Renders any SDK request as the JSON that {@code --dry-run} prints:
 * {@code {"service": "iam", "operation": "CreateRole", "request": {"RoleName": ...}}}. Member names are the AWS API's
 * own (as in the API reference and the AWS CLI's {@code --cli-input-json}). Two forms: {@link Form#EXACT} (what
 * {@code --output json} prints) is what the SDK sends, value for value, so a script can replay it: a policy document
 * is the JSON string the API takes, a number the API carries as a string ({@code Amount}) is that string, bytes are
 * base64. {@link Form#READABLE} (text output) shows a policy document parsed, so it reads like the document it is.
 * In both, values of members whose names suggest a secret are redacted.
 */
public final class AwsRequestJson {

    static final String REDACTED = "*** redacted ***";

    /** Member names that may carry secrets; their values are never printed. */
    private static final Set<String> SECRET_WORDS = Set.of("secret", "password", "sessiontoken", "privatekey",
            "authorizationtoken", "credentials", "sseCustomerKey".toLowerCase(Locale.ROOT));

    /** How a request is printed. */
    public enum Form {
        /** What the SDK sends: {@code --output json}. */
        EXACT,
        /** Policy documents parsed, for people: text output. */
        READABLE;

        /** The form a console prints: exact for {@code --output json}, readable for text. */
        public static Form of(Console console) {
            return console.json() ? EXACT : READABLE;
        }
    }

    private AwsRequestJson() {}

    /** {@code {"service": ..., "operation": ..., "request": {...}}} for one request. */
    public static JsonObject describe(SdkRequest request, Form form) {
        JsonObject json = new JsonObject();
        json.addProperty("service", AwsActions.service(request));
        json.addProperty("operation", AwsActions.operation(request));
        json.add("request", toJson(request, form));
        return json;
    }

    /** The request as pretty-printed JSON text, ready for the console. */
    public static String print(SdkRequest request, Form form) {
        return Console.gson().toJson(describe(request, form));
    }

    /** Any SDK value object (request, response, nested shape) as a JSON object of its set members. */
    public static JsonObject toJson(SdkPojo pojo, Form form) {
        JsonObject json = new JsonObject();
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = field.getValueOrDefault(pojo);
            if (!isSet(value)) {
                continue;
            }
            String name = field.memberName();
            json.add(name, isSecret(name) ? new JsonPrimitive(REDACTED) : value(name, value, form));
        }
        return json;
    }

    private static JsonElement value(String name, Object value, Form form) {
        if (value instanceof SdkPojo pojo) {
            return toJson(pojo, form);
        }
        if (value instanceof String text) {
            return form == Form.READABLE && name.toLowerCase(Locale.ROOT).contains("policy") ? maybeDocument(text)
                    : new JsonPrimitive(text);
        }
        if (value instanceof BigDecimal decimal) {
            // The SDK sends a BigDecimal as this string (Budgets' Amount is a string in the API).
            return new JsonPrimitive(decimal.toString());
        }
        if (value instanceof Number number) {
            return new JsonPrimitive(number);
        }
        if (value instanceof Boolean bool) {
            return new JsonPrimitive(bool);
        }
        if (value instanceof Instant instant) {
            return new JsonPrimitive(instant.toString());
        }
        if (value instanceof SdkBytes bytes) {
            return new JsonPrimitive(form == Form.EXACT ? Base64.getEncoder().encodeToString(bytes.asByteArrayUnsafe())
                    : "<" + bytes.asByteArrayUnsafe().length + " bytes>");
        }
        if (value instanceof Collection<?> list) {
            JsonArray array = new JsonArray();
            list.forEach(item -> array.add(item == null ? JsonNull.INSTANCE : value(name, item, form)));
            return array;
        }
        if (value instanceof Map<?, ?> map) {
            JsonObject object = new JsonObject();
            map.forEach((key, item) -> object.add(String.valueOf(key), isSecret(String.valueOf(key))
                    ? new JsonPrimitive(REDACTED) : item == null ? JsonNull.INSTANCE
                    : value(String.valueOf(key), item, form)));
            return object;
        }
        return new JsonPrimitive(String.valueOf(value));
    }

    /** A policy document carried as a string is shown as JSON, so it reads like the document it is. */
    private static JsonElement maybeDocument(String text) {
        String trimmed = text.trim();
        if (trimmed.startsWith("{")) {
            try {
                return JsonParser.parseString(trimmed);
            } catch (JsonSyntaxException e) {
                return new JsonPrimitive(text);
            }
        }
        return new JsonPrimitive(text);
    }

    /** Auto-constructed empty lists and maps mean "not set" in the SDK. */
    private static boolean isSet(Object value) {
        return value != null && !(value instanceof SdkAutoConstructList) && !(value instanceof SdkAutoConstructMap);
    }

    static boolean isSecret(String memberName) {
        String lower = memberName.toLowerCase(Locale.ROOT);
        return SECRET_WORDS.stream().anyMatch(lower::contains);
    }
}
