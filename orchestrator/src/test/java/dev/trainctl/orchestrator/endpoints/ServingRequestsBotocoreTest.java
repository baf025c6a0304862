package dev.trainctl.orchestrator.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.trainctl.orchestrator.aws.AwsRequestJson;
import dev.trainctl.orchestrator.aws.Change;
import dev.trainctl.orchestrator.fakes.FakeSageMaker;
import dev.trainctl.orchestrator.image.DefaultImage;
import dev.trainctl.orchestrator.names.ResourceNames;
import dev.trainctl.training.serving.ImageBatch;
import dev.trainctl.training.serving.PredictionsJson;
import dev.trainctl.training.train.SyntheticModel;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointRequest;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointRequest;

/**
 * Every request deploy, predict/evaluate --endpoint and undeploy build, validated against AWS's published API models
 * (botocore, on every machine here): required members, types, enums, ranges, and each string's pattern in full. The
 * requests go to the script as the JSON {@code --dry-run} prints, so the lead can fold this into the project-wide
 * validator (issue 23) by adding these requests to its list.
 */
class ServingRequestsBotocoreTest {

    static final ResourceNames NAMES = ResourceNames.of("aws", "123456789012", "eu-west-1", "trainctl-mnist");
    static final String JOB = "trainctl-mnist-20261205-120000-000";

    @TempDir
    Path temp;

    @Test
    void everyServingRequestIsValidForAwsApiModels() throws Exception {
        JsonArray requests = new JsonArray();
        for (ServerlessSettings settings : List.of(ServerlessSettings.defaults(), new ServerlessSettings(6144, 200),
                new ServerlessSettings(1024, 1))) {
            EndpointSpec spec = EndpointSpec.forJob(NAMES, JOB, DefaultImage.in(NAMES.repositoryUri()),
                    NAMES.servingRoleArn(), settings);
            for (SdkRequest request : List.<SdkRequest>of(EndpointRequests.createModel(spec),
                    EndpointRequests.createEndpointConfig(spec), EndpointRequests.createEndpoint(spec))) {
                requests.add(AwsRequestJson.describe(request));
            }
        }
        requests.add(AwsRequestJson.describe(DescribeEndpointRequest.builder().endpointName(JOB).build()));
        FakeSageMaker sageMaker = new FakeSageMaker();
        EndpointSpec spec = EndpointSpec.forJob(NAMES, JOB, "image", NAMES.servingRoleArn(),
                ServerlessSettings.defaults());
        sageMaker.createModel(EndpointRequests.createModel(spec));
        sageMaker.createEndpointConfig(EndpointRequests.createEndpointConfig(spec));
        sageMaker.createEndpoint(EndpointRequests.createEndpoint(spec));
        for (Change change : new ServingTeardown(sageMaker).forEndpoint(NAMES, JOB).changes()) {
            requests.add(AwsRequestJson.describe(change.request()));
        }
        JsonObject invoke = AwsRequestJson.describe(InvokeEndpointRequest.builder().endpointName(JOB)
                .contentType("application/json").accept("application/json").body(SdkBytes.fromByteArray(
                        PredictionsJson.request(ImageBatch.of(SyntheticModel.TEST, 0, 100)))).build());
        invoke.addProperty("service", "sagemaker-runtime");
        requests.add(invoke);

        assertThat(requests).hasSize(14);
        assertThat(validate(requests)).isEmpty();
    }

    @Test
    void theValidatorCatchesARequestAwsWouldRefuse() throws Exception {
        JsonArray requests = new JsonArray();
        JsonObject bad = AwsRequestJson.describe(DescribeEndpointRequest.builder().endpointName("not_a valid name")
                .build());
        requests.add(bad);
        assertThat(validate(requests)).contains("does not match");
    }

    private String validate(JsonArray requests) throws Exception {
        Path file = Files.writeString(temp.resolve("requests.json"), requests.toString());
        Path script = temp.resolve("validate_requests.py");
        try (InputStream in = getClass().getResourceAsStream("/botocore/validate_requests.py")) {
            Files.copy(in, script);
        }
        Process python = new ProcessBuilder("python3", script.toString(), file.toString()).redirectErrorStream(true)
                .start();
        String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(python.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(python.exitValue()).as(output).isIn(0, 1);
        return output;
    }
}
