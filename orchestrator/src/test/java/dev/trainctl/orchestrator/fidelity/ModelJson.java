package dev.trainctl.orchestrator.fidelity;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;

/**
 * An SDK request as the API model names it: each set member under its {@link SdkField#memberName()} (the model's
 * member name), each value as the SDK puts it on the wire: strings as they are (policy documents too), a
 * {@link BigDecimal} as its {@code toString()} (the SDK sends {@code 2E+1} for {@code stripTrailingZeros()} of 20),
 * bytes in base64. Independent of the product's own {@code AwsRequestJson}, so the two can be compared.
 */
public final class ModelJson {

    private ModelJson() {}

    public static JsonObject of(SdkPojo pojo) {
        JsonObject json = new JsonObject();
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = field.getValueOrDefault(pojo);
            if (isSet(value)) {
                json.add(field.memberName(), value(value));
            }
        }
        return json;
    }

    private static JsonElement value(Object value) {
        if (value instanceof SdkPojo pojo) {
            return of(pojo);
        }
        if (value instanceof String || value instanceof BigDecimal) {
            return new JsonPrimitive(value.toString());
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
            return new JsonPrimitive(Base64.getEncoder().encodeToString(bytes.asByteArrayUnsafe()));
        }
        if (value instanceof Collection<?> list) {
            JsonArray array = new JsonArray();
            list.forEach(item -> array.add(item == null ? JsonNull.INSTANCE : value(item)));
            return array;
        }
        if (value instanceof Map<?, ?> map) {
            JsonObject object = new JsonObject();
            map.forEach((key, item) -> object.add(String.valueOf(key), item == null ? JsonNull.INSTANCE : value(item)));
            return object;
        }
        throw new IllegalArgumentException("no model form for a " + value.getClass().getName());
    }

    /** The SDK's auto-constructed empty lists and maps are "not set": it sends nothing for them. */
    private static boolean isSet(Object value) {
        return value != null && !(value instanceof SdkAutoConstructList) && !(value instanceof SdkAutoConstructMap);
    }
}
