package dev.trainctl.orchestrator.policy;

import java.util.Map;
import java.util.Optional;

/** One line per statement {@code Sid}, saying in plain words what the statement allows or denies and why. */
public final class PolicyExplanations {

    private static final Map<String, String> LINES = Map.ofEntries(
            Map.entry("SageMakerTrainingJobsOfThisAccountOnly", "only SageMaker may assume the role, and only for "
                    + "this account's training jobs named NAME-* (aws:SourceAccount, aws:SourceArn stop a confused "
                    + "deputy)"),
            Map.entry("ListOnlyThisNamesPrefix", "the job may list the bucket, but only keys under NAME/"),
            Map.entry("ReadTrainingData", "the job may read the training data under NAME/data/, nothing else"),
            Map.entry("WriteModelAndCheckpoints", "the job may write its model to NAME/output/ and checkpoints to "
                    + "NAME/checkpoints/; it cannot overwrite the data"),
            Map.entry("PullTrainingImage", "SageMaker may pull the training image from this one ECR repository"),
            Map.entry("GetRegistryLoginToken", "log in to ECR; AWS defines this action only on \"*\""),
            Map.entry("CreateTrainingLogStreams", "create and find log streams in /aws/sagemaker/TrainingJobs only"),
            Map.entry("WriteTrainingLogs", "write log lines only to this name's job streams"),
            Map.entry("PublishTrainingMetrics", "publish metrics, only in the /aws/sagemaker/TrainingJobs namespace "
                    + "(the action has no resource, the namespace condition limits it)"),
            Map.entry("UseTheBucketKmsKey", "encrypt and decrypt with the bucket's KMS key, no other key"),
            Map.entry("PassTheExecutionRoleToSageMakerOnly", "hand the execution role to SageMaker, and to no other "
                    + "service (iam:PassedToService): no one can use it to give an EC2 instance its rights"),
            Map.entry("StartTrainingJobsWithinGuardrails", "start training jobs named NAME-* only on the allowed "
                    + "instance types and with a capped maximum run time (the cost guardrails)"),
            Map.entry("TagOwnTrainingJobs", "tag this name's training jobs as they are created (SageMaker authorises"
                    + " tags on create as sagemaker:AddTags)"),
            Map.entry("WatchAndStopOwnTrainingJobs", "describe and stop this name's training jobs"),
            Map.entry("ListTrainingJobs", "list training jobs; AWS defines this action only on \"*\""),
            Map.entry("UseTheBucket", "see the bucket and list its keys (HeadBucket needs this too); objects are"
                    + " limited by the next statement"),
            Map.entry("ReadAndWriteThisNamesObjects", "upload data and download models under NAME/"),
            Map.entry("DeleteObjectsAtTeardown", "empty the bucket at 'teardown --delete-data'"),
            Map.entry("CleanUpRoleCheckJobs", "delete what a 'role check --live' job wrote under NAME/output/ and"
                    + " NAME/checkpoints/, nothing else"),
            Map.entry("ReadTrainingLogs", "read the training logs ('jobs logs')"),
            Map.entry("PushTrainingImage", "push the training image to this one repository ('image push')"),
            Map.entry("ProvisionAndTearDownTheExecutionRole", "create, repair and delete the execution role, this "
                    + "role only"),
            Map.entry("ProvisionAndTearDownTheBucket", "create, harden and delete the bucket, this bucket only"),
            Map.entry("ProvisionAndTearDownTheRepository", "create, configure and delete the ECR repository (with its"
                    + " images at 'teardown --delete-data'), this one only"),
            Map.entry("DenyRequestsWithoutTls", "refuse any request to the bucket that does not use HTTPS"),
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
            Map.entry("ManageTheCostBudget", "create, tag, read and delete the monthly cost budget NAME-monthly-cost "
                    + "('provision --budget'), this budget only"));

    private PolicyExplanations() {}

    public static Optional<String> forSid(String sid) {
        return Optional.ofNullable(sid).map(LINES::get);
    }
}
