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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.CreatePolicyRequest;
import software.amazon.awssdk.services.iam.model.CreatePolicyVersionRequest;
import software.amazon.awssdk.services.iam.model.DeletePolicyVersionRequest;
import software.amazon.awssdk.services.iam.model.GetPolicyRequest;
import software.amazon.awssdk.services.iam.model.GetPolicyVersionRequest;
import software.amazon.awssdk.services.iam.model.ListPolicyVersionsRequest;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.PolicyVersion;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * Plans trainctl's own permissions boundary, the managed policy {@code NAME-execution-boundary} that caps the
 * execution role ({@link ExecutionRolePolicies#boundary}): create it, or repair its default version. The provisioner
 * policy denies both on purpose (it must not be able to loosen its own cap), so these changes need an administrator;
 * on a second run by the provisioner there is nothing to change and nothing is asked.
 */
final class BoundaryPlanner {

    /** IAM keeps at most five versions of a managed policy. */
    static final int MAX_VERSIONS = 5;
    private static final String ADMIN_ONLY = " (an administrator's step: the provisioner policy may not change the"
            + " boundary)";

    private final IamClient iam;

    BoundaryPlanner(IamClient iam) {
        this.iam = iam;
    }

    List<Change> plan(ProvisionSettings settings, boolean assumeAbsent) {
        ResourceNames names = settings.names();
        IamPolicy document = ExecutionRolePolicies.boundary(names, settings.security());
        String resource = "policy " + names.boundaryPolicyName();
        Optional<Policy> existing = assumeAbsent ? Optional.empty() : read(names);
        if (existing.isEmpty()) {
            return List.of(new Change(resource, Kind.CREATE, "create the permissions boundary " + names.boundaryPolicyName()
                    + ": the most the execution role can ever do" + ADMIN_ONLY, CreatePolicyRequest.builder()
                    .policyName(names.boundaryPolicyName())
                    .policyDocument(document.toJson())
                    .description("Permissions boundary of " + names.roleName() + " (managed by trainctl)")
                    .tags(RolePlanner.tags(names))
                    .build()));
        }
        Policy policy = existing.get();
        Map<String, String> tags = policy.tags().stream().collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b));
        if (ManagedTags.owner(tags, names) != ManagedTags.Owner.THIS_NAME) {
            throw new TrainctlException(ExitCode.AWS_CONFLICT, "policy " + names.boundaryPolicyArn() + " exists but is"
                    + " not managed by trainctl for '" + names.name() + "': choose another --name, or pass it as"
                    + " --permissions-boundary if it is the boundary you want");
        }
        String current = call("iam:GetPolicyVersion", names, () -> iam.getPolicyVersion(GetPolicyVersionRequest
                .builder().policyArn(names.boundaryPolicyArn()).versionId(policy.defaultVersionId()).build())
                .policyVersion().document());
        String decoded = java.net.URLDecoder.decode(current, java.nio.charset.StandardCharsets.UTF_8);
        if (PolicyJson.equivalent(document, decoded)) {
            return List.of();
        }
        List<Change> changes = new ArrayList<>();
        List<PolicyVersion> versions = call("iam:ListPolicyVersions", names, () -> iam.listPolicyVersionsPaginator(
                ListPolicyVersionsRequest.builder().policyArn(names.boundaryPolicyArn()).build()).versions().stream()
                .toList());
        if (versions.size() >= MAX_VERSIONS) {
            versions.stream().filter(v -> !v.isDefaultVersion()).min(Comparator.comparing(PolicyVersion::createDate))
                    .ifPresent(oldest -> changes.add(new Change(resource, Kind.DELETE, "delete the oldest version "
                            + oldest.versionId() + " (IAM keeps " + MAX_VERSIONS + ")" + ADMIN_ONLY,
                            DeletePolicyVersionRequest.builder().policyArn(names.boundaryPolicyArn())
                                    .versionId(oldest.versionId()).build())));
        }
        changes.add(new Change(resource, Kind.UPDATE, "repair the permissions boundary (changed outside trainctl)"
                + ADMIN_ONLY, CreatePolicyVersionRequest.builder().policyArn(names.boundaryPolicyArn())
                .policyDocument(document.toJson()).setAsDefault(true).build(),
                TextDiff.lines(PolicyJson.pretty(decoded), PolicyJson.pretty(document.toJson()))));
        return changes;
    }

    private Optional<Policy> read(ResourceNames names) {
        try {
            return Optional.of(iam.getPolicy(GetPolicyRequest.builder().policyArn(names.boundaryPolicyArn()).build())
                    .policy());
        } catch (SdkException e) {
            if (AwsErrors.isNotFound(e)) {
                return Optional.empty();
            }
            throw AwsErrors.translate(e, "iam:GetPolicy", names.boundaryPolicyArn());
        }
    }

    private static <T> T call(String action, ResourceNames names, java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw AwsErrors.translate(e, action, names.boundaryPolicyArn());
        }
    }
}
