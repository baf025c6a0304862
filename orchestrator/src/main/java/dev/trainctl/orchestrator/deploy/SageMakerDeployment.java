package dev.trainctl.orchestrator.deploy;

import dev.trainctl.orchestrator.aws.AwsErrors;
import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.TrainctlException;
import dev.trainctl.orchestrator.endpoints.EndpointRequests;
import dev.trainctl.orchestrator.endpoints.EndpointSpec;
import dev.trainctl.orchestrator.endpoints.ServingResources;
import dev.trainctl.orchestrator.names.ResourceNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointConfigResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelResponse;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemaker.waiters.SageMakerWaiter;

/**
 * {@code deploy --on sagemaker}, the thin layer after the pure {@link EndpointRequests}: creates what is missing of
 * the model, the endpoint config and the endpoint (what exists must be trainctl's and match, so a second deploy of
 * the same model changes nothing), then waits with the SDK's waiter until the endpoint is InService, saying each
 * status it passes.
 */
public final class SageMakerDeployment {

    /** Serverless endpoints take a few minutes to create; SageMaker gives up on a failed one well within this. */
    static final Duration WAIT_TIMEOUT = Duration.ofMinutes(30);

    /** What the deploy did: what it created, and the endpoint's final description. */
    public record Result(String endpoint, String arn, List<String> created, boolean alreadyInService) {}

    private final SageMakerClient sageMaker;
    private final ServingResources resources;
    private final Consumer<String> log;
    private final Duration poll;

    public SageMakerDeployment(SageMakerClient sageMaker, Consumer<String> log, Duration poll) {
        this.sageMaker = sageMaker;
        this.resources = new ServingResources(sageMaker);
        this.log = log;
        this.poll = poll;
    }

    public Result deploy(EndpointSpec spec, ResourceNames names) {
        Optional<DescribeEndpointResponse> existing = resources.endpoint(spec.name());
        List<String> created = new ArrayList<>();
        if (existing.isPresent()) {
            DescribeEndpointResponse endpoint = existing.get();
            resources.requireOurs(endpoint.endpointArn(), "endpoint", names);
            switch (endpoint.endpointStatus()) {
                case IN_SERVICE -> {
                    log.accept("endpoint " + spec.name() + " is already deployed and InService: nothing to do");
                    return new Result(spec.name(), endpoint.endpointArn(), created, true);
                }
                case FAILED -> throw failed(endpoint);
                case DELETING, OUT_OF_SERVICE -> throw new TrainctlException(ExitCode.AWS_CONFLICT, "endpoint "
                        + spec.name() + " is " + endpoint.endpointStatusAsString() + ": deploy again once it is gone"
                        + " ('trainctl undeploy " + spec.name() + "' removes it)");
                default -> log.accept("endpoint " + spec.name() + " exists (" + endpoint.endpointStatusAsString()
                        + "): waiting for it");
            }
        } else {
            Optional<DescribeModelResponse> model = resources.model(spec.name());
            if (model.isPresent()) {
                reuseModel(model.get(), spec, names);
            } else {
                send(spec.name(), () -> sageMaker.createModel(
                        EndpointRequests.createModel(spec)), "sagemaker:CreateModel");
                created.add("model " + spec.name());
                log.accept("created model " + spec.name() + " (" + spec.image() + " serve, " + spec.model() + ", role "
                        + spec.roleArn() + ")");
            }
            Optional<DescribeEndpointConfigResponse> config = resources.endpointConfig(spec.name());
            if (config.isPresent()) {
                reuseConfig(config.get(), spec, names);
            } else {
                send(spec.name(), () -> sageMaker.createEndpointConfig(EndpointRequests.createEndpointConfig(spec)),
                        "sagemaker:CreateEndpointConfig");
                created.add("endpoint config " + spec.name());
                log.accept("created endpoint config " + spec.name() + " (serverless, " + spec.serverless().memoryMb()
                        + " MB, at most " + spec.serverless().maxConcurrency() + " concurrent invocations)");
            }
            send(spec.name(), () -> sageMaker.createEndpoint(EndpointRequests.createEndpoint(spec)),
                    "sagemaker:CreateEndpoint");
            created.add("endpoint " + spec.name());
            log.accept("created endpoint " + spec.name() + "; waiting until it is InService (a few minutes)");
        }
        DescribeEndpointResponse ready = awaitInService(spec.name());
        return new Result(spec.name(), ready.endpointArn(), created, false);
    }

    private void reuseModel(DescribeModelResponse model, EndpointSpec spec, ResourceNames names) {
        resources.requireOurs(model.modelArn(), "model", names);
        String url = model.primaryContainer() == null ? null : model.primaryContainer().modelDataUrl();
        String image = model.primaryContainer() == null ? null : model.primaryContainer().image();
        if (!spec.model().toString().equals(url) || !spec.image().equals(image)
                || !spec.roleArn().equals(model.executionRoleArn())) {
            throw new TrainctlException(ExitCode.AWS_CONFLICT, "model " + spec.name() + " exists with another"
                    + " artifact, image or role (" + url + ", " + image + ", " + model.executionRoleArn() + "):"
                    + " 'trainctl undeploy " + spec.name() + "' removes it, then deploy again");
        }
        log.accept("model " + spec.name() + " exists and matches: reused");
    }

    private void reuseConfig(DescribeEndpointConfigResponse config, EndpointSpec spec, ResourceNames names) {
        resources.requireOurs(config.endpointConfigArn(), "endpoint config", names);
        ProductionVariant variant = config.productionVariants().isEmpty() ? null : config.productionVariants().get(0);
        boolean same = variant != null && config.productionVariants().size() == 1 && variant.serverlessConfig() != null
                && spec.name().equals(variant.modelName())
                && variant.serverlessConfig().memorySizeInMB() == spec.serverless().memoryMb()
                && variant.serverlessConfig().maxConcurrency() == spec.serverless().maxConcurrency();
        if (!same) {
            throw new TrainctlException(ExitCode.AWS_CONFLICT, "endpoint config " + spec.name() + " exists with"
                    + " other settings: 'trainctl undeploy " + spec.name() + "' removes it, then deploy again");
        }
        log.accept("endpoint config " + spec.name() + " exists and matches: reused");
    }

    private static void send(String name, Runnable call, String action) {
        try {
            call.run();
        } catch (SdkException e) {
            throw AwsErrors.translate(e, action, name);
        }
    }

    /** The SDK's waiter, on a client that reports each new status as the waiter polls. */
    private DescribeEndpointResponse awaitInService(String name) {
        AtomicReference<DescribeEndpointResponse> last = new AtomicReference<>();
        StatusReportingClient reporting = new StatusReportingClient(sageMaker, response -> {
            DescribeEndpointResponse previous = last.getAndSet(response);
            if (previous == null || previous.endpointStatus() != response.endpointStatus()) {
                log.accept("  endpoint " + name + ": " + response.endpointStatusAsString());
            }
        });
        DescribeEndpointRequest describe = DescribeEndpointRequest.builder().endpointName(name).build();
        try (SageMakerWaiter waiter = SageMakerWaiter.builder().client(reporting)
                .overrideConfiguration(WaiterOverrideConfiguration.builder()
                        .backoffStrategyV2(poll.isZero() ? BackoffStrategy.retryImmediately()
                                : BackoffStrategy.fixedDelayWithoutJitter(poll))
                        .maxAttempts(Integer.MAX_VALUE)
                        .waitTimeout(WAIT_TIMEOUT).build())
                .build()) {
            waiter.waitUntilEndpointInService(describe);
        } catch (SdkException e) {
            // The waiter stops on Failed; the description says why.
            DescribeEndpointResponse now = resources.endpoint(name).orElseThrow(() -> AwsErrors.translate(e,
                    "sagemaker:DescribeEndpoint", name));
            if (now.endpointStatus() == EndpointStatus.IN_SERVICE) {
                return now;
            }
            if (now.endpointStatus() == EndpointStatus.FAILED) {
                throw failed(now);
            }
            throw new TrainctlException(ExitCode.FAILURE, "endpoint " + name + " is " + now.endpointStatusAsString()
                    + " after waiting " + WAIT_TIMEOUT.toMinutes() + " minutes: 'trainctl deploy' again waits on",
                    e);
        }
        return last.get() != null && last.get().endpointStatus() == EndpointStatus.IN_SERVICE ? last.get()
                : resources.endpoint(name).orElseThrow();
    }

    private static TrainctlException failed(DescribeEndpointResponse endpoint) {
        return new TrainctlException(ExitCode.FAILURE, "endpoint " + endpoint.endpointName() + " failed: "
                + endpoint.failureReason() + " ('trainctl undeploy " + endpoint.endpointName() + "' removes it; the"
                + " container's log is in /aws/sagemaker/Endpoints/" + endpoint.endpointName() + ")");
    }
}
