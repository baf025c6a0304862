package dev.trainctl.orchestrator.policy;

import dev.trainctl.orchestrator.jobsecurity.JobSecurityRequests;
import dev.trainctl.orchestrator.names.ResourceNames;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.policybuilder.iam.IamConditionOperator;
import software.amazon.awssdk.policybuilder.iam.IamEffect;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;
import software.amazon.awssdk.policybuilder.iam.IamPrincipalType;
import software.amazon.awssdk.policybuilder.iam.IamStatement;

/**
 * The serving role's documents: the role SageMaker assumes for this name's models ({@code CreateModel}'s
 * ExecutionRoleArn) to fetch the model and the image and to write the endpoint's logs.
 *
 * <p>Why a role of its own and not the execution role: for inference, AWS documents that SageMaker presents
 * {@code aws:SourceArn} as {@code arn:PARTITION:sagemaker:REGION:ACCOUNT:*} (the asterisk is not a wildcard) and says
 * not to narrow it to a model or endpoint, so this trust cannot be limited to this name's models as the execution
 * role's is limited to its jobs. Put on the execution role, it would let any SageMaker resource of the account
 * assume a role that reads the training data and writes models. And a serving container handles requests from
 * whoever may invoke the endpoint, and serverless endpoints cannot run with network isolation (AWS's list of
 * features serverless inference does not support), so the container can use this role's credentials: they must not
 * be able to change a model that a later deploy would serve. So this role only reads.
 */
public final class ServingRolePolicies {

    private ServingRolePolicies() {}

    /**
     * SageMaker, on behalf of this account's inference in this region, and never for a job. AWS's inference form
     * {@code arn:PARTITION:sagemaker:REGION:ACCOUNT:*} (kept as AWS documents it) also matches every job's ARN, and no
     * condition key of CreateTrainingJob names the role passed, so a caller who may pass this role could otherwise
     * start a training job that runs as it: {@code ArnNotLike} refuses every job source AWS documents
     * ({@link ResourceNames#jobSourceArnPatterns}), whether inference sends the literal form or a narrower ARN.
     */
    public static IamPolicy trust(ResourceNames names) {
        return IamPolicy.builder().version(ExecutionRolePolicies.VERSION)
                .addStatement(IamStatement.builder()
                        .sid("SageMakerInferenceOfThisAccountOnly")
                        .effect(IamEffect.ALLOW)
                        .addPrincipal(IamPrincipalType.SERVICE, ResourceNames.SAGEMAKER_SERVICE)
                        .addAction("sts:AssumeRole")
                        .addCondition(IamConditionOperator.STRING_EQUALS, "aws:SourceAccount", names.account())
                        .addCondition(IamConditionOperator.ARN_LIKE, "aws:SourceArn", names.inferenceSourceArn())
                        .addConditions(IamConditionOperator.ARN_NOT_LIKE, "aws:SourceArn",
                                names.jobSourceArnPatterns())
                        .build())
                .build();
    }

    /**
     * What an endpoint of this name needs, on exactly its resources: read the model artifacts the name's jobs wrote
     * (its {@code output/} prefix, in the account's own bucket), pull the image, write the endpoint's logs and
     * metrics. {@code kmsKeyArn}: decrypt with the bucket's key, for a bucket encrypted with SSE-KMS.
     */
    public static IamPolicy permissions(ResourceNames names, Optional<String> kmsKeyArn) {
        IamPolicy.Builder policy = IamPolicy.builder().version(ExecutionRolePolicies.VERSION)
                .addStatement(s -> ExecutionRolePolicies.inTheAccountsBucket(s.sid("ReadThisNamesModels")
                        .effect(IamEffect.ALLOW)
                        .addAction("s3:GetObject")
                        .addResource(names.objectsArn(names.outputPrefix())), names));
        ExecutionRolePolicies.containerStatements(policy, names, new ExecutionRolePolicies.ContainerAccess(
                "PullTheImage", "UseTheEndpointLogGroups", names.endpointLogGroupArns(), "WriteEndpointLogs",
                names.endpointLogStreamArns(), "PublishEndpointMetrics", ResourceNames.ENDPOINT_METRICS_NAMESPACE));
        // SSE-KMS: S3 calls KMS for the role, so only through S3 in the region (as the execution role's key use).
        kmsKeyArn.ifPresent(key -> policy.addStatement(s -> s.sid("DecryptWithTheBucketKmsKey")
                .effect(IamEffect.ALLOW)
                .addAction("kms:Decrypt")
                .addResource(key)
                .addCondition(IamConditionOperator.STRING_EQUALS, "kms:ViaService",
                        JobSecurityRequests.viaService("s3", names.partition(), names.region()))));
        return policy.build();
    }

    public static IamPolicy permissions(ResourceNames names) {
        return permissions(names, Optional.empty());
    }
}
