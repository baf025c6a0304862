package dev.trainctl.orchestrator.endpoints;

import dev.trainctl.orchestrator.aws.AwsErrors;
import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.TrainctlException;
import dev.trainctl.orchestrator.names.ResourceNames;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointConfigResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelResponse;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/**
 * Reads trainctl's serving resources in SageMaker: a model, endpoint config or endpoint of a name, if it exists, and
 * whether it carries trainctl's tags for the trainctl name (deploy reuses, and undeploy and teardown delete, only
 * those that do).
 */
public final class ServingResources {

    private final SageMakerClient sageMaker;

    public ServingResources(SageMakerClient sageMaker) {
        this.sageMaker = sageMaker;
    }

    public Optional<DescribeEndpointResponse> endpoint(String name) {
        return find("sagemaker:DescribeEndpoint", name, () -> sageMaker.describeEndpoint(r -> r.endpointName(name)));
    }

    public Optional<DescribeEndpointConfigResponse> endpointConfig(String name) {
        return find("sagemaker:DescribeEndpointConfig", name, () -> sageMaker.describeEndpointConfig(
                r -> r.endpointConfigName(name)));
    }

    public Optional<DescribeModelResponse> model(String name) {
        return find("sagemaker:DescribeModel", name, () -> sageMaker.describeModel(r -> r.modelName(name)));
    }

    /** Whether the resource carries {@code managed-by=trainctl} and {@code trainctl:name=NAME}. */
    public boolean ours(String arn, ResourceNames names) {
        Map<String, String> tags;
        try {
            tags = sageMaker.listTagsPaginator(r -> r.resourceArn(arn)).tags().stream()
                    .collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b));
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "sagemaker:ListTags", arn);
        }
        return ResourceNames.Tag.TRAINCTL.equals(tags.get(ResourceNames.Tag.MANAGED_BY))
                && names.name().equals(tags.get(ResourceNames.Tag.NAME));
    }

    /** Fails with exit 7 unless the resource is trainctl's for this name. */
    public void requireOurs(String arn, String what, ResourceNames names) {
        if (!ours(arn, names)) {
            throw new TrainctlException(ExitCode.AWS_CONFLICT, what + " " + arn + " exists but is not trainctl's"
                    + " for '" + names.name() + "' (no managed-by=trainctl, trainctl:name=" + names.name()
                    + " tags): trainctl never changes or deletes what it did not create");
        }
    }

    /**
     * SageMaker answers a Describe of a missing model, config or endpoint with a ValidationException ("Could not find
     * endpoint ...") rather than a not-found code.
     */
    public static boolean missing(SdkException e) {
        if (AwsErrors.isNotFound(e)) {
            return true;
        }
        return e instanceof AwsServiceException service && AwsErrors.errorCode(service).startsWith("Validation")
                && String.valueOf(service.awsErrorDetails() == null ? service.getMessage()
                        : service.awsErrorDetails().errorMessage()).toLowerCase(Locale.ROOT).contains("could not find");
    }

    private static <T> Optional<T> find(String action, String name, Supplier<T> describe) {
        try {
            return Optional.of(describe.get());
        } catch (SdkException e) {
            if (missing(e)) {
                return Optional.empty();
            }
            throw AwsErrors.translate(e, action, name);
        }
    }
}
