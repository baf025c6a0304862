package dev.trainctl.orchestrator.policy;

import java.util.List;
import software.amazon.awssdk.policybuilder.iam.IamEffect;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;

/**
 * The least-privilege identity policy for whoever runs {@code trainctl provision} and {@code teardown}: create,
 * repair and delete exactly the named execution role, bucket and repository. Keep it away from the principal that
 * runs jobs ({@link CallerPolicy}): this one may rewrite the role's permissions, and a principal that could also
 * pass the role could then give a training job anything.
 */
public final class ProvisionerPolicy {

    private ProvisionerPolicy() {}

    public static IamPolicy document(ResourceNames names) {
        return IamPolicy.builder().version(ExecutionRolePolicies.VERSION)
                .addStatement(s -> s.sid("ProvisionAndTearDownTheExecutionRole").effect(IamEffect.ALLOW)
                        .actionIds(List.of("iam:GetRole", "iam:CreateRole", "iam:UpdateRole",
                                "iam:UpdateAssumeRolePolicy", "iam:TagRole", "iam:PutRolePermissionsBoundary",
                                "iam:GetRolePolicy", "iam:PutRolePolicy", "iam:ListRolePolicies",
                                "iam:DeleteRolePolicy", "iam:ListAttachedRolePolicies", "iam:DetachRolePolicy",
                                "iam:DeleteRole"))
                        .addResource(names.roleArn()))
                .addStatement(s -> s.sid("ProvisionAndTearDownTheBucket").effect(IamEffect.ALLOW)
                        .actionIds(List.of("s3:CreateBucket", "s3:DeleteBucket", "s3:ListBucket",
                                "s3:ListBucketVersions",
                                "s3:GetEncryptionConfiguration", "s3:PutEncryptionConfiguration",
                                "s3:GetBucketPublicAccessBlock", "s3:PutBucketPublicAccessBlock",
                                "s3:GetBucketOwnershipControls", "s3:PutBucketOwnershipControls",
                                "s3:GetBucketPolicy", "s3:PutBucketPolicy",
                                "s3:GetBucketTagging", "s3:PutBucketTagging"))
                        .addResource(names.bucketArn()))
                .addStatement(s -> s.sid("DeleteObjectsAtTeardown").effect(IamEffect.ALLOW)
                        .actionIds(List.of("s3:DeleteObject", "s3:DeleteObjectVersion"))
                        .addResource(names.bucketArn() + "/*"))
                .addStatement(s -> s.sid("ProvisionAndTearDownTheRepository").effect(IamEffect.ALLOW)
                        .actionIds(List.of("ecr:CreateRepository", "ecr:DescribeRepositories",
                                "ecr:PutImageScanningConfiguration", "ecr:PutImageTagMutability",
                                "ecr:ListTagsForResource", "ecr:TagResource", "ecr:DeleteRepository",
                                "ecr:ListImages", "ecr:BatchDeleteImage"))
                        .addResource(names.repositoryArn()))
                // 'provision --budget': CreateBudget needs ModifyBudget and, for its ResourceTags, TagResource.
                .addStatement(s -> s.sid("ManageTheCostBudget").effect(IamEffect.ALLOW)
                        .actionIds(List.of("budgets:ViewBudget", "budgets:ModifyBudget", "budgets:TagResource",
                                "budgets:ListTagsForResource"))
                        .addResource(names.budgetArn()))
                .build();
    }
}
