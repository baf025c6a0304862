package dev.trainctl.orchestrator.policy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.policybuilder.iam.IamStatement;

/** One line per statement {@code Sid}, saying in plain words what the statement allows or denies and why. */
public final class PolicyExplanations {

    private static final Map<String, String> LINES = Map.ofEntries(
            Map.entry("SageMakerTrainingJobsOfThisAccountOnly", "only SageMaker may assume the role, and only for "
                    + "this account's jobs of this name: NAME-yyyyMMdd-HHmmss-SSS, NAME-rolecheck-yyyyMMdd-HHmmss-SSS, "
                    + "the tuning jobs NAME-yyMMdd-HHmmss and their trials, one '?' per character (aws:SourceAccount, "
                    + "aws:SourceArn stop a confused deputy)"),
            Map.entry("ListOnlyThisNamesPrefix", "the job may list the bucket, but only keys under NAME/ (every S3 "
                    + "statement also requires s3:ResourceAccount = this account)"),
            Map.entry("ReadTrainingDataAndModels", "the job may read the training data under NAME/data/ and the"
                    + " serving role the models under NAME/output/, nothing else"),
            Map.entry("UseTheLogGroups", "create and search /aws/sagemaker/TrainingJobs and this name's endpoints'"
                    + " log groups, where SageMaker writes"),
            Map.entry("WriteTheLogs", "create and write only the log streams of this name's jobs and endpoints"),
            Map.entry("PublishTheMetrics", "publish metrics, only in the /aws/sagemaker/TrainingJobs and"
                    + " /aws/sagemaker/Endpoints namespaces (the action has no resource, the namespace condition limits"
                    + " it)"),
            Map.entry("ReadTrainingData", "the job may read the training data under NAME/data/, nothing else"),
            Map.entry("WriteTheModel", "the job may write its model under NAME/output/; it cannot overwrite the data"),
            Map.entry("SyncCheckpoints", "SageMaker may upload, restore (when a spot job restarts) and delete the "
                    + "job's checkpoints under NAME/checkpoints/"),
            Map.entry("PullTrainingImage", "SageMaker may pull the training image from this one ECR repository"),
            Map.entry("GetRegistryLoginToken", "log in to ECR; AWS defines this action only on \"*\""),
            Map.entry("UseTheTrainingLogGroup", "create and search /aws/sagemaker/TrainingJobs, the log group "
                    + "SageMaker writes to"),
            Map.entry("WriteTrainingLogs", "create and write only the log streams of this name's jobs"),
            Map.entry("PublishTrainingMetrics", "publish metrics, only in the /aws/sagemaker/TrainingJobs namespace "
                    + "(the action has no resource, the namespace condition limits it)"),
            Map.entry("UseTheBucketKmsKey", "decrypt and generate data keys with the bucket's KMS key, only through"
                    + " S3 in this region (kms:ViaService: SSE-KMS), no other key"),
            Map.entry("EncryptWithTheOutputKey", "encrypt the job's output with the output key (SageMaker's requirement"
                    + " for OutputDataConfig.KmsKeyId), only through S3 or SageMaker in this region (kms:ViaService), never directly"),
            Map.entry("UseTheVolumeKeyForTheJobsVolume", "let SageMaker grant the volume key to the job's storage"
                    + " volume: CreateGrant only for an AWS resource (kms:GrantIsForAWSResource), never to a principal"),
            Map.entry("CreateJobNetworkInterfaces", "create the job's network interfaces, only in the given subnets and"
                    + " with the given security groups (resource-level: a new interface has no ID yet)"),
            Map.entry("LetSageMakerAttachJobNetworkInterfaces", "let SageMaker attach those interfaces to its"
                    + " instance: only interfaces in the given subnets (ec2:Subnet), only for SageMaker"
                    + " (ec2:AuthorizedService), never for an account"),
            Map.entry("DeleteJobNetworkInterfaces", "delete the job's interfaces and their permissions when it ends,"
                    + " only in the given subnets (ec2:Subnet)"),
            Map.entry("DescribeTheJobNetwork", "look up the VPC, subnets, security groups, DHCP options and interfaces;"
                    + " AWS defines these actions only on \"*\", so ec2:Region keeps them to this region"),
            Map.entry("PassTheExecutionRoleToSageMakerOnly", "hand the execution role to SageMaker, and to no other "
                    + "service (iam:PassedToService): no one can use it to give an EC2 instance its rights"),
            Map.entry("StartJobsWithinGuardrails", "start this name's training and tuning jobs (the trials get the same"
                    + " guardrails) only on the allowed instance types (the list must be in the request: Null), with a"
                    + " capped maximum run time, with network isolation, and with no warm pool or remote debugging (the"
                    + " cost and safety guardrails)"),
            Map.entry("TagOwnJobs", "tag this name's training and tuning jobs as they are created (SageMaker"
                    + " authorises tags on create as sagemaker:AddTags)"),
            Map.entry("WatchAndStopOwnJobs", "describe and stop this name's training jobs, tuning trials and tuning"
                    + " jobs, and list a tuning job's trials"),
            Map.entry("ListTrainingJobs", "list training and tuning jobs; AWS defines these actions only on \"*\""),
            Map.entry("UseTheBucket", "see the bucket and list its keys (HeadBucket needs this too); objects are"
                    + " limited by the next statement; only if this account owns the bucket (s3:ResourceAccount)"),
            Map.entry("ReadAndWriteThisNamesObjects", "upload data and download models under NAME/, in this "
                    + "account's bucket only"),
            Map.entry("CleanUpRoleCheckJobs", "delete what a 'role check --live' job wrote under NAME/output/ and"
                    + " NAME/checkpoints/, nothing else"),
            Map.entry("FindTrainingLogStreams", "find a job's log streams in /aws/sagemaker/TrainingJobs"),
            Map.entry("ReadTrainingLogs", "read the log streams of this name's jobs ('jobs logs'), no others"),
            Map.entry("PushTrainingImage", "push the training image to this one repository ('image push')"),
            Map.entry("ChangeTheRoleOnlyWithItsBoundary", "create the two roles and change their policies only "
                    + "while they carry the permissions boundary (iam:PermissionsBoundary)"),
            Map.entry("ProvisionAndTearDownTheExecutionRole", "read, repair and delete the execution and serving "
                    + "roles, these roles only"),
            Map.entry("ReadTheBoundaryPolicy", "read the boundary policy to check it; only an administrator creates or"
                    + " changes it"),
            Map.entry("NeverLoosenTheBoundary", "never remove the role's boundary or change the boundary policy: "
                    + "this is what stops the provisioner from giving the role, or itself, more"),
            Map.entry("CreateTheBucket", "create the bucket, this bucket only"),
            Map.entry("ProvisionAndTearDownTheBucket", "harden and delete the bucket, this bucket only and only if"
                    + " this account owns it"),
            Map.entry("DeleteObjectsAtTeardown", "empty the bucket at 'teardown --delete-data'"),
            Map.entry("ProvisionAndTearDownTheRepository", "create, configure and delete the ECR repository (with its"
                    + " images at 'teardown --delete-data'), this one only"),
            Map.entry("DenyRequestsWithoutTls", "refuse any request to the bucket that does not use HTTPS"),
            Map.entry("ReadTheRolesDocuments", "read the role's trust, inline and attached policies, and simulate it"),
            Map.entry("ReadTheRolesManagedPolicies", "read the managed policies the role may have (default version)"),
            Map.entry("SimulateMyOwnPermissions", "an IAM user may simulate its own PassRole and CreateTrainingJob (${aws:username}, with or without a path), nobody else's"),
            Map.entry("SimulateMyOwnRole", "a session of your role (CI, or IAM Identity Center's AWSReservedSSO_... role) may read the role's path and simulate its own PassRole and CreateTrainingJob; aws:PrincipalArn keeps it to sessions of that role"),
            Map.entry("ReadMyOwnDocuments", "read your own policies and your groups (an IAM user's, ${aws:username}),"
                    + " to lint them for escalation paths"),
            Map.entry("ReadMyGroupsDocuments", "read the policies of the account's groups (yours among them: which"
                    + " groups you are in cannot be written in a policy)"),
            Map.entry("ReadAccountSecuritySummary", "read whether the root user has access keys and MFA; AWS defines"
                    + " this action only on \"*\""),
            Map.entry("ReadOwnAccessKeysAndMfaDevices", "list your own access keys (their age) and MFA devices, no "
                    + "one else's (${aws:username})"),
            Map.entry("ListAuditTrails", "list the CloudTrail trails; AWS defines this action only on \"*\""),
            Map.entry("ReadAuditTrailStatus", "read whether a trail is logging (organization trails included)"),
            Map.entry("ReadBudgets", "list this account's budgets, to see that a cost budget exists"),
            Map.entry("ReadBillingAlarms", "list CloudWatch alarms in us-east-1, where billing alarms live"),
            Map.entry("ReadServiceQuotas", "read the training instance quotas (found by name); AWS defines these list "
                    + "actions only on \"*\""),
            Map.entry("ReadOnDemandPrices", "read live on-demand prices from the AWS Price List API; AWS defines this"
                    + " action only on \"*\""),
            Map.entry("ReadTheTrustOfTheServingRole", "read the serving role's trust policy: the caller may pass it"
                    + " too, and its trust decides whether a training job or a model can run as it (the escalation"
                    + " lint)"),
            Map.entry("SageMakerInferenceOfThisAccountOnly", "only SageMaker may assume the serving role, for this"
                    + " account's inference in this region: AWS documents the aws:SourceArn SageMaker sends for a model"
                    + " as arn:PARTITION:sagemaker:REGION:ACCOUNT:* (not the model's ARN), so no narrower trust exists;"
                    + " never for a job (ArnNotLike its training, tuning, processing, transform and compilation jobs),"
                    + " so no training job the caller starts can run as it; the role itself can only read this name's"
                    + " models"),
            Map.entry("ReadThisNamesModels", "SageMaker may download the model artifacts under NAME/output/ (what this"
                    + " name's jobs wrote), in this account's bucket only; it cannot write them, nor read the data"),
            Map.entry("PullTheImage", "SageMaker may pull the image (the one that also trains) from this one ECR"
                    + " repository"),
            Map.entry("UseTheEndpointLogGroups", "create and search the log groups of this name's endpoints,"
                    + " /aws/sagemaker/Endpoints/ENDPOINT"),
            Map.entry("WriteEndpointLogs", "create and write the log streams of this name's endpoints only"),
            Map.entry("PublishEndpointMetrics", "publish metrics, only in the /aws/sagemaker/Endpoints namespace (the"
                    + " action has no resource, the namespace condition limits it)"),
            Map.entry("DecryptWithTheBucketKmsKey", "decrypt the model with the bucket's KMS key, only through S3 in"
                    + " this region (kms:ViaService: SSE-KMS), no other key"),
            Map.entry("PassTheServingRoleToSageMakerOnly", "hand the serving role to SageMaker (CreateModel), and to"
                    + " no other service (iam:PassedToService)"),
            Map.entry("CreateAndTagThisNamesServingResources", "create models and endpoints named after this name's"
                    + " jobs, and tag them and their configs as they are created (sagemaker:AddTags), only with the"
                    + " tags managed-by=trainctl and trainctl:name=NAME (aws:RequestTag), so teardown can tell them"),
            Map.entry("CreateServerlessEndpointConfigsWithinCaps", "create endpoint configs for this name's models"
                    + " that are serverless only: none with an instance type (Null sagemaker:InstanceTypes), memory and"
                    + " max concurrency at most the caps (no idle cost, a bounded bill); tagged as trainctl's"),
            Map.entry("WatchAndInvokeThisNamesEndpoints", "describe this name's models, configs and endpoints, read"
                    + " their tags, and invoke the endpoints ('predict/evaluate --endpoint')"),
            Map.entry("DeleteOnlyWhatTrainctlCreated", "delete this name's endpoints, configs and models, and only"
                    + " those tagged managed-by=trainctl and trainctl:name=NAME (sagemaker:ResourceTag)"),
            Map.entry("ListEndpoints", "list endpoints, endpoint configs and models (teardown finds trainctl's); AWS"
                    + " defines these actions only on \"*\""),
            Map.entry("ManageTheCostBudget", "create, tag, read and delete the monthly cost budget NAME-monthly-cost "
                    + "('provision --budget'), this budget only"));

    private PolicyExplanations() {}

    /** The boundary holds the serving role's statements under {@code Serving}-prefixed Sids. */
    private static final String SERVING_IN_BOUNDARY = "Serving";

    public static Optional<String> forSid(String sid) {
        Optional<String> line = Optional.ofNullable(sid).map(LINES::get);
        if (line.isEmpty() && sid != null && sid.startsWith(SERVING_IN_BOUNDARY)) {
            return Optional.ofNullable(LINES.get(sid.substring(SERVING_IN_BOUNDARY.length())))
                    .map(text -> "(the serving role's part of the boundary) " + text);
        }
        return line;
    }

    /**
     * The line for a statement: its Sid's, and for a caller statement that pins the job's VPC or keys
     * ({@code JobSecurityStatements.callerGuardrails}) the words that say so.
     */
    public static Optional<String> forStatement(IamStatement statement) {
        List<String> keys = statement.conditions().stream().map(c -> c.key().value()).distinct()
                .filter(k -> k.startsWith("sagemaker:Vpc") || k.endsWith("KmsKey")).toList();
        String pinned = keys.isEmpty() ? "" : "; and only " + String.join(" and ", keys.stream().map(k -> switch (k) {
            case "sagemaker:VpcSubnets" -> "in the given subnets";
            case "sagemaker:VpcSecurityGroupIds" -> "with the given security groups";
            case "sagemaker:OutputKmsKey" -> "with the output key";
            default -> "with the volume key";
        }).toList()) + ", which the request must name (Null)";
        return forSid(statement.sid()).map(line -> line + pinned);
    }
}
