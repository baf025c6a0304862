package dev.trainctl.orchestrator.policy;

import dev.trainctl.orchestrator.names.ResourceNames;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.policybuilder.iam.IamConditionOperator;
import software.amazon.awssdk.policybuilder.iam.IamEffect;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;

/**
 * The read-only identity policy {@code trainctl role check} needs: read the role's trust, inline, attached and
 * boundary documents, simulate the role, and simulate the caller itself (its PassRole and CreateTrainingJob). It
 * can change nothing. {@code --live} also needs the {@link CallerPolicy}, since it starts a job.
 */
public final class RoleCheckPolicy {

    private RoleCheckPolicy() {}

    /** For trainctl's own role, whose only managed policy is the boundary, and a caller that is an IAM user. */
    public static IamPolicy document(ResourceNames names) {
        return document(names, Optional.empty());
    }

    /**
     * For trainctl's own role; {@code callerRoleArn} is the caller's role when the caller is a role session (CI, or an
     * IAM Identity Center user), whose own simulation needs that role named: IAM has no policy variable for a
     * session's role name. Only its name counts (the session ARN drops the role's path).
     */
    public static IamPolicy document(ResourceNames names, Optional<String> callerRoleArn) {
        return document(names.roleArn(), List.of(names.boundaryPolicyArn()), callerRoleArn,
                List.of(names.servingRoleArn()));
    }

    /**
     * For any role: {@code policyArns} are the managed policies it may have attached (or the patterns they match);
     * without them, this account's customer managed policies and AWS managed policies, which hold no secrets.
     */
    public static IamPolicy document(String roleArn, Optional<List<String>> policyArns) {
        String[] arn = roleArn.split(":", 6);
        String partition = arn[1];
        String account = arn[4];
        return document(roleArn, policyArns.orElse(List.of("arn:" + partition + ":iam::" + account + ":policy/*",
                "arn:" + partition + ":iam::aws:policy/*")), Optional.empty(), List.of());
    }

    /** {@code passedRoles}: the other roles trainctl's caller may pass, whose trusts the escalation lint reads. */
    private static IamPolicy document(String roleArn, List<String> policyArns, Optional<String> callerRoleArn,
            List<String> passedRoles) {
        String[] arn = roleArn.split(":", 6);
        String iam = "arn:" + arn[1] + ":iam::" + arn[4] + ":";
        IamPolicy.Builder policy = IamPolicy.builder().version(ExecutionRolePolicies.VERSION)
                .addStatement(s -> s.sid("ReadTheRolesDocuments").effect(IamEffect.ALLOW)
                        .actionIds(List.of("iam:GetRole", "iam:ListRolePolicies", "iam:GetRolePolicy",
                                "iam:ListAttachedRolePolicies", "iam:SimulatePrincipalPolicy"))
                        .addResource(roleArn))
                .addStatement(s -> s.sid("ReadTheRolesManagedPolicies").effect(IamEffect.ALLOW)
                        .actionIds(List.of("iam:GetPolicy", "iam:GetPolicyVersion"))
                        .resourceIds(policyArns))
                // ${aws:username} is an IAM user's own name, so a user may simulate itself and no one else. A user's
                // name is unique in its account whatever its path, and names hold no '/': user/*/NAME is that user.
                .addStatement(s -> s.sid("SimulateMyOwnPermissions").effect(IamEffect.ALLOW)
                        .addAction("iam:SimulatePrincipalPolicy")
                        .resourceIds(List.of(iam + "user/${aws:username}", iam + "user/*/${aws:username}")))
                // The caller's own documents, for the escalation lint (and the evaluator where IAM has no simulator).
                .addStatement(s -> s.sid("ReadMyOwnDocuments").effect(IamEffect.ALLOW)
                        .actionIds(List.of("iam:GetUser", "iam:ListUserPolicies", "iam:GetUserPolicy",
                                "iam:ListAttachedUserPolicies", "iam:ListGroupsForUser"))
                        .resourceIds(List.of(iam + "user/${aws:username}", iam + "user/*/${aws:username}")))
                // Which groups a user is in is not expressible in a policy: the account's groups' policy documents,
                // which hold no secrets.
                .addStatement(s -> s.sid("ReadMyGroupsDocuments").effect(IamEffect.ALLOW)
                        .actionIds(List.of("iam:ListGroupPolicies", "iam:GetGroupPolicy", "iam:ListAttachedGroupPolicies"))
                        .addResource(iam + "group/*"));
        if (!passedRoles.isEmpty()) {
            // Whether a training job the caller starts can run as them is their trust's to say (GetRole holds it).
            policy.addStatement(s -> s.sid("ReadTheTrustOfTheServingRole").effect(IamEffect.ALLOW)
                    .addAction("iam:GetRole").resourceIds(passedRoles));
        }
        callerRoleArn.map(a -> a.substring(a.lastIndexOf('/') + 1)).ifPresent(role -> {
            // A role session (CI, or an IAM Identity Center user: AWSReservedSSO_..., under the path
            // aws-reserved/sso.amazonaws.com/) has no variable for its role, so the role is named; GetRole tells the
            // role's path, which the session ARN drops, and SimulatePrincipalPolicy takes the ARN with the path. The
            // condition keeps the grant to sessions of that role: aws:PrincipalArn is the role's ARN for them.
            List<String> self = List.of(iam + "role/" + role, iam + "role/*/" + role);
            policy.addStatement(s -> s.sid("SimulateMyOwnRole").effect(IamEffect.ALLOW)
                    .actionIds(List.of("iam:GetRole", "iam:SimulatePrincipalPolicy", "iam:ListRolePolicies",
                            "iam:GetRolePolicy", "iam:ListAttachedRolePolicies")).resourceIds(self)
                    .addConditions(IamConditionOperator.ARN_LIKE, "aws:PrincipalArn", self));
        });
        return policy.build();
    }
}
