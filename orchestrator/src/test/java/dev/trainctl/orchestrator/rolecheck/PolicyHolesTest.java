package dev.trainctl.orchestrator.rolecheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainctl.orchestrator.fakes.FakeSts;
import dev.trainctl.orchestrator.iam.ParsedPolicy;
import dev.trainctl.orchestrator.iam.PolicyEvaluator;
import dev.trainctl.orchestrator.iam.PolicySet;
import dev.trainctl.orchestrator.iam.Request;
import dev.trainctl.orchestrator.iam.ResourcePolicy;
import dev.trainctl.orchestrator.names.JobNames;
import dev.trainctl.orchestrator.names.ResourceNames;
import dev.trainctl.orchestrator.policy.CallerPolicy;
import dev.trainctl.orchestrator.policy.ExecutionRolePolicies;
import dev.trainctl.orchestrator.policy.ProvisionerPolicy;
import dev.trainctl.orchestrator.policy.RoleCheckPolicy;
import dev.trainctl.orchestrator.roles.PolicyDocument;
import dev.trainctl.orchestrator.roles.PolicyKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.iam.model.GetPolicyRequest;
import software.amazon.awssdk.services.iam.model.GetPolicyVersionRequest;
import software.amazon.awssdk.services.iam.model.GetRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.GetRoleRequest;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.ListAttachedRolePoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListRolePoliciesRequest;
import software.amazon.awssdk.services.iam.model.SimulatePrincipalPolicyRequest;

/**
 * The holes an independent IAM evaluation found in trainctl's documents (issue 12), each shown by evaluating real
 * requests against the documents, as IAM would: every test decides against the documents that trainctl generates
 * today, and where the hole existed, also against the documents from before the fix (the test would have failed).
 */
class PolicyHolesTest {

    private static final ResourceNames NAMES = Corpus.NAMES;
    private static final String ACCOUNT = Corpus.ACCOUNT;
    private static final String JOB = Corpus.JOB_NAME;
    private static final String CHECKPOINT = NAMES.bucketArn() + "/" + NAMES.checkpointsPrefix() + JOB
            + "/checkpoint.ndlist";

    private static final PolicyDocument ROLE = Corpus.oursPermissions();
    private static final PolicyDocument ROLE_BEFORE = PolicyDocument.inline("before", Corpus.read(
            "role-before-issue-12.json").replace("123456789012", ACCOUNT).replace("eu-west-1", Corpus.REGION));
    private static final List<PolicyDocument> CALLERS = List.of(Corpus.callerPolicies());
    private static final PolicyDocument CALLER_BEFORE = PolicyDocument.inline("before", Corpus.read(
            "caller-before-issue-12.json").replace("123456789012", ACCOUNT).replace("eu-west-1", Corpus.REGION));

    /** What IAM decides for a request with no principal named (within the account): allowed, explicitDeny, ... */
    private static String decide(List<PolicyDocument> documents, String action, String resource,
            Map<String, List<String>> context) {
        return decide(documents, new Request(action, resource, Optional.empty(), context));
    }

    private static String decide(List<PolicyDocument> documents, Request request) {
        PolicySet set = PolicySet.of(documents.stream().filter(d -> d.kind() != PolicyKind.PERMISSIONS_BOUNDARY)
                .map(d -> ParsedPolicy.parse(d.name(), d.json())).toArray(ParsedPolicy[]::new));
        for (PolicyDocument d : documents) {
            if (d.kind() == PolicyKind.PERMISSIONS_BOUNDARY) {
                set = set.withBoundary(ParsedPolicy.parse(d.name(), d.json()));
            }
        }
        return switch (PolicyEvaluator.evaluate(set, request).outcome()) {
            case ALLOWED -> "allowed";
            case EXPLICIT_DENY -> "explicitDeny";
            case IMPLICIT_DENY -> "implicitDeny";
        };
    }

    /** Whether SageMaker may assume the role for a job: the trust policy, for a request from SageMaker. */
    private static String assume(String trust, String jobArn) {
        PolicySet set = PolicySet.of().withResource(ResourcePolicy.trust(ParsedPolicy.parse("trust", trust)));
        Request request = new Request("sts:AssumeRole", NAMES.roleArn(), Optional.of(ResourceNames.SAGEMAKER_SERVICE),
                Map.of("aws:SourceArn", List.of(jobArn), "aws:SourceAccount", List.of(ACCOUNT)));
        return PolicyEvaluator.evaluate(set, request).allowed() ? "allowed" : "implicitDeny";
    }

    private static Map<String, List<String>> ownBucket() {
        return Map.of("s3:ResourceAccount", List.of(ACCOUNT));
    }

    // 1. A spot job restores its checkpoints as the role, and SageMaker mirrors deletes.

    @ParameterizedTest
    @ValueSource(strings = {"s3:GetObject", "s3:DeleteObject"})
    void theRoleMaySyncCheckpointsBackWhichTheOldRoleCouldNot(String action) {
        assertThat(decide(List.of(ROLE_BEFORE), action, CHECKPOINT, ownBucket())).isEqualTo("implicitDeny");
        assertThat(decide(List.of(ROLE), action, CHECKPOINT, ownBucket())).isEqualTo("allowed");
    }

    @Test
    void checkpointSyncReachesNothingOutsideTheCheckpointPrefix() {
        String data = NAMES.bucketArn() + "/" + NAMES.dataPrefix() + "train-images-idx3-ubyte";
        assertThat(decide(List.of(ROLE), "s3:DeleteObject", data, ownBucket())).isEqualTo("implicitDeny");
        assertThat(decide(List.of(ROLE), "s3:PutObject", data, ownBucket())).isEqualTo("implicitDeny");
    }

    @Test
    void roleCheckReportsTheMissingCheckpointReadOnTheOldRole() {
        RoleCheckReport report = new RoleCheck(Corpus.iam(Corpus.role(Corpus.oursTrust(), ROLE_BEFORE)),
                new FakeSts(Corpus.CALLER)).run(Corpus.request());

        assertThat(report.checks()).filteredOn(c -> c.check().equals("simulate.required")
                && c.verdict() == Verdict.FAIL).extracting(CheckResult::reason)
                .anyMatch(r -> r.startsWith("s3:GetObject on " + CHECKPOINT + " (restore checkpoints"))
                .anyMatch(r -> r.startsWith("s3:DeleteObject on " + CHECKPOINT));
    }

    // 2. ForAllValues is true for an absent key: the Null guard makes the instance types required.

    @Test
    void createTrainingJobWithoutInstanceTypesIsDeniedButWasAllowed() {
        String job = NAMES.trainingJobArn(NAMES.trainingJobName(Instant.parse("2026-12-01T10:00:00Z")));
        Map<String, List<String>> noInstanceTypes = Map.of("sagemaker:MaxRuntimeInSeconds", List.of("3600"),
                "sagemaker:NetworkIsolation", List.of("true"));

        assertThat(decide(List.of(CALLER_BEFORE), "sagemaker:CreateTrainingJob", job, noInstanceTypes))
                .isEqualTo("allowed");
        assertThat(decide(CALLERS, "sagemaker:CreateTrainingJob", job, noInstanceTypes))
                .isEqualTo("implicitDeny");
        assertThat(decide(CALLERS, "sagemaker:CreateTrainingJob", job, guardrailContext()))
                .isEqualTo("allowed");
    }

    // 3. Network isolation required; no warm pools, no remote debugging.

    @Test
    void createTrainingJobNeedsNetworkIsolationAndRefusesWarmPoolsAndRemoteDebug() {
        String job = NAMES.trainingJobArn(NAMES.trainingJobName(Instant.parse("2026-12-01T10:00:00Z")));
        Map<String, List<String>> open = new LinkedHashMap<>(guardrailContext());
        open.put("sagemaker:NetworkIsolation", List.of("false"));
        Map<String, List<String>> absent = new LinkedHashMap<>(guardrailContext());
        absent.remove("sagemaker:NetworkIsolation");
        Map<String, List<String>> warmPool = new LinkedHashMap<>(guardrailContext());
        warmPool.put("sagemaker:KeepAlivePeriod", List.of("600"));
        Map<String, List<String>> debug = new LinkedHashMap<>(guardrailContext());
        debug.put("sagemaker:EnableRemoteDebug", List.of("true"));

        assertThat(decide(List.of(CALLER_BEFORE), "sagemaker:CreateTrainingJob", job, open)).isEqualTo("allowed");
        for (Map<String, List<String>> context : List.of(open, absent, warmPool, debug)) {
            assertThat(decide(CALLERS, "sagemaker:CreateTrainingJob", job, context)).as(context.toString())
                    .isEqualTo("implicitDeny");
        }
    }

    private static Map<String, List<String>> guardrailContext() {
        return Map.of("sagemaker:InstanceTypes", List.of("ml.t3.medium"), "sagemaker:MaxRuntimeInSeconds",
                List.of("3600"), "sagemaker:NetworkIsolation", List.of("true"));
    }

    // 4. A same-named bucket of another account gets nothing.

    @Test
    void noS3GrantReachesABucketOwnedByAnotherAccount() {
        String data = NAMES.bucketArn() + "/" + NAMES.dataPrefix() + "train-images-idx3-ubyte";
        Map<String, List<String>> foreign = Map.of("s3:ResourceAccount", List.of("999999999999"));

        assertThat(decide(List.of(ROLE_BEFORE), "s3:GetObject", data, foreign)).isEqualTo("allowed");
        assertThat(decide(List.of(ROLE), "s3:GetObject", data, foreign)).isEqualTo("implicitDeny");
        assertThat(decide(CALLERS, "s3:PutObject", data, foreign)).isEqualTo("implicitDeny");
        PolicyDocument provisioner = PolicyDocument.inline("p", ProvisionerPolicy.document(NAMES).toJson());
        assertThat(decide(List.of(provisioner), "s3:PutBucketPolicy", NAMES.bucketArn(), foreign))
                .isEqualTo("implicitDeny");
        assertThat(decide(List.of(ROLE), "s3:GetObject", data, ownBucket())).isEqualTo("allowed");
    }

    // 5. No name's patterns cover another name's jobs.

    @Test
    void aNamesPoliciesNeverCoverTheJobsOfANameItIsAPrefixOf() {
        ResourceNames short_ = ResourceNames.of("aws", ACCOUNT, Corpus.REGION, "mnist");
        ResourceNames long_ = ResourceNames.of("aws", ACCOUNT, Corpus.REGION, "mnist-gpu");
        Random random = new Random(12);
        for (int i = 0; i < 200; i++) {
            Instant now = Instant.ofEpochMilli(1_700_000_000_000L + random.nextInt(Integer.MAX_VALUE));
            for (ResourceNames owner : List.of(short_, long_)) {
                ResourceNames other = owner == short_ ? long_ : short_;
                for (String job : List.of(owner.trainingJobName(now), owner.roleCheckJobName(now))) {
                    assertThat(assumable(owner, job)).as(job).isEqualTo("allowed");
                    assertThat(assumable(other, job)).as(other.name() + " must not admit " + job)
                            .isEqualTo("implicitDeny");
                    assertThat(creatable(other, job)).as(job).isEqualTo("implicitDeny");
                    assertThat(decide(List.of(PolicyDocument.inline("r", ExecutionRolePolicies.permissions(other)
                            .toJson())), "logs:PutLogEvents", other.logGroupArn() + ":log-stream:" + job
                            + "/algo-1-1700000000", Map.of())).isEqualTo("implicitDeny");
                }
            }
        }
        String oldTrust = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{"
                + "\"Service\":\"sagemaker.amazonaws.com\"},\"Action\":\"sts:AssumeRole\",\"Condition\":{"
                + "\"StringEquals\":{\"aws:SourceAccount\":\"" + ACCOUNT + "\"},\"ArnLike\":{\"aws:SourceArn\":\""
                + short_.trainingJobArn("mnist-*") + "\"}}}}";
        assertThat(assume(oldTrust, long_.trainingJobArn(long_.trainingJobName(Instant.EPOCH))))
                .as("NAME-* admitted NAME-gpu's jobs").isEqualTo("allowed");
    }

    @Test
    void tuningJobsAndTheirTrialsAreAdmittedOnlyForTheirOwnName() {
        ResourceNames short_ = ResourceNames.of("aws", ACCOUNT, Corpus.REGION, "mnist");
        ResourceNames long_ = ResourceNames.of("aws", ACCOUNT, Corpus.REGION, "mnist-gpu");
        Random random = new Random(7);
        for (int i = 0; i < 200; i++) {
            Instant now = Instant.ofEpochMilli(1_700_000_000_000L + random.nextInt(Integer.MAX_VALUE));
            for (ResourceNames owner : List.of(short_, long_)) {
                ResourceNames other = owner == short_ ? long_ : short_;
                String tuning = owner.tuningJobName(now);
                // SageMaker names trials TUNINGJOB-NNN-xxxxxxxx.
                String trial = String.format("%s-%03d-%08x", tuning, 1 + random.nextInt(500), random.nextInt());
                assertThat(assumable(owner, trial)).as(trial).isEqualTo("allowed");
                assertThat(assume(ExecutionRolePolicies.trust(owner).toJson(), owner.tuningJobArn(tuning)))
                        .as(tuning).isEqualTo("allowed");
                assertThat(assumable(other, trial)).as(other.name() + " must not admit " + trial)
                        .isEqualTo("implicitDeny");
                assertThat(assume(ExecutionRolePolicies.trust(other).toJson(), other.tuningJobArn(tuning)))
                        .as(other.name() + " must not admit " + tuning).isEqualTo("implicitDeny");
                PolicyDocument caller = PolicyDocument.inline("c", CallerPolicy.document(other).toJson());
                assertThat(decide(List.of(caller), "sagemaker:CreateHyperParameterTuningJob",
                        other.tuningJobArn(tuning), guardrailContext())).isEqualTo("implicitDeny");
                // A trial is never a name's own training job: the caller cannot start one under that name.
                assertThat(decide(List.of(PolicyDocument.inline("c", CallerPolicy.document(owner).toJson())),
                        "sagemaker:CreateTrainingJob", owner.trainingJobArn(trial), guardrailContext()))
                        .isEqualTo("implicitDeny");
            }
        }
    }

    @Test
    void roleCheckWarnsWhenTheTrustPolicyWouldNotLetTuningTrialsRunAsTheRole() {
        PolicyDocument trainingOnly = PolicyDocument.trust(ExecutionRolePolicies.trust(NAMES).toJson()
                .replace(",\"" + NAMES.tuningJobArnPattern() + "\"", "")
                .replace(",\"" + NAMES.trainingJobArn(JobNames.trialWildcard(NAMES.name())) + "\"", ""));
        assertThat(trainingOnly.json()).doesNotContain("hyper-parameter-tuning-job");

        RoleCheckReport report = new RoleCheck(Corpus.iam(Corpus.role(trainingOnly, ROLE)), new FakeSts(Corpus.CALLER))
                .run(Corpus.request());

        assertThat(report.checks()).filteredOn(c -> c.check().equals("trust.tuning-trials")).singleElement()
                .satisfies(c -> {
                    assertThat(c.verdict()).isEqualTo(Verdict.WARN);
                    assertThat(c.reason()).contains("'trainctl tune' cannot use this role");
                });
    }

    @Test
    void theCallerStartsTuningJobsOnlyWithinTheSameGuardrails() {
        String tuning = NAMES.tuningJobArn(NAMES.tuningJobName(Instant.parse("2026-12-01T10:00:00Z")));
        List<PolicyDocument> caller = CALLERS;
        Map<String, List<String>> large = new LinkedHashMap<>(guardrailContext());
        large.put("sagemaker:InstanceTypes", List.of("ml.p4d.24xlarge"));
        Map<String, List<String>> open = new LinkedHashMap<>(guardrailContext());
        open.put("sagemaker:NetworkIsolation", List.of("false"));
        Map<String, List<String>> noTypes = new LinkedHashMap<>(guardrailContext());
        noTypes.remove("sagemaker:InstanceTypes");

        assertThat(decide(caller, "sagemaker:CreateHyperParameterTuningJob", tuning, guardrailContext()))
                .isEqualTo("allowed");
        for (Map<String, List<String>> context : List.of(large, open, noTypes)) {
            assertThat(decide(caller, "sagemaker:CreateHyperParameterTuningJob", tuning, context))
                    .as(context.toString()).isEqualTo("implicitDeny");
        }
    }

    private static String assumable(ResourceNames names, String job) {
        return assume(ExecutionRolePolicies.trust(names).toJson(), names.trainingJobArn(job));
    }

    private static String creatable(ResourceNames names, String job) {
        return decide(List.of(PolicyDocument.inline("c", CallerPolicy.document(names).toJson())),
                "sagemaker:CreateTrainingJob", names.trainingJobArn(job), guardrailContext());
    }

    @ParameterizedTest
    @ValueSource(strings = {"mnist-rolecheck", "a-very-long-name-of-thirty-four-ch"})
    void namesThatCouldCollideOrOverflowAreRefused(String name) {
        assertThat(ResourceNames.nameProblem(name)).isPresent();
        assertThatThrownBy(() -> ResourceNames.of("aws", ACCOUNT, Corpus.REGION, name))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theLongestNameStillMakesValidRoleCheckJobNames() {
        ResourceNames longest = ResourceNames.of("aws", ACCOUNT, Corpus.REGION, "n".repeat(ResourceNames.MAX_NAME_LENGTH));
        String job = longest.roleCheckJobName(Instant.EPOCH);
        assertThat(job).hasSize(JobNames.MAX_LENGTH).startsWith(longest.name() + "-rolecheck-");
        assertThat(assumable(longest, job)).isEqualTo("allowed");
    }

    // 6. The provisioner cannot make the role (or itself) more powerful than the boundary.

    @Test
    void theProvisionerMayChangeTheRoleOnlyWithTheBoundaryAndNeverLoosenIt() {
        List<PolicyDocument> provisioner = List.of(PolicyDocument.inline("p", ProvisionerPolicy.document(NAMES)
                .toJson()));
        Map<String, List<String>> withBoundary = Map.of("iam:PermissionsBoundary",
                List.of(NAMES.boundaryPolicyArn()));
        String role = NAMES.roleArn();

        assertThat(decide(provisioner, "iam:CreateRole", role, Map.of())).isEqualTo("implicitDeny");
        assertThat(decide(provisioner, "iam:CreateRole", role, withBoundary)).isEqualTo("allowed");
        assertThat(decide(provisioner, "iam:PutRolePolicy", role, Map.of())).isEqualTo("implicitDeny");
        assertThat(decide(provisioner, "iam:PutRolePolicy", role, withBoundary)).isEqualTo("allowed");
        assertThat(decide(provisioner, "iam:PutRolePermissionsBoundary", role, Map.of("iam:PermissionsBoundary",
                List.of("arn:aws:iam::" + ACCOUNT + ":policy/AdministratorAccess")))).isEqualTo("implicitDeny");
        assertThat(decide(provisioner, "iam:DeleteRolePermissionsBoundary", role, withBoundary))
                .isEqualTo("explicitDeny");
        for (String action : List.of("iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion", "iam:DeletePolicy")) {
            assertThat(decide(provisioner, action, NAMES.boundaryPolicyArn(), Map.of())).as(action)
                    .isEqualTo("explicitDeny");
        }
        assertThat(decide(provisioner, "iam:PassRole", role, Map.of())).isEqualTo("implicitDeny");
    }

    @Test
    void aRoleGivenAdminInlineStillCanDoOnlyWhatItsBoundaryAllows() {
        PolicyDocument admin = PolicyDocument.inline("x", Corpus.read("wildcard-admin.json"));
        PolicyDocument boundary = PolicyDocument.boundary(NAMES.boundaryPolicyArn(),
                ExecutionRolePolicies.boundary(NAMES, Optional.empty()).toJson());
        List<PolicyDocument> escalated = List.of(admin, boundary);
        String data = NAMES.bucketArn() + "/" + NAMES.dataPrefix() + "train-images-idx3-ubyte";

        assertThat(decide(List.of(admin), "iam:CreateAccessKey", "arn:aws:iam::" + ACCOUNT + ":user/mallory",
                Map.of())).isEqualTo("allowed");
        assertThat(decide(escalated, "iam:CreateAccessKey", "arn:aws:iam::" + ACCOUNT + ":user/mallory", Map.of()))
                .isEqualTo("implicitDeny");
        assertThat(decide(escalated, "s3:GetObject", "arn:aws:s3:::another-bucket/x", ownBucket()))
                .isEqualTo("implicitDeny");
        assertThat(decide(escalated, "s3:GetObject", data, ownBucket())).isEqualTo("allowed");
    }

    // 7. role check runs under its own read-only document.

    @Test
    void everyIamRequestRoleCheckMakesIsAllowedByTheRoleCheckPolicy() {
        SimulatingIam iam = Corpus.iam(Corpus.ours());
        new RoleCheck(iam, new FakeSts(Corpus.CALLER)).run(Corpus.request());
        // IAM substitutes ${aws:PrincipalArn} with the requester's ARN: alice's.
        List<PolicyDocument> policy = List.of(PolicyDocument.inline("rolecheck", RoleCheckPolicy.document(NAMES)
                .toJson()));

        List<String> denied = new ArrayList<>();
        for (SdkRequest request : iam.requests) {
            String[] call = actionAndResource(request);
            if (!decide(policy, asAlice(call[0], call[1])).equals("allowed")) {
                denied.add(call[0] + " " + call[1]);
            }
        }
        assertThat(iam.requests).hasSizeGreaterThan(10);
        assertThat(denied).isEmpty();
        assertThat(decide(policy, asAlice("iam:SimulatePrincipalPolicy", "arn:aws:iam::" + ACCOUNT + ":user/bob")))
                .isEqualTo("implicitDeny");
        assertThat(decide(policy, asAlice("iam:PutRolePolicy", NAMES.roleArn()))).isEqualTo("implicitDeny");
    }

    /**
     * An IAM Identity Center user's sessions are sessions of a role under aws-reserved/sso.amazonaws.com/, and a CI
     * role may have a path too: role check finds the path with GetRole, simulates the role's full ARN, and the
     * document 'policy show rolecheck' prints for that session allows exactly that (aws:PrincipalArn is the role's
     * ARN for a role session), and not for another role.
     */
    @ParameterizedTest
    @ValueSource(strings = {"aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_Trainers_0123456789abcdef",
        "ci/trainctl-ci"})
    void aRoleSessionIsSimulatedAsItsRoleAndTheRoleCheckPolicyForItAllowsEveryRequest(String pathAndName) {
        String roleArn = "arn:aws:iam::" + ACCOUNT + ":role/" + pathAndName;
        String name = pathAndName.substring(pathAndName.lastIndexOf('/') + 1);
        String session = "arn:aws:sts::" + ACCOUNT + ":assumed-role/" + name + "/alice@example.com";
        SimulatingIam iam = new SimulatingIam(Corpus.ours()).withCallerRole(roleArn, Corpus.callerPolicies())
                .withRoleTrust(NAMES.servingRoleArn(), Corpus.servingTrust());

        RoleCheckReport report = new RoleCheck(iam, new FakeSts(session)).run(Corpus.request());

        assertThat(iam.simulations()).extracting(SimulatePrincipalPolicyRequest::policySourceArn).contains(roleArn);
        assertThat(report.checks()).filteredOn(c -> c.check().startsWith("caller."))
                .extracting(CheckResult::verdict).containsOnly(Verdict.PASS);
        // What 'policy show rolecheck' prints when run with that session's credentials (the pathless role ARN).
        List<PolicyDocument> policy = List.of(PolicyDocument.inline("rolecheck", RoleCheckPolicy.document(NAMES,
                Optional.of("arn:aws:iam::" + ACCOUNT + ":role/" + name)).toJson()));
        List<String> denied = new ArrayList<>();
        for (SdkRequest request : iam.requests) {
            String[] call = actionAndResource(request, roleArn);
            if (!decide(policy, new Request(call[0], call[1], Optional.of(roleArn), Map.of())).equals("allowed")) {
                denied.add(call[0] + " " + call[1]);
            }
        }
        assertThat(denied).isEmpty();
        String other = "arn:aws:iam::" + ACCOUNT + ":role/someone-else";
        assertThat(decide(policy, new Request("iam:SimulatePrincipalPolicy", other, Optional.of(roleArn), Map.of())))
                .isEqualTo("implicitDeny");
        assertThat(decide(policy, new Request("iam:GetRole", roleArn, Optional.of(other), Map.of())))
                .as("another principal holding the same document").isEqualTo("implicitDeny");
    }

    private static Request asAlice(String action, String resource) {
        return new Request(action, resource, Optional.of(Corpus.CALLER), Map.of());
    }

    private static String[] actionAndResource(SdkRequest request) {
        return actionAndResource(request, Corpus.CALLER);
    }

    /** The action and resource IAM authorizes a request as; GetRole of another role is the caller's own. */
    private static String[] actionAndResource(SdkRequest request, String caller) {
        String role = NAMES.roleArn();
        if (request instanceof GetRoleRequest r) {
            return new String[] {"iam:GetRole", r.roleName().equals(NAMES.roleName()) ? role
                    : r.roleName().equals(NAMES.servingRoleName()) ? NAMES.servingRoleArn() : caller};
        } else if (request instanceof ListRolePoliciesRequest) {
            return new String[] {"iam:ListRolePolicies", role};
        } else if (request instanceof GetRolePolicyRequest) {
            return new String[] {"iam:GetRolePolicy", role};
        } else if (request instanceof ListAttachedRolePoliciesRequest) {
            return new String[] {"iam:ListAttachedRolePolicies", role};
        } else if (request instanceof GetPolicyRequest r) {
            return new String[] {"iam:GetPolicy", r.policyArn()};
        } else if (request instanceof GetPolicyVersionRequest r) {
            return new String[] {"iam:GetPolicyVersion", r.policyArn()};
        } else if (request instanceof SimulatePrincipalPolicyRequest r) {
            return new String[] {"iam:SimulatePrincipalPolicy", r.policySourceArn()};
        } else if (request instanceof software.amazon.awssdk.services.iam.model.GetUserRequest) {
            return new String[] {"iam:GetUser", caller};
        } else if (request instanceof software.amazon.awssdk.services.iam.model.ListUserPoliciesRequest) {
            return new String[] {"iam:ListUserPolicies", caller};
        } else if (request instanceof software.amazon.awssdk.services.iam.model.GetUserPolicyRequest) {
            return new String[] {"iam:GetUserPolicy", caller};
        } else if (request instanceof software.amazon.awssdk.services.iam.model.ListAttachedUserPoliciesRequest) {
            return new String[] {"iam:ListAttachedUserPolicies", caller};
        } else if (request instanceof software.amazon.awssdk.services.iam.model.ListGroupsForUserRequest) {
            return new String[] {"iam:ListGroupsForUser", caller};
        }
        throw new AssertionError("role check sent an IAM request this test does not know: " + request);
    }

    // 8. An endpoint without a policy simulator is a warning, not a crash.

    private static RuntimeException noSimulator() {
        return (RuntimeException) IamException.builder().statusCode(500).awsErrorDetails(AwsErrorDetails.builder()
                .errorCode("InternalFailure").errorMessage("no simulator").build()).build();
    }

    /**
     * moto has no simulator (HTTP 500): the caller's own documents are read from IAM (here: alice has none of her
     * own, the caller policy comes from her group) and decided by the evaluator, instead of "not simulated".
     */
    @Test
    void withoutASimulatorTheCallersOwnAndGroupPoliciesAreReadAndEvaluated() {
        SimulatingIam iam = new SimulatingIam(Corpus.ours()).withPrincipal(Corpus.CALLER)
                .withGroup(Corpus.CALLER, "trainers", Corpus.callerPolicies()).failSimulationWith(noSimulator());

        RoleCheckReport report = new RoleCheck(iam, new FakeSts(Corpus.CALLER)).run(Corpus.request());

        assertThat(report.checks()).filteredOn(c -> c.check().equals(CallerCheck.RULE_PASS_ROLE)
                || c.check().equals(CallerCheck.RULE_CREATE_JOB)).extracting(CheckResult::verdict)
                .containsExactly(Verdict.PASS, Verdict.PASS);
        assertThat(report.checks()).filteredOn(c -> c.check().equals(CallerCheck.RULE_SIMULATE))
                .singleElement().satisfies(c -> assertThat(c.reason()).contains("IAM's simulator unavailable")
                        .contains("the caller simulated with trainctl's evaluator over its 3 policies read from IAM"));
        assertThat(report.callerMatrix()).filteredOn(r -> r.decision().equals("allowed")).extracting(r -> r.matchedPolicies()).allSatisfy(p -> assertThat(p)
                .containsExactly("trainctl-caller (group trainers)"));
    }

    @Test
    void withoutASimulatorACallerThatMayNotPassTheRoleFailsTheCheck() {
        PolicyDocument jobsOnly = PolicyDocument.inline("jobs-only", "{\"Version\": \"2012-10-17\", \"Statement\":"
                + " [{\"Effect\": \"Allow\", \"Action\": \"sagemaker:CreateTrainingJob\", \"Resource\": \"*\"}]}");
        SimulatingIam iam = new SimulatingIam(Corpus.ours()).withPrincipal(Corpus.CALLER, jobsOnly)
                .failSimulationWith(noSimulator());

        RoleCheckReport report = new RoleCheck(iam, new FakeSts(Corpus.CALLER)).run(Corpus.request());

        assertThat(report.checks()).filteredOn(c -> c.check().equals(CallerCheck.RULE_PASS_ROLE)).singleElement()
                .satisfies(c -> assertThat(c.verdict()).isEqualTo(Verdict.FAIL));
        assertThat(report.exitCode().code()).isEqualTo(11);
    }

    @Test
    void withoutASimulatorARoleSessionIsEvaluatedOnItsRolesDocuments() {
        String roleArn = "arn:aws:iam::" + ACCOUNT + ":role/ci/trainctl-ci";
        SimulatingIam iam = new SimulatingIam(Corpus.ours()).withCallerRole(roleArn, Corpus.callerPolicies())
                .failSimulationWith(noSimulator());

        RoleCheckReport report = new RoleCheck(iam, new FakeSts("arn:aws:sts::" + ACCOUNT
                + ":assumed-role/trainctl-ci/build-42")).run(Corpus.request());

        assertThat(report.checks()).filteredOn(c -> c.check().equals(CallerCheck.RULE_PASS_ROLE)).singleElement()
                .satisfies(c -> assertThat(c.verdict()).isEqualTo(Verdict.PASS));
        assertThat(report.notes()).anyMatch(n -> n.contains(roleArn + "'s own, attached and group policies"));
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 501})
    void aSimulatorThatFailsOnTheEndpointIsAWarningAndTheOtherChecksStillRun(int status) {
        SimulatingIam iam = Corpus.iam(Corpus.ours()).failSimulationWith(IamException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(status == 501 ? "NotImplemented"
                        : "InternalFailure").errorMessage("no simulator").build()).build());

        RoleCheckReport report = new RoleCheck(iam, new FakeSts(Corpus.CALLER)).run(Corpus.request());

        assertThat(report.checks()).filteredOn(c -> c.verdict() == Verdict.WARN).extracting(CheckResult::reason)
                .anyMatch(r -> r.contains("the endpoint has no IAM policy simulator (HTTP " + status));
        assertThat(report.checks()).extracting(CheckResult::check).contains("trust.sagemaker", "lint.iam-write");
        assertThat(report.checks()).noneMatch(c -> c.verdict() == Verdict.FAIL);
        assertThat(report.exitCode().code()).isZero();
    }
}
