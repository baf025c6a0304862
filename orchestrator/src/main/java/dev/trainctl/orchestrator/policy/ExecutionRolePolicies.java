package dev.trainctl.orchestrator.policy;

import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.policybuilder.iam.IamConditionOperator;
import software.amazon.awssdk.policybuilder.iam.IamEffect;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;
import software.amazon.awssdk.policybuilder.iam.IamPrincipalType;
import software.amazon.awssdk.policybuilder.iam.IamStatement;

/**
 * The execution role's two documents: who may assume it ({@link #trust}) and what a training job running as it may
 * do ({@link #permissions}). Pure functions of the {@link ResourceNames}; {@code provision}, {@code policy show} and
 * {@code role check} all use them.
 */
public final class ExecutionRolePolicies {

    public static final String VERSION = "2012-10-17";

    private ExecutionRolePolicies() {}

    /**
     * Only SageMaker may assume the role, and only on behalf of this account's training jobs named {@code NAME-*}:
     * {@code aws:SourceAccount} and {@code aws:SourceArn} stop the "confused deputy" (another account's job using it).
     */
    public static IamPolicy trust(ResourceNames names) {
        return IamPolicy.builder().version(VERSION)
                .addStatement(IamStatement.builder()
                        .sid("SageMakerTrainingJobsOfThisAccountOnly")
                        .effect(IamEffect.ALLOW)
                        .addPrincipal(IamPrincipalType.SERVICE, ResourceNames.SAGEMAKER_SERVICE)
                        .addAction("sts:AssumeRole")
                        .addCondition(IamConditionOperator.STRING_EQUALS, "aws:SourceAccount", names.account())
                        .addCondition(IamConditionOperator.ARN_LIKE, "aws:SourceArn", names.trainingJobArnPattern())
                        .build())
                .build();
    }

    /** {@link #trust(ResourceNames)} for the default bucket of the account and region. */
    public static IamPolicy trust(String partition, String account, String region, String name) {
        return trust(ResourceNames.of(partition, account, region, name));
    }

    /** {@link #trust(ResourceNames)} in the {@code aws} partition. */
    public static IamPolicy trust(String account, String region, String name) {
        return trust("aws", account, region, name);
    }

    /**
     * The role's inline policy: exactly what an MNIST training job needs, on exactly its resources. {@code kmsKeyArn}
     * adds decrypt/encrypt on that one key, for a bucket encrypted with SSE-KMS.
     */
    public static IamPolicy permissions(ResourceNames names, Optional<String> kmsKeyArn) {
        IamPolicy.Builder policy = IamPolicy.builder().version(VERSION)
                .addStatement(s -> s.sid("ListOnlyThisNamesPrefix").effect(IamEffect.ALLOW)
                        .addAction("s3:ListBucket")
                        .addResource(names.bucketArn())
                        .addCondition(IamConditionOperator.STRING_LIKE, "s3:prefix", names.name() + "/*"))
                .addStatement(s -> s.sid("ReadTrainingData").effect(IamEffect.ALLOW)
                        .addAction("s3:GetObject")
                        .addResource(names.objectsArn(names.dataPrefix())))
                .addStatement(s -> s.sid("WriteModelAndCheckpoints").effect(IamEffect.ALLOW)
                        .addAction("s3:PutObject")
                        .addResource(names.objectsArn(names.outputPrefix()))
                        .addResource(names.objectsArn(names.checkpointsPrefix())))
                .addStatement(s -> s.sid("PullTrainingImage").effect(IamEffect.ALLOW)
                        .actionIds(List.of("ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage",
                                "ecr:GetDownloadUrlForLayer"))
                        .addResource(names.repositoryArn()))
                .addStatement(s -> s.sid("GetRegistryLoginToken").effect(IamEffect.ALLOW)
                        // AWS defines ecr:GetAuthorizationToken on no resource type: "*" is the only valid value.
                        .addAction("ecr:GetAuthorizationToken")
                        .addResource("*"))
                .addStatement(s -> s.sid("CreateTrainingLogStreams").effect(IamEffect.ALLOW)
                        .actionIds(List.of("logs:CreateLogGroup", "logs:CreateLogStream", "logs:DescribeLogStreams"))
                        .addResource(names.logGroupArn())
                        .addResource(names.logGroupArn() + ":*"))
                .addStatement(s -> s.sid("WriteTrainingLogs").effect(IamEffect.ALLOW)
                        .addAction("logs:PutLogEvents")
                        .addResource(names.logStreamsArn()))
                .addStatement(s -> s.sid("PublishTrainingMetrics").effect(IamEffect.ALLOW)
                        // cloudwatch:PutMetricData has no resource type; the namespace condition is what limits it.
                        .addAction("cloudwatch:PutMetricData")
                        .addResource("*")
                        .addCondition(IamConditionOperator.STRING_EQUALS, "cloudwatch:namespace",
                                ResourceNames.TRAINING_METRICS_NAMESPACE));
        kmsKeyArn.ifPresent(key -> policy.addStatement(s -> s.sid("UseTheBucketKmsKey").effect(IamEffect.ALLOW)
                .actionIds(List.of("kms:Decrypt", "kms:GenerateDataKey"))
                .addResource(key)));
        return policy.build();
    }

    /** {@link #permissions(ResourceNames, Optional)} without a KMS key. */
    public static IamPolicy permissions(ResourceNames names) {
        return permissions(names, Optional.empty());
    }
}
