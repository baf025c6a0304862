package dev.trainctl.orchestrator.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import dev.trainctl.orchestrator.aws.AwsClients;
import dev.trainctl.orchestrator.aws.Change;
import dev.trainctl.orchestrator.cli.Invocation;
import dev.trainctl.orchestrator.deploy.DeployCommand;
import dev.trainctl.orchestrator.fakes.Cli;
import dev.trainctl.orchestrator.fakes.FakeSageMaker;
import dev.trainctl.orchestrator.fidelity.ApiModelCheck;
import dev.trainctl.orchestrator.image.DefaultImage;
import dev.trainctl.orchestrator.names.ResourceNames;
import dev.trainctl.training.serving.ImageBatch;
import dev.trainctl.training.serving.PredictionsJson;
import dev.trainctl.training.train.SyntheticModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointRequest;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointRequest;

/**
 * Every request deploy, predict/evaluate --endpoint and undeploy build, validated against AWS's published API models
 * (botocore, through issue 23's {@link ApiModelCheck}): required members, types, enums, ranges and patterns; and
 * {@code deploy --dry-run --output json} prints exactly requests the models accept.
 */
class ServingRequestsApiModelTest {

    @RegisterExtension
    static final ApiModelCheck API = new ApiModelCheck();

    static final ResourceNames NAMES = ResourceNames.of("aws", "123456789012", "eu-west-1", "trainctl-mnist");
    static final String JOB = "trainctl-mnist-20261205-120000-000";

    @Test
    void everyServingRequestIsValidForAwsApiModels() {
        List<SdkRequest> requests = new ArrayList<>();
        for (ServerlessSettings settings : List.of(ServerlessSettings.defaults(), new ServerlessSettings(6144, 200),
                new ServerlessSettings(1024, 1))) {
            EndpointSpec spec = EndpointSpec.forJob(NAMES, JOB, DefaultImage.in(NAMES.repositoryUri()),
                    NAMES.servingRoleArn(), settings);
            requests.addAll(List.of(EndpointRequests.createModel(spec), EndpointRequests.createEndpointConfig(spec),
                    EndpointRequests.createEndpoint(spec)));
        }
        requests.add(DescribeEndpointRequest.builder().endpointName(JOB).build());
        requests.add(EndpointRequests.headModel(EndpointSpec.forJob(NAMES, JOB, "image", NAMES.servingRoleArn(),
                ServerlessSettings.defaults()), NAMES.account()));
        FakeSageMaker sageMaker = new FakeSageMaker();
        EndpointSpec spec = EndpointSpec.forJob(NAMES, JOB, "image", NAMES.servingRoleArn(),
                ServerlessSettings.defaults());
        sageMaker.createModel(EndpointRequests.createModel(spec));
        sageMaker.createEndpointConfig(EndpointRequests.createEndpointConfig(spec));
        sageMaker.createEndpoint(EndpointRequests.createEndpoint(spec));
        new ServingTeardown(sageMaker).forEndpoint(NAMES, JOB).changes().stream().map(Change::request)
                .forEach(requests::add);
        requests.add(InvokeEndpointRequest.builder().endpointName(JOB).contentType("application/json")
                .accept("application/json").body(SdkBytes.fromByteArray(PredictionsJson.request(
                        ImageBatch.of(SyntheticModel.TEST, 0, 100)))).build());

        assertThat(requests).hasSize(15);
        API.assertValid(requests);
    }

    @Test
    void theDryRunPrintsOneDocumentOfRequestsTheModelsAccept() {
        Cli cli = new Cli();
        Function<Invocation, AwsClients> clients = invocation -> cli.clients().apply(invocation.global(),
                invocation.console());

        cli.s3.exists = true;
        cli.s3.objects.put("trainctl-mnist/output/" + JOB + "/output/model.tar.gz", "");
        int code = cli.run(new DeployCommand(clients, Map.of()), "deploy", "--on", "sagemaker", "--job", JOB,
                "--dry-run", "--output", "json");

        assertThat(code).as(cli.err).isZero();
        List<JsonElement> calls = JsonParser.parseString(cli.out).getAsJsonObject().getAsJsonArray("requests")
                .asList();
        assertThat(calls).extracting(c -> c.getAsJsonObject().get("operation").getAsString())
                .containsExactly("CreateModel", "CreateEndpointConfig", "CreateEndpoint");
        calls.forEach(API::assertValidCall);
    }

    @Test
    void theCheckCatchesARequestAwsWouldRefuse() {
        assertThat(API.findings(DescribeEndpointRequest.builder().endpointName("not_a valid name").build()))
                .isNotEmpty();
    }
}
