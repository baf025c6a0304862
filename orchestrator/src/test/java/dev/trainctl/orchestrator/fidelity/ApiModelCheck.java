package dev.trainctl.orchestrator.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.core.SdkRequest;

/**
 * A test class's API-model check: one {@link ApiModel} (one {@code python3}) for all its tests, assertions that fail
 * with each finding (operation, member path, rule, value), and the figures at the end: how many requests of how many
 * operations were validated. Register it with {@code @RegisterExtension static final ApiModelCheck API = new
 * ApiModelCheck();}.
 */
public final class ApiModelCheck implements BeforeAllCallback, AfterAllCallback {

    private ApiModel model;
    private final Set<String> operations = new TreeSet<>();
    private int requests;
    private long started;

    @Override
    public void beforeAll(ExtensionContext context) {
        started = System.nanoTime();
        model = ApiModel.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        model.close();
        if (requests == 0) {
            return;
        }
        System.out.printf("api-model: %s: %d requests of %d operations valid against botocore %s (%d ms): %s%n",
                context.getDisplayName(), requests, operations.size(), model.botocoreVersion(),
                (System.nanoTime() - started) / 1_000_000, String.join(" ", operations));
    }

    /** Every request is valid for its operation's input shape; fails with all findings otherwise. */
    public void assertValid(Collection<? extends SdkRequest> sent) {
        assertThat(sent).as("requests to validate").isNotEmpty();
        List<ApiModel.Finding> findings = new ArrayList<>();
        for (SdkRequest request : sent) {
            findings.addAll(findings(request));
        }
        assertThat(findings).as("requests AWS's API models refuse").isEmpty();
    }

    /** What the model finds wrong with one request (counted in the figures). */
    public synchronized List<ApiModel.Finding> findings(SdkRequest request) {
        List<ApiModel.Finding> found = model.validate(request);
        count(RequestCapture.service(request), RequestCapture.operation(request));
        return found;
    }

    /** A printed call, {@code {"service": ..., "operation": ..., "request": {...}}}, is valid for its operation. */
    public void assertValidCall(JsonElement call) {
        assertThat(findings(call.getAsJsonObject())).as("printed requests AWS's API models refuse").isEmpty();
    }

    public synchronized List<ApiModel.Finding> findings(JsonObject call) {
        String service = call.get("service").getAsString();
        String operation = call.get("operation").getAsString();
        count(service, operation);
        return model.validate(service, operation, call.getAsJsonObject("request"));
    }

    public ApiModel model() {
        return model;
    }

    private void count(String service, String operation) {
        requests++;
        operations.add(service + ":" + operation);
    }
}
