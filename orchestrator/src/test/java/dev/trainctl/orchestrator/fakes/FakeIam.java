package dev.trainctl.orchestrator.fakes;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.GetAccountSummaryRequest;
import software.amazon.awssdk.services.iam.model.GetAccountSummaryResponse;
import software.amazon.awssdk.services.iam.model.ListAccessKeysRequest;
import software.amazon.awssdk.services.iam.model.ListAccessKeysResponse;
import software.amazon.awssdk.services.iam.model.ListMfaDevicesRequest;
import software.amazon.awssdk.services.iam.model.ListMfaDevicesResponse;
import software.amazon.awssdk.services.iam.model.MFADevice;
import software.amazon.awssdk.services.iam.model.SummaryKeyType;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.AttachedPermissionsBoundary;
import software.amazon.awssdk.services.iam.model.CreatePolicyRequest;
import software.amazon.awssdk.services.iam.model.CreatePolicyResponse;
import software.amazon.awssdk.services.iam.model.CreatePolicyVersionRequest;
import software.amazon.awssdk.services.iam.model.CreatePolicyVersionResponse;
import software.amazon.awssdk.services.iam.model.CreateRoleRequest;
import software.amazon.awssdk.services.iam.model.DeletePolicyVersionRequest;
import software.amazon.awssdk.services.iam.model.DeletePolicyVersionResponse;
import software.amazon.awssdk.services.iam.model.GetPolicyRequest;
import software.amazon.awssdk.services.iam.model.GetPolicyResponse;
import software.amazon.awssdk.services.iam.model.GetPolicyVersionRequest;
import software.amazon.awssdk.services.iam.model.GetPolicyVersionResponse;
import software.amazon.awssdk.services.iam.model.ListPolicyVersionsRequest;
import software.amazon.awssdk.services.iam.model.ListPolicyVersionsResponse;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.PolicyVersion;
import software.amazon.awssdk.services.iam.model.CreateRoleResponse;
import software.amazon.awssdk.services.iam.model.DeleteRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.DeleteRolePolicyResponse;
import software.amazon.awssdk.services.iam.model.DeleteRoleRequest;
import software.amazon.awssdk.services.iam.model.DeleteRoleResponse;
import software.amazon.awssdk.services.iam.model.DetachRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.DetachRolePolicyResponse;
import software.amazon.awssdk.services.iam.model.GetRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.GetRolePolicyResponse;
import software.amazon.awssdk.services.iam.model.GetRoleRequest;
import software.amazon.awssdk.services.iam.model.GetRoleResponse;
import software.amazon.awssdk.services.iam.model.ListAttachedRolePoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListAttachedRolePoliciesResponse;
import software.amazon.awssdk.services.iam.model.ListRolePoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListRolePoliciesResponse;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.PutRolePermissionsBoundaryRequest;
import software.amazon.awssdk.services.iam.model.PutRolePermissionsBoundaryResponse;
import software.amazon.awssdk.services.iam.model.PutRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.PutRolePolicyResponse;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.UpdateAssumeRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.UpdateAssumeRolePolicyResponse;
import software.amazon.awssdk.services.iam.model.UpdateRoleRequest;
import software.amazon.awssdk.services.iam.model.UpdateRoleResponse;

/**
 * An in-memory IAM with just the role and managed-policy operations trainctl uses. Documents are stored URL-encoded, as IAM returns
 * them; every request is recorded.
 */
public final class FakeIam implements IamClient {

    public final Recorder recorder = new Recorder();
    public final Map<String, StoredRole> roles = new LinkedHashMap<>();
    /** Managed policies by ARN. */
    public final Map<String, StoredPolicy> policies = new LinkedHashMap<>();
    private RuntimeException failure;
    /** The account summary's AccountAccessKeysPresent and AccountMFAEnabled (root has no keys, has MFA). */
    public int rootAccessKeys = 0;
    public int rootMfa = 1;
    /** Per user: their access keys and how many MFA devices they have. */
    public final Map<String, List<AccessKeyMetadata>> accessKeys = new LinkedHashMap<>();
    public final Map<String, Integer> mfaDevices = new LinkedHashMap<>();
    /** Operations (e.g. "GetAccountSummary") that answer AccessDenied. */
    public final java.util.Set<String> denied = new java.util.HashSet<>();

    /** A customer managed policy: its versions (v1, v2, ...), the default one, its tags. */
    public static final class StoredPolicy {
        public final Map<String, String> versions = new LinkedHashMap<>();
        public String defaultVersion;
        public List<Tag> tags = new ArrayList<>();
        private int next = 1;

        String add(String document) {
            String id = "v" + next++;
            versions.put(id, encode(document));
            return id;
        }

        /** The default version's document, decoded. */
        public String document() {
            return java.net.URLDecoder.decode(versions.get(defaultVersion), StandardCharsets.UTF_8);
        }
    }

    /** A role as IAM holds it. */
    public static final class StoredRole {
        public String trust;
        public String description;
        public int maxSession;
        public String boundary;
        public List<Tag> tags = new ArrayList<>();
        public final Map<String, String> inline = new LinkedHashMap<>();
        public final Map<String, String> attached = new LinkedHashMap<>();
    }

    /** Every call throws this from now on. */
    public FakeIam failingWith(RuntimeException e) {
        this.failure = e;
        return this;
    }

    private void check() {
        if (failure != null) {
            throw failure;
        }
    }

    private StoredRole role(String name) {
        StoredRole role = roles.get(name);
        if (role == null) {
            throw NoSuchEntityException.builder().message("The role with name " + name + " cannot be found.")
                    .statusCode(404).awsErrorDetails(software.amazon.awssdk.awscore.exception.AwsErrorDetails.builder()
                            .errorCode("NoSuchEntity").build()).build();
        }
        return role;
    }

    private StoredPolicy policy(String arn) {
        StoredPolicy policy = policies.get(arn);
        if (policy == null) {
            throw NoSuchEntityException.builder().message("Policy " + arn + " does not exist or is not attachable.")
                    .statusCode(404).awsErrorDetails(software.amazon.awssdk.awscore.exception.AwsErrorDetails.builder()
                            .errorCode("NoSuchEntity").build()).build();
        }
        return policy;
    }

    @Override
    public CreatePolicyResponse createPolicy(CreatePolicyRequest request) {
        recorder.add(request);
        check();
        String arn = "arn:aws:iam::123456789012:policy/" + request.policyName();
        StoredPolicy policy = new StoredPolicy();
        policy.defaultVersion = policy.add(request.policyDocument());
        policy.tags = new ArrayList<>(request.tags());
        policies.put(arn, policy);
        return CreatePolicyResponse.builder().policy(Policy.builder().arn(arn).policyName(request.policyName())
                .defaultVersionId(policy.defaultVersion).build()).build();
    }

    @Override
    public GetPolicyResponse getPolicy(GetPolicyRequest request) {
        recorder.add(request);
        check();
        StoredPolicy policy = policy(request.policyArn());
        return GetPolicyResponse.builder().policy(Policy.builder().arn(request.policyArn())
                .defaultVersionId(policy.defaultVersion).tags(policy.tags).build()).build();
    }

    @Override
    public GetPolicyVersionResponse getPolicyVersion(GetPolicyVersionRequest request) {
        recorder.add(request);
        check();
        StoredPolicy policy = policy(request.policyArn());
        return GetPolicyVersionResponse.builder().policyVersion(PolicyVersion.builder().versionId(request.versionId())
                .document(policy.versions.get(request.versionId()))
                .isDefaultVersion(request.versionId().equals(policy.defaultVersion)).build()).build();
    }

    @Override
    public ListPolicyVersionsResponse listPolicyVersions(ListPolicyVersionsRequest request) {
        recorder.add(request);
        check();
        StoredPolicy policy = policy(request.policyArn());
        List<PolicyVersion> versions = new ArrayList<>();
        int i = 0;
        for (String id : policy.versions.keySet()) {
            versions.add(PolicyVersion.builder().versionId(id).isDefaultVersion(id.equals(policy.defaultVersion))
                    .createDate(Instant.EPOCH.plusSeconds(i++)).build());
        }
        return ListPolicyVersionsResponse.builder().versions(versions).isTruncated(false).build();
    }

    @Override
    public CreatePolicyVersionResponse createPolicyVersion(CreatePolicyVersionRequest request) {
        recorder.add(request);
        check();
        StoredPolicy policy = policy(request.policyArn());
        if (policy.versions.size() >= 5) {
            throw software.amazon.awssdk.services.iam.model.LimitExceededException.builder()
                    .message("A managed policy can have up to 5 versions.").statusCode(409).build();
        }
        String id = policy.add(request.policyDocument());
        if (Boolean.TRUE.equals(request.setAsDefault())) {
            policy.defaultVersion = id;
        }
        return CreatePolicyVersionResponse.builder().build();
    }

    @Override
    public DeletePolicyVersionResponse deletePolicyVersion(DeletePolicyVersionRequest request) {
        recorder.add(request);
        check();
        policy(request.policyArn()).versions.remove(request.versionId());
        return DeletePolicyVersionResponse.builder().build();
    }

    public static String encode(String json) {
        return URLEncoder.encode(json, StandardCharsets.UTF_8);
    }

    @Override
    public GetRoleResponse getRole(GetRoleRequest request) {
        recorder.add(request);
        check();
        StoredRole role = role(request.roleName());
        Role.Builder result = Role.builder().roleName(request.roleName()).arn("arn:aws:iam::123456789012:role/"
                + request.roleName()).path("/").roleId("AROAEXAMPLE").createDate(Instant.EPOCH)
                .assumeRolePolicyDocument(role.trust).description(role.description).maxSessionDuration(role.maxSession)
                .tags(role.tags);
        if (role.boundary != null) {
            result.permissionsBoundary(AttachedPermissionsBoundary.builder().permissionsBoundaryArn(role.boundary)
                    .permissionsBoundaryType("Policy").build());
        }
        // The SDK's RoleExists waiter matches on the HTTP status, so the fake answers with one.
        return (GetRoleResponse) GetRoleResponse.builder().role(result.build())
                .sdkHttpResponse(software.amazon.awssdk.http.SdkHttpResponse.builder().statusCode(200).build()).build();
    }

    @Override
    public CreateRoleResponse createRole(CreateRoleRequest request) {
        recorder.add(request);
        check();
        StoredRole role = new StoredRole();
        role.trust = encode(request.assumeRolePolicyDocument());
        role.description = request.description();
        role.maxSession = request.maxSessionDuration();
        role.boundary = request.permissionsBoundary();
        role.tags = new ArrayList<>(request.tags());
        roles.put(request.roleName(), role);
        return CreateRoleResponse.builder().role(Role.builder().roleName(request.roleName()).arn(
                "arn:aws:iam::123456789012:role/" + request.roleName()).build()).build();
    }

    @Override
    public PutRolePolicyResponse putRolePolicy(PutRolePolicyRequest request) {
        recorder.add(request);
        check();
        role(request.roleName()).inline.put(request.policyName(), encode(request.policyDocument()));
        return PutRolePolicyResponse.builder().build();
    }

    @Override
    public GetRolePolicyResponse getRolePolicy(GetRolePolicyRequest request) {
        recorder.add(request);
        check();
        String document = role(request.roleName()).inline.get(request.policyName());
        if (document == null) {
            throw NoSuchEntityException.builder().statusCode(404).awsErrorDetails(
                    software.amazon.awssdk.awscore.exception.AwsErrorDetails.builder().errorCode("NoSuchEntity")
                            .build()).build();
        }
        return GetRolePolicyResponse.builder().roleName(request.roleName()).policyName(request.policyName())
                .policyDocument(document).build();
    }

    @Override
    public ListRolePoliciesResponse listRolePolicies(ListRolePoliciesRequest request) {
        recorder.add(request);
        check();
        return ListRolePoliciesResponse.builder().policyNames(role(request.roleName()).inline.keySet())
                .isTruncated(false).build();
    }

    @Override
    public ListAttachedRolePoliciesResponse listAttachedRolePolicies(ListAttachedRolePoliciesRequest request) {
        recorder.add(request);
        check();
        List<AttachedPolicy> attached = role(request.roleName()).attached.entrySet().stream()
                .map(e -> AttachedPolicy.builder().policyArn(e.getKey()).policyName(e.getValue()).build()).toList();
        return ListAttachedRolePoliciesResponse.builder().attachedPolicies(attached).isTruncated(false).build();
    }

    @Override
    public UpdateAssumeRolePolicyResponse updateAssumeRolePolicy(UpdateAssumeRolePolicyRequest request) {
        recorder.add(request);
        check();
        role(request.roleName()).trust = encode(request.policyDocument());
        return UpdateAssumeRolePolicyResponse.builder().build();
    }

    @Override
    public UpdateRoleResponse updateRole(UpdateRoleRequest request) {
        recorder.add(request);
        check();
        StoredRole role = role(request.roleName());
        role.description = request.description();
        role.maxSession = request.maxSessionDuration();
        return UpdateRoleResponse.builder().build();
    }

    @Override
    public PutRolePermissionsBoundaryResponse putRolePermissionsBoundary(PutRolePermissionsBoundaryRequest request) {
        recorder.add(request);
        check();
        role(request.roleName()).boundary = request.permissionsBoundary();
        return PutRolePermissionsBoundaryResponse.builder().build();
    }

    @Override
    public DeleteRolePolicyResponse deleteRolePolicy(DeleteRolePolicyRequest request) {
        recorder.add(request);
        check();
        role(request.roleName()).inline.remove(request.policyName());
        return DeleteRolePolicyResponse.builder().build();
    }

    @Override
    public DetachRolePolicyResponse detachRolePolicy(DetachRolePolicyRequest request) {
        recorder.add(request);
        check();
        role(request.roleName()).attached.remove(request.policyArn());
        return DetachRolePolicyResponse.builder().build();
    }

    @Override
    public DeleteRoleResponse deleteRole(DeleteRoleRequest request) {
        recorder.add(request);
        check();
        StoredRole role = role(request.roleName());
        if (!role.inline.isEmpty() || !role.attached.isEmpty()) {
            throw AwsFaults.error(409, "DeleteConflict", "Cannot delete entity, must delete policies first.");
        }
        roles.remove(request.roleName());
        return DeleteRoleResponse.builder().build();
    }

    @Override
    public GetAccountSummaryResponse getAccountSummary(GetAccountSummaryRequest request) {
        answer(request);
        return GetAccountSummaryResponse.builder().summaryMap(Map.of(SummaryKeyType.ACCOUNT_ACCESS_KEYS_PRESENT,
                rootAccessKeys, SummaryKeyType.ACCOUNT_MFA_ENABLED, rootMfa, SummaryKeyType.USERS, 3)).build();
    }

    @Override
    public ListAccessKeysResponse listAccessKeys(ListAccessKeysRequest request) {
        answer(request);
        return ListAccessKeysResponse.builder().accessKeyMetadata(accessKeys.getOrDefault(request.userName(),
                List.of())).isTruncated(false).build();
    }

    @Override
    public ListMfaDevicesResponse listMFADevices(ListMfaDevicesRequest request) {
        answer(request);
        List<MFADevice> devices = new ArrayList<>();
        for (int i = 0; i < mfaDevices.getOrDefault(request.userName(), 0); i++) {
            devices.add(MFADevice.builder().userName(request.userName()).serialNumber("arn:aws:iam::123456789012:mfa/"
                    + request.userName() + i).enableDate(Instant.parse("2026-01-01T00:00:00Z")).build());
        }
        return ListMfaDevicesResponse.builder().mfaDevices(devices).isTruncated(false).build();
    }

    private void answer(SdkRequest request) {
        recorder.add(request);
        check();
        String operation = dev.trainctl.orchestrator.aws.AwsActions.operation(request);
        if (denied.contains(operation)) {
            throw AwsFaults.accessDenied(dev.trainctl.orchestrator.aws.AwsActions.action(request));
        }
    }

    @Override
    public String serviceName() {
        return "iam";
    }

    @Override
    public void close() {
    }
}
