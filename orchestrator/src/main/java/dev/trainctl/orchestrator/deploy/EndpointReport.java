package dev.trainctl.orchestrator.deploy;

import com.google.gson.JsonObject;
import dev.trainctl.orchestrator.endpoints.EmulatedEndpoints;
import dev.trainctl.orchestrator.endpoints.EndpointSpec;
import java.util.List;

/** What {@code deploy} tells its user: the endpoint, how to call it, how it is billed, how to remove it. */
final class EndpointReport {

    private EndpointReport() {}

    static List<String> sageMaker(EndpointSpec spec, SageMakerDeployment.Result result) {
        String name = spec.name();
        return List.of(
                "endpoint " + name + ": InService (serverless, " + spec.serverless().memoryMb() + " MB, at most "
                        + spec.serverless().maxConcurrency() + " concurrent invocations)" + (result.created().isEmpty()
                        ? "" : "; created " + String.join(", ", result.created())),
                "call it:  trainctl predict --endpoint " + name + " --index 0",
                "          trainctl evaluate --endpoint " + name,
                "          or SageMaker Runtime's InvokeEndpoint, JSON {\"pixels\": [784 numbers 0-255]}, from any SDK",
                "billing:  per millisecond of compute at " + spec.serverless().memoryMb() + " MB while a request"
                        + " runs, plus per GB of data in and out; nothing while idle (the first request after an"
                        + " idle spell waits for a cold start)",
                "remove:   trainctl undeploy " + name + "   (deletes the endpoint, its config and its model)");
    }

    static List<String> emulated(EmulatedEndpoints.Entry entry) {
        String name = entry.name();
        return List.of(
                "endpoint " + name + ": " + entry.url(),
                "call it:  trainctl predict --on emulated --endpoint " + name + " --index 0",
                "          trainctl evaluate --on emulated --endpoint " + name,
                "billing:  none (this machine); the same model on SageMaker: 'trainctl deploy --on sagemaker --job "
                        + name + "'",
                "stop:     Ctrl-C, or 'trainctl undeploy --on emulated " + name + "'");
    }

    /** {@code deploy --on emulated --output json}, printed once the endpoint serves (or found already serving). */
    static JsonObject json(EmulatedEndpoints.Entry entry, boolean alreadyRunning) {
        JsonObject json = new JsonObject();
        json.addProperty("endpoint_name", entry.name());
        json.addProperty("url", entry.url());
        json.addProperty("pid", entry.pid());
        json.addProperty("model", entry.model());
        json.addProperty("role_arn", entry.roleArn());
        json.addProperty("already_running", alreadyRunning);
        return json;
    }

    static JsonObject json(EndpointSpec spec, SageMakerDeployment.Result result) {
        JsonObject json = new JsonObject();
        json.addProperty("endpoint_name", spec.name());
        json.addProperty("endpoint_arn", result.arn());
        json.addProperty("status", "InService");
        json.addProperty("model", spec.model().toString());
        json.addProperty("image", spec.image());
        json.addProperty("role_arn", spec.roleArn());
        json.addProperty("memory_mb", spec.serverless().memoryMb());
        json.addProperty("max_concurrency", spec.serverless().maxConcurrency());
        json.addProperty("already_deployed", result.alreadyInService());
        return json;
    }
}
