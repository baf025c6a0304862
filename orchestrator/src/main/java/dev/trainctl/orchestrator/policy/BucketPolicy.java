package dev.trainctl.orchestrator.policy;

import dev.trainctl.orchestrator.names.ResourceNames;
import software.amazon.awssdk.policybuilder.iam.IamConditionOperator;
import software.amazon.awssdk.policybuilder.iam.IamEffect;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;
import software.amazon.awssdk.policybuilder.iam.IamPrincipal;

/** The bucket's resource policy: refuse every request that does not use TLS. */
public final class BucketPolicy {

    private BucketPolicy() {}

    public static IamPolicy document(ResourceNames names) {
        return IamPolicy.builder().version(ExecutionRolePolicies.VERSION)
                .addStatement(s -> s.sid("DenyRequestsWithoutTls").effect(IamEffect.DENY)
                        .addPrincipal(IamPrincipal.ALL)
                        .addAction("s3:*")
                        .addResource(names.bucketArn())
                        .addResource(names.bucketArn() + "/*")
                        .addCondition(IamConditionOperator.BOOL, "aws:SecureTransport", "false"))
                .build();
    }
}
