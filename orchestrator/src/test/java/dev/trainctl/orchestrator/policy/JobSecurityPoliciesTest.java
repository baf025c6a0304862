package dev.trainctl.orchestrator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trainctl.orchestrator.iam.Decision;
import dev.trainctl.orchestrator.iam.ParsedPolicy;
import dev.trainctl.orchestrator.iam.PolicyEvaluator;
import dev.trainctl.orchestrator.iam.PolicySet;
import dev.trainctl.orchestrator.iam.Request;
import dev.trainctl.orchestrator.iam.ResourcePolicy;
import dev.trainctl.orchestrator.jobsecurity.JobRequest;
import dev.trainctl.orchestrator.jobsecurity.JobSecurity;
import dev.trainctl.orchestrator.jobsecurity.JobSecurityRequests;
import dev.trainctl.orchestrator.roles.KeyPolicies;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;

/**
 * The VPC and key statements decided by the evaluator, both ways: every ec2 and kms request a job in the VPC with the
 * keys makes is allowed by the provisioned role, and denied by the role provisioned without them; the caller may start
 * jobs only in the given subnets and security groups and with the given keys, and only when the request names them.
 */
class JobSecurityPoliciesTest {

    static final String ROLE_SESSION = "arn:aws:sts::123456789012:assumed-role/trainctl-mnist-execution/SageMaker";
    static final String CALLER = "arn:aws:iam::123456789012:user/alice";
    static final JobSecurity SECURITY = PolicyDocumentsTest.VPC_AND_KEYS;

    static Stream<JobRequest> jobRequests() {
        return new JobSecurityRequests("aws", "eu-west-1", "123456789012").all(SECURITY).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jobRequests")
    void theProvisionedRoleAllowsEveryRequestOfTheJobAndTheRoleWithoutThemDeniesIt(JobRequest request) {
        assertThat(decide(ExecutionRolePolicies.permissions(PolicyDocumentsTest.NAMES, SECURITY), request).allowed())
                .as("with the VPC and keys").isTrue();
        assertThat(decide(ExecutionRolePolicies.permissions(PolicyDocumentsTest.NAMES), request).allowed())
                .as("without them").isFalse();
    }

    @Test
    void withoutAVpcOrKeyTheRoleHasNoEc2AndNoKmsStatement() {
        assertThat(actions(ExecutionRolePolicies.permissions(PolicyDocumentsTest.NAMES)))
                .noneMatch(a -> a.startsWith("ec2:") || a.startsWith("kms:"));
        assertThat(actions(CallerPolicy.document(PolicyDocumentsTest.NAMES)))
                .noneMatch(a -> a.startsWith("ec2:") || a.startsWith("kms:"));
    }

    @Test
    void theNetworkInterfacesAreOnlyInTheGivenSubnetsWithTheGivenSecurityGroups() {
        IamPolicy role = ExecutionRolePolicies.permissions(PolicyDocumentsTest.NAMES, SECURITY);
        String elsewhere = "arn:aws:ec2:eu-west-1:123456789012:subnet/subnet-0fffffffffffffff0";
        assertThat(decide(role, new JobRequest("ec2:CreateNetworkInterface", elsewhere, Map.of(), "x", "x"))
                .allowed()).isFalse();
        assertThat(decide(role, new JobRequest("ec2:CreateNetworkInterface",
                "arn:aws:ec2:eu-west-1:123456789012:security-group/sg-0fffffffffffffff0", Map.of(), "x", "x"))
                .allowed()).isFalse();
        assertThat(decide(role, new JobRequest("ec2:DeleteNetworkInterface",
                "arn:aws:ec2:eu-west-1:123456789012:network-interface/eni-0fffffffffffffff0",
                Map.of("ec2:Subnet", List.of(elsewhere)), "x", "x")).allowed()).isFalse();
        assertThat(decide(role, new JobRequest("ec2:CreateNetworkInterfacePermission",
                "arn:aws:ec2:eu-west-1:123456789012:network-interface/eni-0fffffffffffffff0",
                Map.of("ec2:Subnet", List.of("arn:aws:ec2:eu-west-1:123456789012:subnet/subnet-0123456789abcdef0"),
                        "ec2:AuthorizedService", List.of("ec2.amazonaws.com")), "x", "x")).allowed())
                .as("a permission for another service").isFalse();
        assertThat(decide(role, new JobRequest("ec2:DescribeVpcs", "*", Map.of("ec2:Region", List.of("us-east-1")),
                "x", "x")).allowed()).as("another region").isFalse();
    }

    @Test
    void theKeysAreUsedOnlyThroughS3AndOnlyGrantedToAnAwsResource() {
        IamPolicy role = ExecutionRolePolicies.permissions(PolicyDocumentsTest.NAMES, SECURITY);
        String key = PolicyDocumentsTest.KEY;
        assertThat(decide(role, new JobRequest("kms:Decrypt", key, Map.of(), "x", "x")).allowed())
                .as("decrypt called directly").isFalse();
        assertThat(decide(role, new JobRequest("kms:Decrypt", key, Map.of("kms:ViaService",
                List.of("lambda.eu-west-1.amazonaws.com")), "x", "x")).allowed()).as("through Lambda").isFalse();
        assertThat(decide(role, new JobRequest("kms:CreateGrant", PolicyDocumentsTest.VOLUME_KEY,
                Map.of("kms:GrantIsForAWSResource", List.of("false")), "x", "x")).allowed())
                .as("a grant to a principal").isFalse();
        assertThat(decide(role, new JobRequest("kms:Encrypt", key, Map.of("kms:ViaService",
                List.of("lambda.eu-west-1.amazonaws.com")), "x", "x")).allowed()).as("encrypt through Lambda")
                .isFalse();
    }

    static Stream<Object[]> callerRequests() {
        Map<String, List<String>> job = jobContext();
        List<Object[]> cases = new ArrayList<>();
        cases.add(new Object[] {"the given subnets, security group and keys", job, true});
        cases.add(new Object[] {"one of the given subnets only", with(job, "sagemaker:VpcSubnets",
                "subnet-0123456789abcdef1"), true});
        cases.add(new Object[] {"another subnet", with(job, "sagemaker:VpcSubnets", "subnet-0123456789abcdef1",
                "subnet-0fffffffffffffff0"), false});
        cases.add(new Object[] {"another security group", with(job, "sagemaker:VpcSecurityGroupIds",
                "sg-0fffffffffffffff0"), false});
        cases.add(new Object[] {"another output key", with(job, "sagemaker:OutputKmsKey",
                "arn:aws:kms:eu-west-1:123456789012:key/ffffffff-12ab-34cd-56ef-1234567890ab"), false});
        for (String key : List.of("sagemaker:VpcSubnets", "sagemaker:VpcSecurityGroupIds", "sagemaker:OutputKmsKey",
                "sagemaker:VolumeKmsKey")) {
            Map<String, List<String>> without = new LinkedHashMap<>(job);
            without.remove(key);
            cases.add(new Object[] {"no " + key + " (a job outside the VPC or without the key)", without, false});
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: allowed={2}")
    @MethodSource("callerRequests")
    void theCallerMayStartJobsOnlyInTheVpcAndWithTheKeys(String name, Map<String, List<String>> context,
            boolean allowed) {
        IamPolicy caller = CallerPolicy.document(PolicyDocumentsTest.NAMES, new CallerPolicy.Options(
                CallerPolicy.DEFAULT_INSTANCE_TYPES, CallerPolicy.DEFAULT_MAX_RUNTIME_SECONDS, SECURITY));
        for (String action : List.of("sagemaker:CreateTrainingJob", "sagemaker:CreateHyperParameterTuningJob")) {
            String resource = action.endsWith("TrainingJob")
                    ? "arn:aws:sagemaker:eu-west-1:123456789012:training-job/trainctl-mnist-20261201-100000-000"
                    : "arn:aws:sagemaker:eu-west-1:123456789012:hyper-parameter-tuning-job/trainctl-mnist-261201-100000";
            Decision decision = PolicyEvaluator.evaluate(PolicySet.of(ParsedPolicy.parse("caller", caller.toJson())),
                    new Request(action, resource, Optional.of(CALLER), context));
            assertThat(decision.allowed()).as(action + ": " + decision.reason()).isEqualTo(allowed);
        }
    }

    @Test
    void theCallersVpcGuardrailsUseForAllValuesWithNullAsAwsDocumentsForMultivaluedKeys() {
        JsonObject conditions = statement(CallerPolicy.document(PolicyDocumentsTest.NAMES, new CallerPolicy.Options(
                CallerPolicy.DEFAULT_INSTANCE_TYPES, CallerPolicy.DEFAULT_MAX_RUNTIME_SECONDS, SECURITY)),
                "StartJobsWithinGuardrails").getAsJsonObject("Condition");
        assertThat(conditions.getAsJsonObject("ForAllValues:StringEquals").keySet())
                .contains("sagemaker:VpcSubnets", "sagemaker:VpcSecurityGroupIds");
        assertThat(conditions.getAsJsonObject("Null").keySet()).contains("sagemaker:VpcSubnets",
                "sagemaker:VpcSecurityGroupIds", "sagemaker:OutputKmsKey", "sagemaker:VolumeKmsKey");
        assertThat(conditions.getAsJsonObject("ArnEquals").keySet()).containsExactlyInAnyOrder(
                "sagemaker:OutputKmsKey", "sagemaker:VolumeKmsKey");
    }

    private static Map<String, List<String>> jobContext() {
        Map<String, List<String>> context = new LinkedHashMap<>();
        context.put("sagemaker:InstanceTypes", List.of("ml.m5.large"));
        context.put("sagemaker:MaxRuntimeInSeconds", List.of("3600"));
        context.put("sagemaker:NetworkIsolation", List.of("true"));
        context.put("sagemaker:VpcSubnets", List.of("subnet-0123456789abcdef0", "subnet-0123456789abcdef1"));
        context.put("sagemaker:VpcSecurityGroupIds", List.of("sg-0123456789abcdef0"));
        context.put("sagemaker:OutputKmsKey", List.of(PolicyDocumentsTest.KEY));
        context.put("sagemaker:VolumeKmsKey", List.of(PolicyDocumentsTest.VOLUME_KEY));
        return context;
    }

    private static Map<String, List<String>> with(Map<String, List<String>> context, String key, String... values) {
        Map<String, List<String>> changed = new LinkedHashMap<>(context);
        changed.put(key, List.of(values));
        return changed;
    }

    /** A job request as the role session, over the role's policy and, for a key, the key's default policy. */
    private static Decision decide(IamPolicy role, JobRequest request) {
        PolicySet set = PolicySet.of(ParsedPolicy.parse("role", role.toJson()));
        if (request.service().equals("kms")) {
            set = set.withResource(ResourcePolicy.key(ParsedPolicy.parse("key policy",
                    KeyPolicies.defaultPolicy("aws", "123456789012"))));
        }
        return PolicyEvaluator.evaluate(set, new Request(request.action(), request.resource(),
                Optional.of(ROLE_SESSION), request.context()));
    }

    private static List<String> actions(IamPolicy policy) {
        List<String> actions = new ArrayList<>();
        policy.statements().forEach(s -> s.actions().forEach(a -> actions.add(a.value())));
        return actions;
    }

    private static JsonObject statement(IamPolicy policy, String sid) {
        for (JsonElement s : JsonParser.parseString(policy.toJson()).getAsJsonObject().getAsJsonArray("Statement")) {
            if (s.getAsJsonObject().get("Sid").getAsString().equals(sid)) {
                return s.getAsJsonObject();
            }
        }
        throw new AssertionError(sid);
    }
}
