package dev.trainctl.orchestrator.roles;

import dev.trainctl.orchestrator.aws.AwsActions;
import dev.trainctl.orchestrator.aws.AwsErrors;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.GetPolicyRequest;
import software.amazon.awssdk.services.iam.model.GetPolicyVersionRequest;
import software.amazon.awssdk.services.iam.model.GetRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.GetRoleRequest;
import software.amazon.awssdk.services.iam.model.ListAttachedRolePoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListRolePoliciesRequest;
import software.amazon.awssdk.services.iam.model.Role;

/**
 * Reads a role's documents from IAM: {@code GetRole} for the trust policy and the boundary, the
 * {@code ListRolePolicies} and {@code ListAttachedRolePolicies} paginators, {@code GetRolePolicy}, and
 * {@code GetPolicy} + {@code GetPolicyVersion} for each managed policy's default version. Failures go through
 * {@link AwsErrors}, so a missing permission names the action.
 */
public final class RoleReader {

    private final IamClient iam;

    public RoleReader(IamClient iam) {
        this.iam = iam;
    }

    public RoleDocuments read(RoleArn arn) {
        String roleName = arn.name();
        String where = arn.toString();
        Role role = getRole(arn);
        PolicyDocument trust = PolicyDocument.trust(decode(role.assumeRolePolicyDocument()));
        List<PolicyDocument> permissions = new ArrayList<>();
        ListRolePoliciesRequest listInline = ListRolePoliciesRequest.builder().roleName(roleName).build();
        for (String name : paged(listInline, where, () -> 
                iam.listRolePoliciesPaginator(listInline).policyNames().stream().toList())) {
            String document = AwsErrors.call(GetRolePolicyRequest.builder().roleName(roleName).policyName(name).build(),
                    where, iam::getRolePolicy).policyDocument();
            permissions.add(PolicyDocument.inline(name, decode(document)));
        }
        ListAttachedRolePoliciesRequest listAttached = ListAttachedRolePoliciesRequest.builder().roleName(roleName)
                .build();
        for (AttachedPolicy attached : paged(listAttached, where, () -> 
                iam.listAttachedRolePoliciesPaginator(listAttached).attachedPolicies().stream().toList())) {
            permissions.add(PolicyDocument.managed(attached.policyArn(), managedDocument(attached.policyArn())));
        }
        Optional<PolicyDocument> boundary = Optional.ofNullable(role.permissionsBoundary())
                .map(b -> PolicyDocument.boundary(b.permissionsBoundaryArn(),
                        managedDocument(b.permissionsBoundaryArn())));
        return new RoleDocuments(arn, trust, permissions, boundary);
    }

    /** The role's trust policy alone ({@code GetRole}). */
    public PolicyDocument trust(RoleArn arn) {
        return PolicyDocument.trust(decode(getRole(arn).assumeRolePolicyDocument()));
    }

    private Role getRole(RoleArn arn) {
        return AwsErrors.call(GetRoleRequest.builder().roleName(arn.name()).build(), arn.toString(), iam::getRole)
                .role();
    }

    /** A managed policy's default version (GetPolicy, then GetPolicyVersion), decoded. */
    String managedDocument(String policyArn) {
        String version = AwsErrors.call(GetPolicyRequest.builder().policyArn(policyArn).build(), policyArn,
                iam::getPolicy).policy().defaultVersionId();
        return decode(AwsErrors.call(GetPolicyVersionRequest.builder().policyArn(policyArn).versionId(version).build(),
                policyArn, iam::getPolicyVersion).policyVersion().document());
    }

    /** Drains a paginator, translating a failure on any page like a single call. */
    static <T> List<T> paged(SdkRequest request, String where, Supplier<List<T>> pages) {
        try {
            return pages.get();
        } catch (SdkException e) {
            throw AwsErrors.translate(e, AwsActions.action(request), where);
        }
    }

    /** IAM returns policy documents URL-encoded (RFC 3986); a document that is already JSON is left alone. */
    static String decode(String document) {
        if (document == null) {
            return "{}";
        }
        String trimmed = document.trim();
        if (trimmed.startsWith("{")) {
            return trimmed;
        }
        return URLDecoder.decode(trimmed, StandardCharsets.UTF_8);
    }
}
