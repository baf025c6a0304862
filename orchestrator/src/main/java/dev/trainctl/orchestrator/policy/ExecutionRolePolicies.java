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
                        .addResource(names.objectsArn(names.checkpointsPrefix())), names))
                .addStatement(s -> s.sid("PullTrainingImage").effect(IamEffect.ALLOW)
                        .actionIds(List.of("ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage",
                                "ecr:GetDownloadUrlForLayer"))
                        .addResource(names.repositoryArn()))
                .addStatement(s -> s.sid("GetRegistryLoginToken").effect(IamEffect.ALLOW)
                        // AWS defines ecr:GetAuthorizationToken on no resource type: "*" is the only valid value.
                        .addAction("ecr:GetAuthorizationToken")
                        .addResource("*"))
                .addStatement(s -> s.sid("UseTheTrainingLogGroup").effect(IamEffect.ALLOW)
                        .actionIds(List.of("logs:CreateLogGroup", "logs:DescribeLogStreams"))
                        .addResource(names.logGroupArn()))
                .addStatement(s -> s.sid("WriteTrainingLogs").effect(IamEffect.ALLOW)
                        // Both are authorised on the log stream (the Service Authorization Reference): this name's.
                        .actionIds(List.of("logs:CreateLogStream", "logs:PutLogEvents"))
                        .resourceIds(names.logStreamsArns()))
                .addStatement(s -> s.sid("PublishTrainingMetrics").effect(IamEffect.ALLOW)
                        // cloudwatch:PutMetricData has no resource type; the namespace condition is what limits it.
                        .addAction("cloudwatch:PutMetricData")
                        .addResource("*")
                        .addCondition(IamConditionOperator.STRING_EQUALS, "cloudwatch:namespace",
                                ResourceNames.TRAINING_METRICS_NAMESPACE));
        JobSecurityStatements.forRole(names, security).forEach(policy::addStatement);
        return policy.build();
    }

    /**
     * The role's permissions boundary: the same statements as {@link #permissions}. IAM grants a role only what both
     * its policies and its boundary allow, so whoever may rewrite the role's inline policy (the provisioner) still
     * cannot make it do more than this; the provisioner may not change the boundary ({@link ProvisionerPolicy}).
     */
    public static IamPolicy boundary(ResourceNames names, Optional<String> kmsKeyArn) {
        return permissions(names, kmsKeyArn);
    }

    /** {@link #boundary(ResourceNames, Optional)} for jobs with this VPC and these keys. */
    public static IamPolicy boundary(ResourceNames names, JobSecurity security) {
        return permissions(names, security);
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
