package dev.trainctl.orchestrator.policy;

import dev.trainctl.orchestrator.names.ResourceNames;
import java.util.List;
import software.amazon.awssdk.policybuilder.iam.IamConditionOperator;
import software.amazon.awssdk.policybuilder.iam.IamEffect;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;

/**
 * The least-privilege identity policy for whoever runs {@code trainctl provision} and {@code teardown}: create,
 * repair and delete exactly the named execution and serving roles, bucket and repository. Keep it away from the principal that
 * runs jobs ({@link CallerPolicy}): this one may rewrite the role's permissions, and a principal that could also
 * pass the role could then give a training job anything.
 *
 * <p>It could also rewrite the role's trust to let itself assume the role, and give the role an inline {@code *:*}.
 * That path is closed with AWS's pattern for delegated role administration: the role must carry a permissions
 * boundary ({@code iam:PermissionsBoundary} on every call that creates the role or changes its policies), and this
 * policy may neither detach the boundary nor change the boundary policy (explicit denies). An administrator creates
 * the boundary policy once ({@link ExecutionRolePolicies#boundary}), so whatever the role's policies say, it can do
 * no more than a training job needs.
 */
public final class ProvisionerPolicy {

    private ProvisionerPolicy() {}

    /** The document with trainctl's own boundary policy, {@code NAME-execution-boundary}. */
    public static IamPolicy document(ResourceNames names) {
        return document(names, names.boundaryPolicyArn());
    }

    /** The document for a role whose permissions boundary is {@code boundaryArn}. */
    public static IamPolicy document(ResourceNames names, String boundaryArn) {
        return IamPolicy.builder().version(ExecutionRolePolicies.VERSION)
                .addStatement(s -> s.sid("ChangeTheRoleOnlyWithItsBoundary").effect(IamEffect.ALLOW)
                        // The actions IAM evaluates iam:PermissionsBoundary for: the role must have (or, for
                        // CreateRole and PutRolePermissionsBoundary, get) exactly this boundary.
                        .actionIds(List.of("iam:CreateRole", "iam:PutRolePermissionsBoundary", "iam:PutRolePolicy",
                                "iam:DeleteRolePolicy", "iam:DetachRolePolicy"))
                        .addResource(names.roleArn())
                        .addResource(names.servingRoleArn())
                        .addCondition(IamConditionOperator.STRING_EQUALS, "iam:PermissionsBoundary", boundaryArn))
                .addStatement(s -> s.sid("ProvisionAndTearDownTheExecutionRole").effect(IamEffect.ALLOW)
                        .actionIds(List.of("iam:GetRole", "iam:UpdateRole", "iam:UpdateAssumeRolePolicy",
                                "iam:TagRole", "iam:GetRolePolicy", "iam:ListRolePolicies",
                                "iam:ListAttachedRolePolicies", "iam:DeleteRole"))
                        .addResource(names.roleArn())
                        .addResource(names.servingRoleArn()))
                .addStatement(s -> s.sid("ReadTheBoundaryPolicy").effect(IamEffect.ALLOW)
                        .actionIds(List.of("iam:GetPolicy", "iam:GetPolicyVersion"))
                        .addResource(boundaryArn))
                .addStatement(s -> s.sid("NeverLoosenTheBoundary").effect(IamEffect.DENY)
                        .actionIds(List.of("iam:DeleteRolePermissionsBoundary", "iam:CreatePolicyVersion",
                                "iam:SetDefaultPolicyVersion", "iam:DeletePolicyVersion", "iam:DeletePolicy"))
                        .addResource(names.roleArn())
                        .addResource(names.servingRoleArn())
                        .addResource(boundaryArn))
                .addStatement(s -> s.sid("CreateTheBucket").effect(IamEffect.ALLOW)
                        // No s3:ResourceAccount here: the bucket has no owner yet, and a name another account holds
                        // fails with BucketAlreadyExists anyway.
                        .addAction("s3:CreateBucket")
                        .addResource(names.bucketArn()))
                .addStatement(s -> ExecutionRolePolicies.inTheAccountsBucket(s.sid("ProvisionAndTearDownTheBucket")
                        .effect(IamEffect.ALLOW)
                        .actionIds(List.of("s3:DeleteBucket", "s3:ListBucket",
                                "s3:ListBucketVersions",
                                "s3:GetEncryptionConfiguration", "s3:PutEncryptionConfiguration",
                                "s3:GetBucketPublicAccessBlock", "s3:PutBucketPublicAccessBlock",
                                "s3:GetBucketOwnershipControls", "s3:PutBucketOwnershipControls",
                                "s3:GetBucketPolicy", "s3:PutBucketPolicy",
                                "s3:GetBucketTagging", "s3:PutBucketTagging"))
                        .addResource(names.bucketArn()), names))
                .addStatement(s -> ExecutionRolePolicies.inTheAccountsBucket(s.sid("DeleteObjectsAtTeardown")
                        .effect(IamEffect.ALLOW)
                        .actionIds(List.of("s3:DeleteObject", "s3:DeleteObjectVersion"))
                        .addResource(names.bucketArn() + "/*"), names))
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
