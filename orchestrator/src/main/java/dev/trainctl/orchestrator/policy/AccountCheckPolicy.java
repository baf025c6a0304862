package dev.trainctl.orchestrator.policy;

import dev.trainctl.orchestrator.aws.AwsClients;
import dev.trainctl.orchestrator.names.ResourceNames;
import java.util.List;
import software.amazon.awssdk.policybuilder.iam.IamEffect;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;
import software.amazon.awssdk.regions.Region;

/**
 * The read-only identity policy {@code trainctl account check} needs, and what lets {@code train --on sagemaker}
 * and {@code role check --live} read the training quota and live prices first. Nothing in it can change anything.
 * Actions AWS defines on no resource type ({@code iam:GetAccountSummary}, {@code cloudtrail:DescribeTrails}, the
 * Service Quotas list actions, {@code pricing:GetProducts}) can only have {@code "Resource": "*"}.
 */
public final class AccountCheckPolicy {

    private AccountCheckPolicy() {}

    public static IamPolicy document(ResourceNames names) {
        String partition = names.partition();
        String account = names.account();
        // Billing metrics, and so billing alarms, exist only in the partition's billing region (us-east-1 for aws).
        String billingRegion = AwsClients.billingRegion(Region.of(names.region())).id();
        return IamPolicy.builder().version(ExecutionRolePolicies.VERSION)
                .addStatement(s -> s.sid("ReadAccountSecuritySummary").effect(IamEffect.ALLOW)
                        .addAction("iam:GetAccountSummary").addResource("*"))
                .addStatement(s -> s.sid("ReadOwnAccessKeysAndMfaDevices").effect(IamEffect.ALLOW)
                        .actionIds(List.of("iam:ListAccessKeys", "iam:ListMFADevices"))
                        // The IAM policy variable: each user may read only their own keys and devices (with or
                        // without a path in the user's ARN).
                        .addResource("arn:" + partition + ":iam::" + account + ":user/${aws:username}")
                        .addResource("arn:" + partition + ":iam::" + account + ":user/*/${aws:username}"))
                .addStatement(s -> s.sid("ListAuditTrails").effect(IamEffect.ALLOW)
                        .addAction("cloudtrail:DescribeTrails").addResource("*"))
                // An organization trail seen from a member account carries the management account's id in its ARN.
                .addStatement(s -> s.sid("ReadAuditTrailStatus").effect(IamEffect.ALLOW)
                        .addAction("cloudtrail:GetTrailStatus").addResource("arn:" + partition
                                + ":cloudtrail:*:*:trail/*"))
                .addStatement(s -> s.sid("ReadBudgets").effect(IamEffect.ALLOW)
                        .addAction("budgets:ViewBudget").addResource("arn:" + partition + ":budgets::" + account
                                + ":budget/*"))
                .addStatement(s -> s.sid("ReadBillingAlarms").effect(IamEffect.ALLOW)
                        .addAction("cloudwatch:DescribeAlarms").addResource("arn:" + partition + ":cloudwatch:"
                                + billingRegion + ":" + account + ":alarm:*"))
                .addStatement(s -> s.sid("ReadServiceQuotas").effect(IamEffect.ALLOW)
                        .actionIds(List.of("servicequotas:ListServiceQuotas",
                                "servicequotas:ListAWSDefaultServiceQuotas"))
                        .addResource("*"))
                .addStatement(s -> s.sid("ReadOnDemandPrices").effect(IamEffect.ALLOW)
                        .addAction("pricing:GetProducts").addResource("*"))
                .build();
    }
}
