package dev.trainctl.orchestrator.policy;

import dev.trainctl.orchestrator.names.ResourceNames;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.policybuilder.iam.IamCondition;
import software.amazon.awssdk.policybuilder.iam.IamConditionOperator;
import software.amazon.awssdk.policybuilder.iam.IamEffect;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;

/**
 * The caller policy's statements for {@code deploy}, {@code predict/evaluate --endpoint} and {@code undeploy}: pass
 * the serving role to SageMaker only, create this name's models, serverless endpoint configs within caps (never an
 * instance-backed variant, which bills by the hour whether used or not) and endpoints, all tagged as trainctl's; use
 * them; delete only those that carry trainctl's tags.
 */
public final class ServingCallerStatements {

    /** The most memory an endpoint config may ask for: 3 GB (AWS allows 1024 to 6144 MB in 1 GB steps). */
    public static final int MAX_MEMORY_MB = 3072;
    /** The most concurrent invocations (AWS allows 1 to 200): with the memory cap, the most it can bill at once. */
    public static final int MAX_CONCURRENCY = 5;

    private ServingCallerStatements() {}

    /** Every resource must be created with trainctl's tags for this name, so teardown can tell it is trainctl's. */
    private static List<IamCondition> taggedOnCreate(ResourceNames names) {
        return List.of(
                IamCondition.create(IamConditionOperator.STRING_EQUALS, "aws:RequestTag/" + ResourceNames.Tag.MANAGED_BY,
                        ResourceNames.Tag.TRAINCTL),
                IamCondition.create(IamConditionOperator.STRING_EQUALS, "aws:RequestTag/" + ResourceNames.Tag.NAME,
                        names.name()));
    }

    /** Only resources that carry trainctl's tags for this name may be deleted. */
    private static List<IamCondition> taggedAsOurs(ResourceNames names) {
        return List.of(
                IamCondition.create(IamConditionOperator.STRING_EQUALS, "sagemaker:ResourceTag/"
                        + ResourceNames.Tag.MANAGED_BY, ResourceNames.Tag.TRAINCTL),
                IamCondition.create(IamConditionOperator.STRING_EQUALS, "sagemaker:ResourceTag/"
                        + ResourceNames.Tag.NAME, names.name()));
    }

    /**
     * Serverless only, within the caps: {@code sagemaker:InstanceTypes} is set for every instance-backed variant, so
     * Null=true refuses any config with one; {@code sagemaker:ServerlessMemorySize} must be present (Null=false) and
     * both serverless keys at most the caps. AWS has no condition key for ProvisionedConcurrency (which bills while
     * idle); it cannot exceed MaxConcurrency, so the concurrency cap bounds it.
     */
    private static List<IamCondition> serverlessWithinCaps(ResourceNames names) {
        List<IamCondition> conditions = new ArrayList<>(taggedOnCreate(names));
        conditions.add(IamCondition.create(IamConditionOperator.NULL, "sagemaker:InstanceTypes", "true"));
        conditions.add(IamCondition.create(IamConditionOperator.NULL, "sagemaker:ServerlessMemorySize", "false"));
        conditions.add(IamCondition.create(IamConditionOperator.NUMERIC_LESS_THAN_EQUALS,
                "sagemaker:ServerlessMemorySize", Integer.toString(MAX_MEMORY_MB)));
        conditions.add(IamCondition.create(IamConditionOperator.NUMERIC_LESS_THAN_EQUALS,
                "sagemaker:ServerlessMaxConcurrency", Integer.toString(MAX_CONCURRENCY)));
        names.modelArnPatterns().forEach(model -> conditions.add(IamCondition.create(IamConditionOperator.ARN_LIKE,
                "sagemaker:ModelArn", model)));
        return conditions;
    }

    /** {@code policy show caller-serving}: the caller's permissions to deploy, invoke and undeploy. */
    public static IamPolicy document(ResourceNames names) {
        List<String> all = new ArrayList<>(names.modelArnPatterns());
        all.addAll(names.endpointConfigArnPatterns());
        all.addAll(names.endpointArnPatterns());
        return IamPolicy.builder().version(ExecutionRolePolicies.VERSION)
                .addStatement(CallerPolicy.passToSageMakerOnly("PassTheServingRoleToSageMakerOnly",
                        names.servingRoleArn()))
                .addStatement(s -> s.sid("CreateAndTagThisNamesServingResources").effect(IamEffect.ALLOW)
                        // Models and endpoints, and the tags on every Create call (authorized as sagemaker:AddTags),
                        // only with trainctl's tags for this name. One statement on the three types' patterns grants
                        // what one per type would: CreateModel is authorized only on a model, CreateEndpoint on an
                        // endpoint and its config (checked by their own patterns), and each pattern names its type.
                        .actionIds(List.of("sagemaker:CreateModel", "sagemaker:CreateEndpoint", "sagemaker:AddTags"))
                        .resourceIds(all)
                        .conditions(taggedOnCreate(names)))
                .addStatement(s -> s.sid("CreateServerlessEndpointConfigsWithinCaps").effect(IamEffect.ALLOW)
                        .addAction("sagemaker:CreateEndpointConfig")
                        .resourceIds(names.endpointConfigArnPatterns())
                        .conditions(serverlessWithinCaps(names)))
                .addStatement(s -> s.sid("WatchAndInvokeThisNamesEndpoints").effect(IamEffect.ALLOW)
                        .actionIds(List.of("sagemaker:DescribeModel", "sagemaker:DescribeEndpointConfig",
                                "sagemaker:DescribeEndpoint", "sagemaker:InvokeEndpoint", "sagemaker:ListTags"))
                        .resourceIds(all))
                .addStatement(s -> s.sid("DeleteOnlyWhatTrainctlCreated").effect(IamEffect.ALLOW)
                        .actionIds(List.of("sagemaker:DeleteEndpoint", "sagemaker:DeleteEndpointConfig",
                                "sagemaker:DeleteModel"))
                        .resourceIds(all)
                        .conditions(taggedAsOurs(names)))
                .addStatement(s -> s.sid("ListEndpoints").effect(IamEffect.ALLOW)
                        // The List actions have no resource type: "*" is the only valid value.
                        .actionIds(List.of("sagemaker:ListEndpoints", "sagemaker:ListEndpointConfigs",
                                "sagemaker:ListModels"))
                        .addResource("*"))
                .build();
    }
}
