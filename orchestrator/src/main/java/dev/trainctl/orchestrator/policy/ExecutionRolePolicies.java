package dev.trainctl.orchestrator.policy;

import dev.trainctl.orchestrator.jobsecurity.JobSecurity;
import dev.trainctl.orchestrator.names.ResourceNames;
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
     * Only SageMaker may assume the role, and only on behalf of this account's training jobs of this name (exactly
     * the names trainctl generates, {@link ResourceNames#allTrainingJobNamePatterns}, and this name's tuning jobs):
     * {@code aws:SourceAccount} and {@code aws:SourceArn} stop the "confused deputy" (another account's job, or
     * another name's, using it). For a tuning job's trials AWS does not document which ARN SageMaker presents, the
     * trial's or the tuning job's, so both are admitted, each with an exact pattern.
     */
    public static IamPolicy trust(ResourceNames names) {
        return IamPolicy.builder().version(VERSION)
                .addStatement(IamStatement.builder()
                        .sid("SageMakerTrainingJobsOfThisAccountOnly")
                        .effect(IamEffect.ALLOW)
                        .addPrincipal(IamPrincipalType.SERVICE, ResourceNames.SAGEMAKER_SERVICE)
                        .addAction("sts:AssumeRole")
                        .addCondition(IamConditionOperator.STRING_EQUALS, "aws:SourceAccount", names.account())
                        .addConditions(IamConditionOperator.ARN_LIKE, "aws:SourceArn", sourceArns(names))
                        .build())
                .build();
    }

    private static List<String> sourceArns(ResourceNames names) {
        List<String> arns = new java.util.ArrayList<>(names.allTrainingJobArnPatterns());
        arns.add(names.tuningJobArnPattern());
        return arns;
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
     * adds the use of that one key, for a bucket encrypted with SSE-KMS and the job's output.
     */
    public static IamPolicy permissions(ResourceNames names, Optional<String> kmsKeyArn) {
        return permissions(names, JobSecurity.outputKey(kmsKeyArn));
    }

    /**
     * The role's inline policy for jobs with this VPC and these keys: the job's statements, then exactly the ec2 and
     * kms statements they need ({@link JobSecurityStatements}). Every S3 statement requires the bucket to belong to
     * this account ({@code s3:ResourceAccount}), so a same-named bucket elsewhere gets nothing.
     */
    public static IamPolicy permissions(ResourceNames names, JobSecurity security) {
        IamPolicy.Builder policy = IamPolicy.builder().version(VERSION)
                .addStatement(s -> inTheAccountsBucket(s.sid("ListOnlyThisNamesPrefix").effect(IamEffect.ALLOW)
                        .addAction("s3:ListBucket")
                        .addResource(names.bucketArn())
                        .addCondition(IamConditionOperator.STRING_LIKE, "s3:prefix", names.name() + "/*"), names))
                .addStatement(s -> inTheAccountsBucket(s.sid("ReadTrainingData").effect(IamEffect.ALLOW)
                        .addAction("s3:GetObject")
                        .addResource(names.objectsArn(names.dataPrefix())), names))
                .addStatement(s -> inTheAccountsBucket(s.sid("WriteTheModel").effect(IamEffect.ALLOW)
                        .addAction("s3:PutObject")
                        .addResource(names.objectsArn(names.outputPrefix())), names))
                .addStatement(s -> inTheAccountsBucket(s.sid("SyncCheckpoints").effect(IamEffect.ALLOW)
                        // SageMaker syncs /opt/ml/checkpoints as the role: uploads (Put), restores them into a
                        // restarted spot job (Get) and mirrors deletes made in the container (Delete).
                        .actionIds(List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject"))
                        .addResource(names.objectsArn(names.checkpointsPrefix())), names));
        containerStatements(policy, names, new ContainerAccess("PullTrainingImage", "UseTheTrainingLogGroup",
                List.of(names.logGroupArn()), "WriteTrainingLogs", names.logStreamsArns(), "PublishTrainingMetrics",
                ResourceNames.TRAINING_METRICS_NAMESPACE));
        JobSecurityStatements.forRole(names, security).forEach(policy::addStatement);
        return policy.build();
    }

    /**
     * The permissions boundary of both roles, the execution role and the serving role ({@link ServingRolePolicies}):
     * the statements of the two. IAM grants a role only what both its policies and its boundary allow, so whoever may
     * rewrite a role's inline policy (the provisioner) still cannot make it do more than this; the provisioner may not
     * change the boundary ({@link ProvisionerPolicy}). Note what it does not do: each role's own policy, not the
     * boundary, keeps the serving role from the execution role's rights (writing models, reading the data).
     */
    public static IamPolicy boundary(ResourceNames names, Optional<String> kmsKeyArn) {
        return boundary(names, JobSecurity.outputKey(kmsKeyArn));
    }

    /**
     * {@link #boundary(ResourceNames, Optional)} for training jobs with this VPC and these keys: the execution role's
     * statements with their ec2 and kms statements, then the serving role's (which uses only the output key), merged
     * where that grants exactly the same ({@link BoundaryStatements}): a boundary is one managed policy, at most
     * 6,144 characters.
     */
    public static IamPolicy boundary(ResourceNames names, JobSecurity security) {
        List<IamStatement> serving = ServingRolePolicies.permissions(names, security.outputKey().map(Object::toString))
                .statements().stream().map(s -> s.toBuilder().sid("Serving" + s.sid()).build()).toList();
        return BoundaryStatements.merge(permissions(names, security).statements(), serving);
    }

    /**
     * What SageMaker needs around any of the name's containers, training or serving: pull the image from the one
     * repository, log in to ECR, use the log groups and write their streams, publish metrics in one namespace.
     */
    record ContainerAccess(String pullSid, String logGroupSid, List<String> logGroups, String logStreamSid,
            List<String> logStreams, String metricsSid, String namespace) {}

    static void containerStatements(IamPolicy.Builder policy, ResourceNames names, ContainerAccess access) {
        policy.addStatement(s -> s.sid(access.pullSid()).effect(IamEffect.ALLOW)
                        .actionIds(List.of("ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage",
                                "ecr:GetDownloadUrlForLayer"))
                        .addResource(names.repositoryArn()))
                .addStatement(s -> s.sid("GetRegistryLoginToken").effect(IamEffect.ALLOW)
                        // AWS defines ecr:GetAuthorizationToken on no resource type: "*" is the only valid value.
                        .addAction("ecr:GetAuthorizationToken")
                        .addResource("*"))
                .addStatement(s -> s.sid(access.logGroupSid()).effect(IamEffect.ALLOW)
                        .actionIds(List.of("logs:CreateLogGroup", "logs:DescribeLogStreams"))
                        .resourceIds(access.logGroups()))
                .addStatement(s -> s.sid(access.logStreamSid()).effect(IamEffect.ALLOW)
                        // Both are authorised on the log stream (the Service Authorization Reference): this name's.
                        .actionIds(List.of("logs:CreateLogStream", "logs:PutLogEvents"))
                        .resourceIds(access.logStreams()))
                .addStatement(s -> s.sid(access.metricsSid()).effect(IamEffect.ALLOW)
                        // cloudwatch:PutMetricData has no resource type; the namespace condition is what limits it.
                        .addAction("cloudwatch:PutMetricData")
                        .addResource("*")
                        .addCondition(IamConditionOperator.STRING_EQUALS, "cloudwatch:namespace", access.namespace()));
    }

    /**
     * Adds {@code s3:ResourceAccount = ACCOUNT} to an S3 statement: S3 then applies it only to buckets this account
     * owns, so a bucket of the same name in another account (bucket names are global) is never read or written.
     */
    static IamStatement.Builder inTheAccountsBucket(IamStatement.Builder statement, ResourceNames names) {
        return statement.addCondition(IamConditionOperator.STRING_EQUALS, "s3:ResourceAccount", names.account());
    }

    /** {@link #permissions(ResourceNames, Optional)} without a KMS key. */
    public static IamPolicy permissions(ResourceNames names) {
        return permissions(names, Optional.empty());
    }
}
