package dev.trainctl.orchestrator.rolecheck;

import dev.trainctl.orchestrator.iam.Decision;
import dev.trainctl.orchestrator.iam.ParsedPolicy;
import dev.trainctl.orchestrator.iam.PolicyEvaluator;
import dev.trainctl.orchestrator.iam.PolicySet;
import dev.trainctl.orchestrator.iam.Request;
import dev.trainctl.orchestrator.iam.StatementRef;
import dev.trainctl.orchestrator.roles.PolicyDocument;
import dev.trainctl.orchestrator.roles.PolicyKind;
import dev.trainctl.orchestrator.roles.RoleArn;
import dev.trainctl.orchestrator.roles.RoleDocuments;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPermissionsBoundary;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.ContextEntry;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.iam.model.GetPolicyRequest;
import software.amazon.awssdk.services.iam.model.GetPolicyResponse;
import software.amazon.awssdk.services.iam.model.GetPolicyVersionRequest;
import software.amazon.awssdk.services.iam.model.GetPolicyVersionResponse;
import software.amazon.awssdk.services.iam.model.GetRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.GetRolePolicyResponse;
import software.amazon.awssdk.services.iam.model.GetRoleRequest;
import software.amazon.awssdk.services.iam.model.GetRoleResponse;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.ListAttachedRolePoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListAttachedRolePoliciesResponse;
import software.amazon.awssdk.services.iam.model.ListRolePoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListRolePoliciesResponse;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.PolicyVersion;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.SimulatePrincipalPolicyRequest;
import software.amazon.awssdk.services.iam.model.SimulatePrincipalPolicyResponse;
import software.amazon.awssdk.services.iam.model.Statement;
import software.amazon.awssdk.services.iam.model.GetGroupPolicyRequest;
import software.amazon.awssdk.services.iam.model.GetGroupPolicyResponse;
import software.amazon.awssdk.services.iam.model.GetUserPolicyRequest;
import software.amazon.awssdk.services.iam.model.GetUserPolicyResponse;
import software.amazon.awssdk.services.iam.model.GetUserRequest;
import software.amazon.awssdk.services.iam.model.GetUserResponse;
import software.amazon.awssdk.services.iam.model.Group;
import software.amazon.awssdk.services.iam.model.ListAttachedGroupPoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListAttachedGroupPoliciesResponse;
import software.amazon.awssdk.services.iam.model.ListAttachedUserPoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListAttachedUserPoliciesResponse;
import software.amazon.awssdk.services.iam.model.ListGroupPoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListGroupPoliciesResponse;
import software.amazon.awssdk.services.iam.model.ListGroupsForUserRequest;
import software.amazon.awssdk.services.iam.model.ListGroupsForUserResponse;
import software.amazon.awssdk.services.iam.model.ListUserPoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListUserPoliciesResponse;
import software.amazon.awssdk.services.iam.model.User;

/**
 * A recording fake IAM for role check: one role's documents (served URL-encoded, as IAM does, and paged one item
 * per page so the paginators are exercised), other principals' documents for the simulator, and either scripted simulation results
 * or decisions computed by the product's {@link PolicyEvaluator} from the documents. Every request is recorded.
 */
final class SimulatingIam implements IamClient {

    final List<SdkRequest> requests = new ArrayList<>();
    private final RoleArn role;
    private final RoleDocuments documents;
    private final Map<String, List<PolicyDocument>> principals = new LinkedHashMap<>();
    private final Map<String, String> scripted = new LinkedHashMap<>();
    private final Map<String, RoleArn> callerRoles = new LinkedHashMap<>();
    private final Map<String, Map.Entry<RoleArn, PolicyDocument>> otherRoles = new LinkedHashMap<>();
    private final Map<String, Map<String, List<PolicyDocument>>> groups = new LinkedHashMap<>();
    private boolean denySimulation;
    private RuntimeException simulationFailure;

    SimulatingIam(RoleDocuments documents) {
        this.role = documents.role();
        this.documents = documents;
        principals.put(role.toString(), documents.lintable());
    }

    /** The caller's identity policies, for the caller-side simulation. */
    SimulatingIam withPrincipal(String arn, PolicyDocument... policies) {
        principals.put(arn, List.of(policies));
        return this;
    }

    /**
     * The caller's own role (a CI role, or an IAM Identity Center role with its path), which GetRole finds by name, and
     * its policies for the caller-side simulation of its full ARN.
     */
    SimulatingIam withCallerRole(String arn, PolicyDocument... policies) {
        RoleArn callerRole = RoleArn.parse(arn);
        callerRoles.put(callerRole.name(), callerRole);
        return withPrincipal(arn, policies);
    }

    /** A group the user {@code userArn} is in, with the group's policies (the user's own are withPrincipal's). */
    SimulatingIam withGroup(String userArn, String group, PolicyDocument... policies) {
        groups.computeIfAbsent(userArn, u -> new LinkedHashMap<>()).put(group, List.of(policies));
        return this;
    }

    /** Another role of the account, of which GetRole serves the trust (a role the caller may also pass). */
    SimulatingIam withRoleTrust(String arn, PolicyDocument trust) {
        RoleArn other = RoleArn.parse(arn);
        if (!other.name().equals(role.name())) {
            otherRoles.put(other.name(), Map.entry(other, trust));
        }
        return this;
    }

    /** Forces a decision for an action on a resource, whatever the documents say. */
    SimulatingIam script(String action, String resource, String decision) {
        scripted.put(action + " " + resource, decision);
        return this;
    }

    /** Makes every simulation fail with AccessDenied, as for a caller without iam:SimulatePrincipalPolicy. */
    SimulatingIam denySimulation() {
        denySimulation = true;
        return this;
    }

    /** Makes every simulation fail with this, as an AWS-compatible endpoint without a simulator answers. */
    SimulatingIam failSimulationWith(RuntimeException failure) {
        simulationFailure = failure;
        return this;
    }

    List<SimulatePrincipalPolicyRequest> simulations() {
        return requests.stream().filter(SimulatePrincipalPolicyRequest.class::isInstance)
                .map(SimulatePrincipalPolicyRequest.class::cast).toList();
    }

    @Override
    public GetRoleResponse getRole(GetRoleRequest request) {
        requests.add(request);
        RoleArn callerRole = callerRoles.get(request.roleName());
        if (callerRole != null) {
            return GetRoleResponse.builder().role(Role.builder().roleName(callerRole.name()).arn(callerRole.toString())
                    .path(callerRole.path()).assumeRolePolicyDocument(encode("{\"Version\": \"2012-10-17\","
                            + " \"Statement\": []}")).build()).build();
        }
        Map.Entry<RoleArn, PolicyDocument> other = otherRoles.get(request.roleName());
        if (other != null) {
            return GetRoleResponse.builder().role(Role.builder().roleName(other.getKey().name())
                    .arn(other.getKey().toString()).path(other.getKey().path())
                    .assumeRolePolicyDocument(encode(other.getValue().json())).build()).build();
        }
        if (!request.roleName().equals(role.name())) {
            throw NoSuchEntityException.builder().message("The role with name " + request.roleName()
                    + " cannot be found.").statusCode(404).build();
        }
        Role.Builder r = Role.builder().roleName(role.name()).arn(role.toString()).path(role.path())
                .assumeRolePolicyDocument(encode(documents.trust().json()));
        documents.boundary().ifPresent(b -> r.permissionsBoundary(AttachedPermissionsBoundary.builder()
                .permissionsBoundaryArn(b.arn()).permissionsBoundaryType("Policy").build()));
        return GetRoleResponse.builder().role(r.build()).build();
    }

    @Override
    public ListRolePoliciesResponse listRolePolicies(ListRolePoliciesRequest request) {
        requests.add(request);
        List<String> names = permissionsOf(request.roleName()).stream().filter(d -> d.kind() == PolicyKind.INLINE)
                .map(PolicyDocument::name).toList();
        int page = request.marker() == null ? 0 : Integer.parseInt(request.marker());
        boolean more = page + 1 < names.size();
        return ListRolePoliciesResponse.builder().policyNames(names.isEmpty() ? List.of() : List.of(names.get(page)))
                .isTruncated(more).marker(more ? Integer.toString(page + 1) : null).build();
    }

    @Override
    public GetRolePolicyResponse getRolePolicy(GetRolePolicyRequest request) {
        requests.add(request);
        PolicyDocument d = permissionsOf(request.roleName()).stream().filter(p -> p.kind() == PolicyKind.INLINE
                && p.name().equals(request.policyName())).findFirst().orElseThrow();
        return GetRolePolicyResponse.builder().roleName(request.roleName()).policyName(d.name())
                .policyDocument(encode(d.json())).build();
    }

    @Override
    public ListAttachedRolePoliciesResponse listAttachedRolePolicies(ListAttachedRolePoliciesRequest request) {
        requests.add(request);
        List<PolicyDocument> attached = permissionsOf(request.roleName()).stream().filter(d -> d.arn() != null)
                .toList();
        int page = request.marker() == null ? 0 : Integer.parseInt(request.marker());
        boolean more = page + 1 < attached.size();
        return ListAttachedRolePoliciesResponse.builder()
                .attachedPolicies(attached.isEmpty() ? List.of() : List.of(AttachedPolicy.builder()
                        .policyArn(attached.get(page).arn()).policyName(attached.get(page).name()).build()))
                .isTruncated(more).marker(more ? Integer.toString(page + 1) : null).build();
    }

    @Override
    public GetPolicyResponse getPolicy(GetPolicyRequest request) {
        requests.add(request);
        return GetPolicyResponse.builder().policy(Policy.builder().arn(request.policyArn()).defaultVersionId("v7")
                .build()).build();
    }

    @Override
    public GetPolicyVersionResponse getPolicyVersion(GetPolicyVersionRequest request) {
        requests.add(request);
        List<PolicyDocument> all = new ArrayList<>(documents.lintable());
        principals.values().forEach(all::addAll);
        groups.values().forEach(g -> g.values().forEach(all::addAll));
        PolicyDocument d = all.stream().filter(p -> request.policyArn().equals(p.arn())).findFirst().orElseThrow();
        return GetPolicyVersionResponse.builder().policyVersion(PolicyVersion.builder().versionId(request.versionId())
                .isDefaultVersion(true).document(encode(d.json())).build()).build();
    }

    @Override
    public SimulatePrincipalPolicyResponse simulatePrincipalPolicy(SimulatePrincipalPolicyRequest request) {
        requests.add(request);
        if (simulationFailure != null) {
            throw simulationFailure;
        }
        if (denySimulation) {
            throw IamException.builder().statusCode(403).message("User is not authorized to perform: "
                    + "iam:SimulatePrincipalPolicy").awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDenied")
                    .errorMessage("User: arn:aws:iam::111122223333:user/alice is not authorized to perform: "
                            + "iam:SimulatePrincipalPolicy on resource: " + request.policySourceArn()).build())
                    .build();
        }
        List<PolicyDocument> policies = new ArrayList<>(principals.getOrDefault(request.policySourceArn(), List.of()));
        groups.getOrDefault(request.policySourceArn(), Map.of()).values().forEach(policies::addAll);
        Map<String, List<String>> context = new LinkedHashMap<>();
        for (ContextEntry entry : request.contextEntries()) {
            context.put(entry.contextKeyName(), entry.contextKeyValues());
        }
        PolicySet set = new PolicySet(policies.stream().filter(p -> p.kind() != PolicyKind.PERMISSIONS_BOUNDARY)
                .map(p -> ParsedPolicy.parse(p.name(), p.json())).toList(), Optional.empty(), policies.stream()
                .filter(p -> p.kind() == PolicyKind.PERMISSIONS_BOUNDARY).map(p -> ParsedPolicy.parse(p.name(), p.json()))
                .findFirst());
        List<String> resources = request.hasResourceArns() ? request.resourceArns() : List.of("*");
        List<EvaluationResult> results = new ArrayList<>();
        for (String action : request.actionNames()) {
            for (String resource : resources) {
                Decision d = PolicyEvaluator.evaluate(set, new Request(action, resource,
                        Optional.of(request.policySourceArn()), context));
                String decision = scripted.getOrDefault(action + " " + resource, switch (d.outcome()) {
                    case ALLOWED -> "allowed";
                    case EXPLICIT_DENY -> "explicitDeny";
                    case IMPLICIT_DENY -> "implicitDeny";
                });
                List<String> matched = d.outcome() == Decision.Outcome.IMPLICIT_DENY ? List.of()
                        : d.statements().stream().map(StatementRef::policy).distinct().toList();
                results.add(EvaluationResult.builder().evalActionName(action).evalResourceName(resource)
                        .evalDecision(decision)
                        .matchedStatements(matched.stream().map(p -> Statement.builder().sourcePolicyId(p)
                                .sourcePolicyType("IAM Policy").build()).toList())
                        .missingContextValues(d.missingContextKeys()).build());
            }
        }
        return SimulatePrincipalPolicyResponse.builder().evaluationResults(results).isTruncated(false).build();
    }

    /** The checked role's permission policies, or a caller role's (withCallerRole). */
    private List<PolicyDocument> permissionsOf(String roleName) {
        RoleArn callerRole = callerRoles.get(roleName);
        return callerRole == null ? documents.permissions() : principals.get(callerRole.toString());
    }

    // A user's own documents (withPrincipal) and its groups' (withGroup), as the caller's side reads them.

    private String userArn(String userName) {
        return principals.keySet().stream().filter(arn -> arn.matches("arn:[^:]+:iam::\\d{12}:user/(.*/)?"
                + java.util.regex.Pattern.quote(userName))).findFirst().orElseThrow(() -> NoSuchEntityException
                .builder().message("The user with name " + userName + " cannot be found.").statusCode(404).build());
    }

    private List<PolicyDocument> groupDocuments(String group) {
        return groups.values().stream().filter(g -> g.containsKey(group)).map(g -> g.get(group)).findFirst()
                .orElseThrow();
    }

    private static List<String> inlineNames(List<PolicyDocument> documents) {
        return documents.stream().filter(d -> d.kind() == PolicyKind.INLINE).map(PolicyDocument::name).toList();
    }

    private static String inlineJson(List<PolicyDocument> documents, String name) {
        return encode(documents.stream().filter(d -> d.kind() == PolicyKind.INLINE && d.name().equals(name))
                .findFirst().orElseThrow().json());
    }

    private static List<AttachedPolicy> attached(List<PolicyDocument> documents) {
        return documents.stream().filter(d -> d.arn() != null && d.kind() != PolicyKind.PERMISSIONS_BOUNDARY)
                .map(d -> AttachedPolicy.builder().policyArn(d.arn()).policyName(d.name()).build()).toList();
    }

    @Override
    public GetUserResponse getUser(GetUserRequest request) {
        requests.add(request);
        String arn = userArn(request.userName());
        return GetUserResponse.builder().user(User.builder().userName(request.userName()).arn(arn).path("/")
                .userId("AIDAEXAMPLE").createDate(java.time.Instant.EPOCH).build()).build();
    }

    @Override
    public ListUserPoliciesResponse listUserPolicies(ListUserPoliciesRequest request) {
        requests.add(request);
        return ListUserPoliciesResponse.builder().policyNames(inlineNames(principals.get(userArn(request.userName()))))
                .isTruncated(false).build();
    }

    @Override
    public GetUserPolicyResponse getUserPolicy(GetUserPolicyRequest request) {
        requests.add(request);
        return GetUserPolicyResponse.builder().userName(request.userName()).policyName(request.policyName())
                .policyDocument(inlineJson(principals.get(userArn(request.userName())), request.policyName())).build();
    }

    @Override
    public ListAttachedUserPoliciesResponse listAttachedUserPolicies(ListAttachedUserPoliciesRequest request) {
        requests.add(request);
        return ListAttachedUserPoliciesResponse.builder().attachedPolicies(attached(principals.get(userArn(
                request.userName())))).isTruncated(false).build();
    }

    @Override
    public ListGroupsForUserResponse listGroupsForUser(ListGroupsForUserRequest request) {
        requests.add(request);
        String arn = userArn(request.userName());
        return ListGroupsForUserResponse.builder().groups(groups.getOrDefault(arn, Map.of()).keySet().stream()
                .map(g -> Group.builder().groupName(g).arn(arn.substring(0, arn.indexOf(":user/")) + ":group/" + g)
                        .path("/").groupId("AGPAEXAMPLE").createDate(java.time.Instant.EPOCH).build()).toList())
                .isTruncated(false).build();
    }

    @Override
    public ListGroupPoliciesResponse listGroupPolicies(ListGroupPoliciesRequest request) {
        requests.add(request);
        return ListGroupPoliciesResponse.builder().policyNames(inlineNames(groupDocuments(request.groupName())))
                .isTruncated(false).build();
    }

    @Override
    public GetGroupPolicyResponse getGroupPolicy(GetGroupPolicyRequest request) {
        requests.add(request);
        return GetGroupPolicyResponse.builder().groupName(request.groupName()).policyName(request.policyName())
                .policyDocument(inlineJson(groupDocuments(request.groupName()), request.policyName())).build();
    }

    @Override
    public ListAttachedGroupPoliciesResponse listAttachedGroupPolicies(ListAttachedGroupPoliciesRequest request) {
        requests.add(request);
        return ListAttachedGroupPoliciesResponse.builder().attachedPolicies(attached(groupDocuments(
                request.groupName()))).isTruncated(false).build();
    }

    @Override
    public String serviceName() {
        return "iam";
    }

    @Override
    public void close() {}

    /** IAM's encoding of policy documents: RFC 3986 percent-encoding. */
    static String encode(String json) {
        return URLEncoder.encode(json, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
