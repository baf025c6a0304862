package dev.trainctl.orchestrator.endpoints;

import java.util.List;
import java.util.TreeMap;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.sagemaker.model.ContainerDefinition;
import software.amazon.awssdk.services.sagemaker.model.CreateEndpointConfigRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateEndpointRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateModelRequest;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantServerlessConfig;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/** Turns an {@link EndpointSpec} into the exact requests that create it: pure, printable, testable. */
public final class EndpointRequests {

    private EndpointRequests() {}

    /**
     * The model: the image, started by SageMaker with the argument {@code serve}, with the artifact unpacked in
     * {@code /opt/ml/model}, fetched as the serving role. No network isolation: serverless endpoints do not support it
     * (AWS's list of features serverless inference excludes), which is why the serving role only reads.
     */
    /**
     * Whether the model artifact is there, asked before CreateModel: SageMaker accepts a model whose artifact does
     * not exist and fails only when the endpoint starts, minutes later. HeadObject is authorized as s3:GetObject.
     */
    public static HeadObjectRequest headModel(EndpointSpec spec, String account) {
        return HeadObjectRequest.builder().bucket(spec.model().bucket()).key(spec.model().key())
                .expectedBucketOwner(account).build();
    }

    public static CreateModelRequest createModel(EndpointSpec spec) {
        return CreateModelRequest.builder()
                .modelName(spec.name())
                .executionRoleArn(spec.roleArn())
                .primaryContainer(ContainerDefinition.builder()
                        .image(spec.image())
                        .modelDataUrl(spec.model().toString())
                        .build())
                .tags(tags(spec))
                .build();
    }

    /** One serverless variant (no instance type: nothing bills while idle) serving the model. */
    public static CreateEndpointConfigRequest createEndpointConfig(EndpointSpec spec) {
        return CreateEndpointConfigRequest.builder()
                .endpointConfigName(spec.name())
                .productionVariants(ProductionVariant.builder()
                        .variantName(EndpointSpec.VARIANT)
                        .modelName(spec.name())
                        .serverlessConfig(ProductionVariantServerlessConfig.builder()
                                .memorySizeInMB(spec.serverless().memoryMb())
                                .maxConcurrency(spec.serverless().maxConcurrency())
                                .build())
                        .build())
                .tags(tags(spec))
                .build();
    }

    public static CreateEndpointRequest createEndpoint(EndpointSpec spec) {
        return CreateEndpointRequest.builder()
                .endpointName(spec.name())
                .endpointConfigName(spec.name())
                .tags(tags(spec))
                .build();
    }

    static List<Tag> tags(EndpointSpec spec) {
        return new TreeMap<>(spec.tags()).entrySet().stream()
                .map(tag -> Tag.builder().key(tag.getKey()).value(tag.getValue()).build()).toList();
    }
}
