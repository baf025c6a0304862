package dev.trainctl.orchestrator.rolecheck;

import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.iam.model.ContextEntry;
import software.amazon.awssdk.services.iam.model.ContextKeyTypeEnum;

/**
 * A condition key value given to the policy simulator, so that statements with conditions are evaluated as they would
 * be for the real request ({@code s3:prefix} on ListBucket, {@code cloudwatch:namespace} on PutMetricData).
 */
public record ContextValue(String key, ContextKeyTypeEnum type, List<String> values) {

    public ContextValue {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("context key " + key + " needs a value");
        }
    }

    public static ContextValue string(String key, String value) {
        return new ContextValue(key, ContextKeyTypeEnum.STRING, List.of(value));
    }

    public static ContextValue stringList(String key, String... values) {
        return new ContextValue(key, ContextKeyTypeEnum.STRING_LIST, List.of(values));
    }

    public static ContextValue numeric(String key, long value) {
        return new ContextValue(key, ContextKeyTypeEnum.NUMERIC, List.of(Long.toString(value)));
    }

    public static ContextValue bool(String key, boolean value) {
        return new ContextValue(key, ContextKeyTypeEnum.BOOLEAN, List.of(Boolean.toString(value)));
    }

    public ContextEntry toEntry() {
        return ContextEntry.builder().contextKeyName(key).contextKeyType(type).contextKeyValues(values).build();
    }

    @Override
    public String toString() {
        return key + "=" + String.join(",", values);
    }
}
