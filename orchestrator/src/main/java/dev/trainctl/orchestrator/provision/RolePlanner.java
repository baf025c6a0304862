package dev.trainctl.orchestrator.provision;

import dev.trainctl.orchestrator.aws.AwsErrors;
import dev.trainctl.orchestrator.aws.Change;
import dev.trainctl.orchestrator.aws.Change.Kind;
import dev.trainctl.orchestrator.aws.TextDiff;
import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.TrainctlException;
import dev.trainctl.orchestrator.policy.ExecutionRolePolicies;
import dev.trainctl.orchestrator.roles.PolicyJson;
import dev.trainctl.orchestrator.names.ResourceNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.CreateRoleRequest;
import software.amazon.awssdk.services.iam.model.DeleteRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.DetachRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.GetRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.GetRoleRequest;
import software.amazon.awssdk.services.iam.model.ListAttachedRolePoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListRolePoliciesRequest;
import software.amazon.awssdk.services.iam.model.PutRolePermissionsBoundaryRequest;
import software.amazon.awssdk.services.iam.model.PutRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.UpdateAssumeRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.UpdateRoleRequest;

/**
 * Plans the execution role and the serving role: reads what exists (read-only IAM calls) and returns the changes
 * that make each match its documents ({@link ExecutionRolePolicies}, {@code ServingRolePolicies}): create it, or
 * repair a trust policy, inline policy, description, session length, boundary or tag that differs, and remove
 * policies someone added by hand (they would widen the role).
 */
public final class RolePlanner {

    private final IamClient iam;

    public RolePlanner(IamClient iam) {
        this.iam = iam;
    }

    /** The changes; with {@code assumeAbsent} (a dry run without credentials) nothing is read. */
    public PlanPart plan(ProvisionSettings settings, boolean assumeAbsent) {
        List<Change> changes = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (settings.ownBoundary()) {
            changes.addAll(new BoundaryPlanner(iam).plan(settings, assumeAbsent));
        }
        for (RoleDefinition role : List.of(RoleDefinition.execution(settings), RoleDefinition.serving(settings))) {
            PlanPart part = plan(settings, role, assumeAbsent);
            changes.addAll(part.changes());
            notes.addAll(part.notes());
        }
        return new PlanPart(changes, notes);
    }

    private PlanPart plan(ProvisionSettings settings, RoleDefinition definition, boolean assumeAbsent) {
        ResourceNames names = settings.names();
        String resource = "role " + definition.roleName();
        IamPolicy trust = definition.trust();
        IamPolicy permissions = definition.permissions();
        Optional<Role> existing = assumeAbsent ? Optional.empty() : read(definition);
        List<Change> changes = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (existing.isEmpty()) {
            CreateRoleRequest.Builder create = CreateRoleRequest.builder()
                    .roleName(definition.roleName())
                    .assumeRolePolicyDocument(trust.toJson())
                    .description(definition.description())
                    .maxSessionDuration(settings.maxSessionSeconds())
                    .tags(tags(names));
            create.permissionsBoundary(settings.boundaryArn());
            changes.add(new Change(resource, Kind.CREATE, "create the " + definition.kind() + ", assumable only by "
                    + definition.purpose() + ", with permissions boundary " + settings.boundaryArn(),
                    create.build()));
            changes.add(new Change(resource, Kind.CREATE, "attach inline policy " + definition.policyName()
                    + " (least privilege for " + (definition.kind().equals("execution role") ? "a training job"
                    : "serving a model") + ")", putPolicy(definition)));
            return new PlanPart(changes, notes);
        }
        Role role = existing.get();
        Map<String, String> tags = role.tags().stream().collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b));
        if (ManagedTags.owner(tags, names) != ManagedTags.Owner.THIS_NAME) {
            throw new TrainctlException(ExitCode.AWS_CONFLICT, "role " + definition.roleName() + " exists but is not "
                    + "managed by trainctl for '" + names.name() + "' (tags " + tags + "): trainctl never changes a "
                    + "role it did not create; choose another --name, or delete or tag the role yourself");
        }
        if (!PolicyJson.equivalent(trust, role.assumeRolePolicyDocument())) {
            changes.add(new Change(resource, Kind.UPDATE, "repair the trust policy (changed outside trainctl)",
                    UpdateAssumeRolePolicyRequest.builder().roleName(definition.roleName()).policyDocument(trust.toJson())
                            .build(),
                    TextDiff.lines(PolicyJson.pretty(role.assumeRolePolicyDocument()), PolicyJson.pretty(trust.toJson()))));
        }
        List<String> roleDiff = new ArrayList<>();
        if (!Objects.equals(role.description(), definition.description())) {
            roleDiff.addAll(TextDiff.value("Description", role.description(), definition.description()));
        }
        if (!Objects.equals(role.maxSessionDuration(), settings.maxSessionSeconds())) {
            roleDiff.addAll(TextDiff.value("MaxSessionDuration", role.maxSessionDuration(), settings.maxSessionSeconds()));
        }
        if (!roleDiff.isEmpty()) {
            changes.add(new Change(resource, Kind.UPDATE, "repair the description and maximum session duration",
                    UpdateRoleRequest.builder().roleName(definition.roleName()).description(definition.description())
                            .maxSessionDuration(settings.maxSessionSeconds()).build(), roleDiff));
        }
        Optional<String> boundary = Optional.ofNullable(role.permissionsBoundary())
                .map(b -> b.permissionsBoundaryArn());
        String wanted = settings.boundaryArn();
        boolean asked = !settings.ownBoundary();
        if (boundary.isEmpty() || (asked && !boundary.get().equals(wanted))) {
            changes.add(new Change(resource, Kind.UPDATE, "set the permissions boundary " + wanted,
                    PutRolePermissionsBoundaryRequest.builder().roleName(definition.roleName()).permissionsBoundary(wanted)
                            .build(), TextDiff.value("PermissionsBoundary", boundary.orElse("(none)"), wanted)));
        } else if (!boundary.get().equals(wanted)) {
            // Replacing a boundary may widen what the role can do: never done implicitly.
            notes.add("role " + definition.roleName() + " keeps its permissions boundary " + boundary.get()
                    + " (trainctl never replaces a boundary it was not given; pass --permissions-boundary "
                    + boundary.get() + " to make it the role's boundary of record)");
        }
        String current = inlinePolicy(definition);
        if (current == null) {
            changes.add(new Change(resource, Kind.UPDATE, "restore the missing inline policy "
                    + definition.policyName(), putPolicy(definition),
                    TextDiff.lines("", PolicyJson.pretty(permissions.toJson()))));
        } else if (!PolicyJson.equivalent(permissions, current)) {
            changes.add(new Change(resource, Kind.UPDATE, "repair inline policy " + definition.policyName()
                    + " (changed outside trainctl)", putPolicy(definition),
                    TextDiff.lines(PolicyJson.pretty(current), PolicyJson.pretty(permissions.toJson()))));
        }
        for (String other : otherInlinePolicies(definition)) {
            changes.add(new Change(resource, Kind.DELETE, "remove inline policy " + other + ", added outside "
                    + "trainctl (it widens the role beyond least privilege)", DeleteRolePolicyRequest.builder()
                    .roleName(definition.roleName()).policyName(other).build(), List.of("- inline policy " + other)));
        }
        for (AttachedPolicy attached : attachedPolicies(definition)) {
            changes.add(new Change(resource, Kind.DELETE, "detach managed policy " + attached.policyName()
                    + ", attached outside trainctl (it widens the role beyond least privilege)",
                    DetachRolePolicyRequest.builder().roleName(definition.roleName()).policyArn(attached.policyArn())
                            .build(),
                    List.of("- attached policy " + attached.policyArn())));
        }
        return new PlanPart(changes, notes);
    }

    private Optional<Role> read(RoleDefinition role) {
        try {
            return Optional.of(iam.getRole(GetRoleRequest.builder().roleName(role.roleName()).build()).role());
        } catch (SdkException e) {
            if (AwsErrors.isNotFound(e)) {
                return Optional.empty();
            }
            throw AwsErrors.translate(e, "iam:GetRole", role.roleArn());
        }
    }

    /** The inline policy document, or null when it does not exist. */
    private String inlinePolicy(RoleDefinition role) {
        try {
            return iam.getRolePolicy(GetRolePolicyRequest.builder().roleName(role.roleName())
                    .policyName(role.policyName()).build()).policyDocument();
        } catch (SdkException e) {
            if (AwsErrors.isNotFound(e)) {
                return null;
            }
            throw AwsErrors.translate(e, "iam:GetRolePolicy", role.roleArn());
        }
    }

    private List<String> otherInlinePolicies(RoleDefinition role) {
        try {
            return iam.listRolePoliciesPaginator(ListRolePoliciesRequest.builder().roleName(role.roleName()).build())
                    .policyNames().stream().filter(n -> !n.equals(role.policyName())).toList();
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "iam:ListRolePolicies", role.roleArn());
        }
    }

    private List<AttachedPolicy> attachedPolicies(RoleDefinition role) {
        try {
            return iam.listAttachedRolePoliciesPaginator(ListAttachedRolePoliciesRequest.builder()
                    .roleName(role.roleName()).build()).attachedPolicies().stream().toList();
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "iam:ListAttachedRolePolicies", role.roleArn());
        }
    }

    private static PutRolePolicyRequest putPolicy(RoleDefinition role) {
        return PutRolePolicyRequest.builder().roleName(role.roleName()).policyName(role.policyName())
                .policyDocument(role.permissions().toJson()).build();
    }

    static List<Tag> tags(ResourceNames names) {
        return names.tags().stream().map(t -> Tag.builder().key(t.key()).value(t.value()).build()).toList();
    }
}
