package dev.trainctl.orchestrator.endpoints;

import dev.trainctl.orchestrator.aws.AwsErrors;
import dev.trainctl.orchestrator.aws.Change;
import dev.trainctl.orchestrator.aws.Change.Kind;
import dev.trainctl.orchestrator.names.JobNames;
import dev.trainctl.orchestrator.names.ResourceNames;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DeleteEndpointConfigRequest;
import software.amazon.awssdk.services.sagemaker.model.DeleteEndpointRequest;
import software.amazon.awssdk.services.sagemaker.model.DeleteModelRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointConfigResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;

/**
 * Plans the deletion of trainctl's endpoints, endpoint configs and models: those of one endpoint
 * ({@code undeploy NAME}) or all of a name ({@code teardown}), only those that carry trainctl's tags for the name;
 * anything else is left alone and said so. Read-only calls; {@code ChangeExecutor} sends the deletes.
 */
public final class ServingTeardown {

    /** The deletes and what was left alone. */
    public record Plan(List<Change> changes, List<String> notes) {}

    private final SageMakerClient sageMaker;
    private final ServingResources resources;

    public ServingTeardown(SageMakerClient sageMaker) {
        this.sageMaker = sageMaker;
        this.resources = new ServingResources(sageMaker);
    }

    /** The endpoint {@code endpoint} of {@code names}, its config and its model (each named after the job). */
    public Plan forEndpoint(ResourceNames names, String endpoint) {
        List<Change> changes = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Set<String> configs = new LinkedHashSet<>();
        Set<String> models = new LinkedHashSet<>();
        Optional<DescribeEndpointResponse> found = resources.endpoint(endpoint);
        if (found.isPresent()) {
            if (deletable(found.get().endpointArn(), "endpoint " + endpoint, names, notes)) {
                changes.add(new Change("endpoint " + endpoint, Kind.DELETE, "delete the endpoint (its billing stops)",
                        DeleteEndpointRequest.builder().endpointName(endpoint).build()));
                configs.add(found.get().endpointConfigName());
            }
        } else {
            notes.add("endpoint " + endpoint + ": not found");
        }
        configs.add(endpoint);
        for (String config : configs) {
            Optional<DescribeEndpointConfigResponse> described = resources.endpointConfig(config);
            if (described.isPresent() && deletable(described.get().endpointConfigArn(), "endpoint config " + config,
                    names, notes)) {
                changes.add(new Change("endpoint config " + config, Kind.DELETE, "delete the endpoint config",
                        DeleteEndpointConfigRequest.builder().endpointConfigName(config).build()));
                described.get().productionVariants().stream().map(ProductionVariant::modelName).forEach(models::add);
            }
        }
        models.add(endpoint);
        for (String model : models) {
            resources.model(model).filter(m -> deletable(m.modelArn(), "model " + model, names, notes))
                    .ifPresent(m -> changes.add(new Change("model " + model, Kind.DELETE, "delete the model",
                            DeleteModelRequest.builder().modelName(model).build())));
        }
        return new Plan(changes, notes);
    }

    /** Every endpoint, endpoint config and model of the name that trainctl created. */
    public Plan forName(ResourceNames names) {
        List<Change> changes = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        String prefix = names.name();
        for (String endpoint : list("sagemaker:ListEndpoints", () -> sageMaker.listEndpointsPaginator(r -> r
                .nameContains(prefix)).endpoints().stream().map(e -> e.endpointName()).toList())) {
            if (JobNames.isOf(prefix, endpoint) && deletable(names.endpointArn(endpoint), "endpoint " + endpoint,
                    names, notes)) {
                changes.add(new Change("endpoint " + endpoint, Kind.DELETE, "delete the endpoint (its billing"
                        + " stops)", DeleteEndpointRequest.builder().endpointName(endpoint).build()));
            }
        }
        for (String config : list("sagemaker:ListEndpointConfigs", () -> sageMaker.listEndpointConfigsPaginator(r -> r
                .nameContains(prefix)).endpointConfigs().stream().map(c -> c.endpointConfigName()).toList())) {
            if (JobNames.isOf(prefix, config) && deletable(names.endpointConfigArn(config), "endpoint config "
                    + config, names, notes)) {
                changes.add(new Change("endpoint config " + config, Kind.DELETE, "delete the endpoint config",
                        DeleteEndpointConfigRequest.builder().endpointConfigName(config).build()));
            }
        }
        for (String model : list("sagemaker:ListModels", () -> sageMaker.listModelsPaginator(r -> r
                .nameContains(prefix)).models().stream().map(m -> m.modelName()).toList())) {
            if (JobNames.isOf(prefix, model) && deletable(names.modelArn(model), "model " + model, names, notes)) {
                changes.add(new Change("model " + model, Kind.DELETE, "delete the model",
                        DeleteModelRequest.builder().modelName(model).build()));
            }
        }
        return new Plan(changes, notes);
    }

    private boolean deletable(String arn, String what, ResourceNames names, List<String> notes) {
        if (resources.ours(arn, names)) {
            return true;
        }
        notes.add(what + ": not tagged managed-by=trainctl, trainctl:name=" + names.name() + "; left alone");
        return false;
    }

    private static List<String> list(String action, Supplier<List<String>> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw AwsErrors.translate(e, action, "*");
        }
    }
}
