package dev.trainctl.orchestrator.fakes;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.CreateEndpointConfigRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateEndpointConfigResponse;
import software.amazon.awssdk.services.sagemaker.model.CreateEndpointRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.CreateModelRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateModelResponse;
import software.amazon.awssdk.services.sagemaker.model.DeleteEndpointConfigRequest;
import software.amazon.awssdk.services.sagemaker.model.DeleteEndpointConfigResponse;
import software.amazon.awssdk.services.sagemaker.model.DeleteEndpointRequest;
import software.amazon.awssdk.services.sagemaker.model.DeleteEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.DeleteModelRequest;
import software.amazon.awssdk.services.sagemaker.model.DeleteModelResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointConfigRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointConfigResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelResponse;
import software.amazon.awssdk.services.sagemaker.model.EndpointConfigSummary;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemaker.model.EndpointSummary;
import software.amazon.awssdk.services.sagemaker.model.ListEndpointConfigsRequest;
import software.amazon.awssdk.services.sagemaker.model.ListEndpointConfigsResponse;
import software.amazon.awssdk.services.sagemaker.model.ListEndpointsRequest;
import software.amazon.awssdk.services.sagemaker.model.ListEndpointsResponse;
import software.amazon.awssdk.services.sagemaker.model.ListModelsRequest;
import software.amazon.awssdk.services.sagemaker.model.ListModelsResponse;
import software.amazon.awssdk.services.sagemaker.model.ListTagsRequest;
import software.amazon.awssdk.services.sagemaker.model.ListTagsResponse;
import software.amazon.awssdk.services.sagemaker.model.ListTrainingJobsRequest;
import software.amazon.awssdk.services.sagemaker.model.ListTrainingJobsResponse;
import software.amazon.awssdk.services.sagemaker.model.ModelSummary;
import software.amazon.awssdk.services.sagemaker.model.Tag;
import software.amazon.awssdk.services.sagemaker.model.TrainingJobSummary;

/**
 * SageMaker's models, endpoint configs and endpoints in memory, with their tags, as AWS answers about them (a
 * missing one is a ValidationException "Could not find ..."). A new endpoint is Creating, then InService (or the
 * scripted statuses) as it is described; every request is recorded.
 */
public final class FakeSageMaker implements SageMakerClient {

    public static final String PREFIX = "arn:aws:sagemaker:us-east-1:" + FakeSts.ACCOUNT + ":";

    public final Recorder recorder = new Recorder();
    public final Map<String, CreateModelRequest> models = new LinkedHashMap<>();
    public final Map<String, CreateEndpointConfigRequest> configs = new LinkedHashMap<>();
    public final Map<String, CreateEndpointRequest> endpoints = new LinkedHashMap<>();
    public final Map<String, List<Tag>> tags = new LinkedHashMap<>();
    /** The statuses an endpoint shows on its next describes after creation; the last one stays. */
    public final Deque<EndpointStatus> statuses = new ArrayDeque<>(List.of(EndpointStatus.CREATING,
            EndpointStatus.IN_SERVICE));
    public final List<String> completedJobs = new ArrayList<>();
    private final Map<String, Deque<EndpointStatus>> progress = new LinkedHashMap<>();

    private static RuntimeException missing(String what, String name) {
        return AwsFaults.error(400, "ValidationException", "Could not find " + what + " \"" + PREFIX + what + "/"
                + name + "\".");
    }

    @Override
    public synchronized CreateModelResponse createModel(CreateModelRequest request) {
        recorder.add(request);
        models.put(request.modelName(), request);
        tags.put(PREFIX + "model/" + request.modelName(), request.tags());
        return CreateModelResponse.builder().modelArn(PREFIX + "model/" + request.modelName()).build();
    }

    @Override
    public synchronized CreateEndpointConfigResponse createEndpointConfig(CreateEndpointConfigRequest request) {
        recorder.add(request);
        configs.put(request.endpointConfigName(), request);
        tags.put(PREFIX + "endpoint-config/" + request.endpointConfigName(), request.tags());
        return CreateEndpointConfigResponse.builder().endpointConfigArn(PREFIX + "endpoint-config/"
                + request.endpointConfigName()).build();
    }

    @Override
    public synchronized CreateEndpointResponse createEndpoint(CreateEndpointRequest request) {
        recorder.add(request);
        endpoints.put(request.endpointName(), request);
        tags.put(PREFIX + "endpoint/" + request.endpointName(), request.tags());
        progress.put(request.endpointName(), new ArrayDeque<>(statuses));
        return CreateEndpointResponse.builder().endpointArn(PREFIX + "endpoint/" + request.endpointName()).build();
    }

    @Override
    public synchronized DescribeModelResponse describeModel(DescribeModelRequest request) {
        recorder.add(request);
        CreateModelRequest model = models.get(request.modelName());
        if (model == null) {
            throw missing("model", request.modelName());
        }
        return DescribeModelResponse.builder().modelName(model.modelName()).modelArn(PREFIX + "model/"
                + model.modelName()).primaryContainer(model.primaryContainer())
                .executionRoleArn(model.executionRoleArn()).build();
    }

    @Override
    public synchronized DescribeEndpointConfigResponse describeEndpointConfig(DescribeEndpointConfigRequest request) {
        recorder.add(request);
        CreateEndpointConfigRequest config = configs.get(request.endpointConfigName());
        if (config == null) {
            throw missing("endpoint-config", request.endpointConfigName());
        }
        return DescribeEndpointConfigResponse.builder().endpointConfigName(config.endpointConfigName())
                .endpointConfigArn(PREFIX + "endpoint-config/" + config.endpointConfigName())
                .productionVariants(config.productionVariants()).build();
    }

    @Override
    public synchronized DescribeEndpointResponse describeEndpoint(DescribeEndpointRequest request) {
        recorder.add(request);
        CreateEndpointRequest endpoint = endpoints.get(request.endpointName());
        if (endpoint == null) {
            throw missing("endpoint", request.endpointName());
        }
        Deque<EndpointStatus> next = progress.get(request.endpointName());
        EndpointStatus status = next.size() > 1 ? next.poll() : next.peek();
        return DescribeEndpointResponse.builder().endpointName(endpoint.endpointName())
                .endpointArn(PREFIX + "endpoint/" + endpoint.endpointName())
                .endpointConfigName(endpoint.endpointConfigName()).endpointStatus(status)
                .failureReason(status == EndpointStatus.FAILED ? "the container did not answer /ping" : null)
                .build();
    }

    @Override
    public synchronized ListTagsResponse listTags(ListTagsRequest request) {
        recorder.add(request);
        return ListTagsResponse.builder().tags(tags.getOrDefault(request.resourceArn(), List.of())).build();
    }

    @Override
    public synchronized DeleteEndpointResponse deleteEndpoint(DeleteEndpointRequest request) {
        recorder.add(request);
        endpoints.remove(request.endpointName());
        return DeleteEndpointResponse.builder().build();
    }

    @Override
    public synchronized DeleteEndpointConfigResponse deleteEndpointConfig(DeleteEndpointConfigRequest request) {
        recorder.add(request);
        configs.remove(request.endpointConfigName());
        return DeleteEndpointConfigResponse.builder().build();
    }

    @Override
    public synchronized DeleteModelResponse deleteModel(DeleteModelRequest request) {
        recorder.add(request);
        models.remove(request.modelName());
        return DeleteModelResponse.builder().build();
    }

    @Override
    public synchronized ListEndpointsResponse listEndpoints(ListEndpointsRequest request) {
        recorder.add(request);
        return ListEndpointsResponse.builder().endpoints(endpoints.keySet().stream()
                .filter(name -> name.contains(request.nameContains()))
                .map(name -> EndpointSummary.builder().endpointName(name).build()).toList()).build();
    }

    @Override
    public synchronized ListEndpointConfigsResponse listEndpointConfigs(ListEndpointConfigsRequest request) {
        recorder.add(request);
        return ListEndpointConfigsResponse.builder().endpointConfigs(configs.keySet().stream()
                .filter(name -> name.contains(request.nameContains()))
                .map(name -> EndpointConfigSummary.builder().endpointConfigName(name).build()).toList()).build();
    }

    @Override
    public synchronized ListModelsResponse listModels(ListModelsRequest request) {
        recorder.add(request);
        return ListModelsResponse.builder().models(models.keySet().stream()
                .filter(name -> name.contains(request.nameContains()))
                .map(name -> ModelSummary.builder().modelName(name).build()).toList()).build();
    }

    @Override
    public synchronized ListTrainingJobsResponse listTrainingJobs(ListTrainingJobsRequest request) {
        recorder.add(request);
        return ListTrainingJobsResponse.builder().trainingJobSummaries(completedJobs.stream()
                .map(job -> TrainingJobSummary.builder().trainingJobName(job).build()).toList()).build();
    }

    @Override
    public String serviceName() {
        return "sagemaker";
    }

    @Override
    public void close() {
    }
}
