package dev.trainctl.orchestrator.deploy;

import java.util.function.Consumer;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.SageMakerServiceClientConfiguration;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;

/**
 * A SageMaker client for the SDK's waiter that hands every DescribeEndpoint answer to a listener on its way back,
 * so the wait shows its progress (the waiter itself reports nothing until it ends).
 */
final class StatusReportingClient implements SageMakerClient {

    private final SageMakerClient delegate;
    private final Consumer<DescribeEndpointResponse> listener;

    StatusReportingClient(SageMakerClient delegate, Consumer<DescribeEndpointResponse> listener) {
        this.delegate = delegate;
        this.listener = listener;
    }

    @Override
    public DescribeEndpointResponse describeEndpoint(DescribeEndpointRequest request) {
        DescribeEndpointResponse response = delegate.describeEndpoint(request);
        listener.accept(response);
        return response;
    }

    @Override
    public SageMakerServiceClientConfiguration serviceClientConfiguration() {
        return delegate.serviceClientConfiguration();
    }

    @Override
    public String serviceName() {
        return delegate.serviceName();
    }

    /** The delegate belongs to the caller, who closes it. */
    @Override
    public void close() {
    }
}
