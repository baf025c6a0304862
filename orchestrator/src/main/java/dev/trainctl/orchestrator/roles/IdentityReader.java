package dev.trainctl.orchestrator.roles;

import dev.trainctl.orchestrator.aws.AwsErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.GetGroupPolicyRequest;
import software.amazon.awssdk.services.iam.model.GetUserPolicyRequest;
import software.amazon.awssdk.services.iam.model.GetUserRequest;
import software.amazon.awssdk.services.iam.model.Group;
import software.amazon.awssdk.services.iam.model.ListAttachedGroupPoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListAttachedUserPoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListGroupPoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListGroupsForUserRequest;
import software.amazon.awssdk.services.iam.model.ListUserPoliciesRequest;
import software.amazon.awssdk.services.iam.model.User;

/**
 * Reads the identity-based documents of a user or a role from IAM, as SimulatePrincipalPolicy would gather them: for
 * a user, its inline and attached policies, each of its groups' inline and attached policies, and its boundary; for
 * a role, what {@link RoleReader} reads. Where IAM's simulator is missing, these are what the evaluator decides on.
 */
public final class IdentityReader {

    private final IamClient iam;
    private final RoleReader roles;

    public IdentityReader(IamClient iam) {
        this.iam = iam;
        this.roles = new RoleReader(iam);
    }

    /** The documents of {@code principalArn}: {@code arn:...:user/PATH/NAME} or {@code arn:...:role/PATH/NAME}. */
    public IdentityDocuments read(String principalArn) {
        String resource = principalArn.split(":", 6)[5];
        if (resource.startsWith("role/")) {
            RoleDocuments role = roles.read(RoleArn.parse(principalArn));
            return new IdentityDocuments(principalArn, role.permissions(), role.boundary());
        }
        if (!resource.startsWith("user/")) {
            throw new IllegalArgumentException("not an IAM user or role: " + principalArn);
        }
        return user(principalArn, resource.substring(resource.lastIndexOf('/') + 1));
    }

    private IdentityDocuments user(String arn, String name) {
        User user = AwsErrors.call(GetUserRequest.builder().userName(name).build(), arn, iam::getUser).user();
        List<PolicyDocument> permissions = new ArrayList<>();
        ListUserPoliciesRequest inline = ListUserPoliciesRequest.builder().userName(name).build();
        for (String policy : RoleReader.paged(inline, arn, () -> iam.listUserPoliciesPaginator(inline).policyNames()
                .stream().toList())) {
            permissions.add(PolicyDocument.inline(policy, RoleReader.decode(AwsErrors.call(GetUserPolicyRequest
                    .builder().userName(name).policyName(policy).build(), arn, iam::getUserPolicy).policyDocument())));
        }
        ListAttachedUserPoliciesRequest attached = ListAttachedUserPoliciesRequest.builder().userName(name).build();
        managed(RoleReader.paged(attached, arn, () -> iam.listAttachedUserPoliciesPaginator(attached)
                .attachedPolicies().stream().toList()), permissions);
        ListGroupsForUserRequest groups = ListGroupsForUserRequest.builder().userName(name).build();
        for (Group group : RoleReader.paged(groups, arn, () -> iam.listGroupsForUserPaginator(groups).groups()
                .stream().toList())) {
            group(group, permissions);
        }
        Optional<PolicyDocument> boundary = Optional.ofNullable(user.permissionsBoundary())
                .map(b -> PolicyDocument.boundary(b.permissionsBoundaryArn(),
                        roles.managedDocument(b.permissionsBoundaryArn())));
        return new IdentityDocuments(arn, permissions, boundary);
    }

    /** A group's inline policies (named "POLICY (group GROUP)") and attached ones. */
    private void group(Group group, List<PolicyDocument> permissions) {
        String name = group.groupName();
        String where = group.arn() == null ? "group " + name : group.arn();
        ListGroupPoliciesRequest inline = ListGroupPoliciesRequest.builder().groupName(name).build();
        for (String policy : RoleReader.paged(inline, where, () -> iam.listGroupPoliciesPaginator(inline)
                .policyNames().stream().toList())) {
            permissions.add(PolicyDocument.inline(policy + " (group " + name + ")", RoleReader.decode(AwsErrors.call(
                    GetGroupPolicyRequest.builder().groupName(name).policyName(policy).build(), where,
                    iam::getGroupPolicy).policyDocument())));
        }
        ListAttachedGroupPoliciesRequest attached = ListAttachedGroupPoliciesRequest.builder().groupName(name).build();
        managed(RoleReader.paged(attached, where, () -> iam.listAttachedGroupPoliciesPaginator(attached)
                .attachedPolicies().stream().toList()), permissions);
    }

    private void managed(List<AttachedPolicy> attached, List<PolicyDocument> permissions) {
        for (AttachedPolicy policy : attached) {
            permissions.add(PolicyDocument.managed(policy.policyArn(), roles.managedDocument(policy.policyArn())));
        }
    }
}
