package dev.trainctl.orchestrator.aws;

import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.SdkRequest;

/**
 * Names for SDK requests: the service as the AWS CLI and IAM spell it ({@code iam}, {@code s3}, {@code logs}),
 * the API operation ({@code CreateRole}), and the IAM action that authorises it ({@code iam:CreateRole}; for S3 the
 * action often differs from the operation: {@code PutBucketEncryption} needs {@code s3:PutEncryptionConfiguration}).
 */
public final class AwsActions {

    /** IAM service prefixes where they differ from the SDK's package name. */
    private static final Map<String, String> PREFIX = Map.of("cloudwatchlogs", "logs", "cloudwatch", "cloudwatch");

    /** S3 operations whose IAM action has another name (AWS's "Actions, resources and condition keys for S3"). */
    private static final Map<String, String> S3_ACTIONS = Map.ofEntries(
            Map.entry("HeadBucket", "s3:ListBucket"),
            Map.entry("ListObjectsV2", "s3:ListBucket"),
            Map.entry("ListObjects", "s3:ListBucket"),
            Map.entry("ListObjectVersions", "s3:ListBucketVersions"),
            Map.entry("HeadObject", "s3:GetObject"),
            Map.entry("DeleteObjects", "s3:DeleteObject"),
            Map.entry("PutBucketEncryption", "s3:PutEncryptionConfiguration"),
            Map.entry("GetBucketEncryption", "s3:GetEncryptionConfiguration"),
            Map.entry("PutPublicAccessBlock", "s3:PutBucketPublicAccessBlock"),
            Map.entry("GetPublicAccessBlock", "s3:GetBucketPublicAccessBlock"),
            Map.entry("PutBucketVersioning", "s3:PutBucketVersioning"),
            Map.entry("GetBucketLocation", "s3:GetBucketLocation"),
            Map.entry("CreateMultipartUpload", "s3:PutObject"),
            Map.entry("UploadPart", "s3:PutObject"),
            Map.entry("CompleteMultipartUpload", "s3:PutObject"));

    /**
     * Operations of other services whose IAM action has another name or spelling ("Actions, resources and condition
     * keys" for AWS Budgets, Service Quotas and IAM): Budgets authorises reads as ViewBudget and writes as
     * ModifyBudget; the SDK spells some acronyms in mixed case.
     */
    private static final Map<String, String> OTHER_ACTIONS = Map.ofEntries(
            Map.entry("budgets:DescribeBudget", "budgets:ViewBudget"),
            Map.entry("budgets:DescribeBudgets", "budgets:ViewBudget"),
            Map.entry("budgets:CreateBudget", "budgets:ModifyBudget"),
            Map.entry("budgets:UpdateBudget", "budgets:ModifyBudget"),
            Map.entry("budgets:DeleteBudget", "budgets:ModifyBudget"),
            Map.entry("servicequotas:ListAwsDefaultServiceQuotas", "servicequotas:ListAWSDefaultServiceQuotas"),
            Map.entry("iam:ListMfaDevices", "iam:ListMFADevices"),
            // SageMaker Runtime's one call is authorized as a SageMaker action.
            Map.entry("sagemakerruntime:InvokeEndpoint", "sagemaker:InvokeEndpoint"));

    /** Operation-name prefixes of calls that change nothing. */
    private static final Set<String> READ_ONLY_PREFIXES = Set.of("Get", "List", "Describe", "Head", "Simulate",
            "Lookup", "BatchGet", "Filter", "Search", "BatchCheck");

    private AwsActions() {}

    /** The service as the IAM action prefix spells it: {@code iam}, {@code s3}, {@code ecr}, {@code logs}. */
    public static String service(SdkRequest request) {
        String name = request.getClass().getName();
        String marker = "software.amazon.awssdk.services.";
        if (!name.startsWith(marker)) {
            return "unknown";
        }
        String sdkService = name.substring(marker.length(), name.indexOf('.', marker.length()));
        return PREFIX.getOrDefault(sdkService, sdkService);
    }

    /** The API operation: {@code CreateRoleRequest} gives {@code CreateRole}. */
    public static String operation(SdkRequest request) {
        String simple = request.getClass().getSimpleName();
        return simple.endsWith("Request") ? simple.substring(0, simple.length() - "Request".length()) : simple;
    }

    /** The IAM action that authorises this request, e.g. {@code s3:PutEncryptionConfiguration}. */
    public static String action(SdkRequest request) {
        String service = service(request);
        String operation = operation(request);
        if (service.equals("s3")) {
            return S3_ACTIONS.getOrDefault(operation, "s3:" + operation);
        }
        return OTHER_ACTIONS.getOrDefault(service + ":" + operation, service + ":" + operation);
    }

    /** Whether an operation only reads (its name starts with Get, List, Describe, Head, ...). */
    public static boolean isReadOnly(String operation) {
        return READ_ONLY_PREFIXES.stream().anyMatch(operation::startsWith);
    }

    public static boolean isReadOnly(SdkRequest request) {
        return isReadOnly(operation(request));
    }
}
