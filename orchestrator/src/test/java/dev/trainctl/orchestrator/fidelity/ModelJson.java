package dev.trainctl.orchestrator.fidelity;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Base64;
import dev.trainctl.orchestrator.aws.AwsActions;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
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

    /** {@code {"service": ..., "operation": ..., "request": {...}}}, as {@code --dry-run --output json} prints a call. */
    public static JsonObject call(SdkRequest request) {
        JsonObject call = new JsonObject();
        call.addProperty("service", RequestCapture.service(request));
        call.addProperty("operation", RequestCapture.operation(request));
        call.add("request", of(request));
        return call;
    }

    /** The calls among {@code requests} that change something (what a dry run prints), in order. */
    public static List<JsonObject> mutatingCalls(List<SdkRequest> requests) {
        return requests.stream().filter(r -> !AwsActions.isReadOnly(r)).map(ModelJson::call).toList();
    }

    /**
     * What a job's JSON dry run ({@code train} or {@code tune --on sagemaker}) says will be sent, in order: each upload's
     * call (its {@code body}, the local file, left out) and then the job's own call.
     */
    public static List<JsonObject> dryRunJobCalls(JsonObject printed) {
        List<JsonObject> calls = new java.util.ArrayList<>();
        printed.getAsJsonArray("uploads").forEach(upload -> {
            JsonObject call = upload.getAsJsonObject().deepCopy();
            call.remove("body");
            calls.add(call);
        });
        JsonObject job = new JsonObject();
        List.of("service", "operation", "request").forEach(key -> job.add(key, printed.get(key)));
        calls.add(job);
        return calls;
    }

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
