package dev.trainctl.orchestrator.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trainctl.orchestrator.jobsecurity.JobSecurity;
import dev.trainctl.orchestrator.names.ResourceNames;
import dev.trainctl.orchestrator.roles.PolicyJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;

class PolicyDocumentsTest {

    static final ResourceNames NAMES = ResourceNames.of("aws", "123456789012", "eu-west-1", "trainctl-mnist");
    static final String KEY = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    /** Actions AWS defines on no resource type: "*" is the only Resource they can have. */
    static final Set<String> STAR_ONLY_ACTIONS = Set.of("ecr:GetAuthorizationToken", "cloudwatch:PutMetricData",
            "sagemaker:ListTrainingJobs", "sagemaker:ListHyperParameterTuningJobs", "iam:GetAccountSummary",
            "cloudtrail:DescribeTrails", "servicequotas:ListServiceQuotas", "servicequotas:ListAWSDefaultServiceQuotas",
            "pricing:GetProducts", "sagemaker:ListEndpoints", "sagemaker:ListEndpointConfigs", "sagemaker:ListModels",
            "ec2:DescribeNetworkInterfaces", "ec2:DescribeVpcs", "ec2:DescribeDhcpOptions", "ec2:DescribeSubnets",
            "ec2:DescribeSecurityGroups");

    static final String VOLUME_KEY = "arn:aws:kms:eu-west-1:123456789012:key/0000abcd-12ab-34cd-56ef-1234567890ab";
    /** A job in two subnets of a private VPC with one security group, an output key and a volume key. */
    static final JobSecurity VPC_AND_KEYS = JobSecurity.of(Optional.of("subnet-0123456789abcdef0,subnet-0123456789abcdef1"),
            Optional.of("sg-0123456789abcdef0"), Optional.of(KEY), Optional.of(VOLUME_KEY));

    static Map<String, IamPolicy> allDocuments() {
        return Map.ofEntries(Map.entry("role-vpc-kms.json", ExecutionRolePolicies.permissions(NAMES, VPC_AND_KEYS)),
                Map.entry("caller-vpc-kms.json", CallerPolicy.document(NAMES, new CallerPolicy.Options(
                        CallerPolicy.DEFAULT_INSTANCE_TYPES, CallerPolicy.DEFAULT_MAX_RUNTIME_SECONDS, VPC_AND_KEYS))),
                Map.entry("trust.json", ExecutionRolePolicies.trust(NAMES)),
                Map.entry("role.json", ExecutionRolePolicies.permissions(NAMES)),
                Map.entry("role-kms.json", ExecutionRolePolicies.permissions(NAMES, Optional.of(KEY))),
                Map.entry("caller.json", CallerPolicy.document(NAMES)),
                Map.entry("caller-resources.json", CallerPolicy.documents(NAMES).get("caller-resources")),
                Map.entry("caller-serving.json", CallerPolicy.documents(NAMES).get("caller-serving")),
                Map.entry("provisioner.json", ProvisionerPolicy.document(NAMES)),
                Map.entry("bucket.json", BucketPolicy.document(NAMES)),
                Map.entry("rolecheck.json", RoleCheckPolicy.document(NAMES)),
                Map.entry("account.json", AccountCheckPolicy.document(NAMES)),
                Map.entry("serving-trust.json", ServingRolePolicies.trust(NAMES)),
                Map.entry("serving-role.json", ServingRolePolicies.permissions(NAMES)),
                Map.entry("serving-role-kms.json", ServingRolePolicies.permissions(NAMES, Optional.of(KEY))),
                Map.entry("boundary.json", ExecutionRolePolicies.boundary(NAMES, Optional.empty())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"trust.json", "role.json", "role-kms.json", "role-vpc-kms.json", "caller.json",
            "caller-resources.json", "caller-serving.json", "caller-vpc-kms.json", "provisioner.json", "bucket.json", "rolecheck.json", "account.json",
            "serving-trust.json", "serving-role.json", "serving-role-kms.json", "boundary.json"})
    void documentMatchesItsGoldenFileStatementByStatement(String file) throws IOException {
        JsonObject golden = golden(file);
        JsonObject actual = JsonParser.parseString(allDocuments().get(file).toJson()).getAsJsonObject();

        assertThat(statements(actual)).hasSameSizeAs(statements(golden));
        for (int i = 0; i < statements(golden).size(); i++) {
            assertThat(statements(actual).get(i)).as("statement %d of %s", i, file).isEqualTo(statements(golden).get(i));
        }
        assertThat(actual).isEqualTo(golden);
    }

    @Test
    void noStatementUsesResourceStarExceptForActionsAwsDefinesOnlyOnStar() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (String file : allDocuments().keySet()) {
            for (JsonElement statement : statements(golden(file))) {
                JsonObject s = statement.getAsJsonObject();
                if (s.has("Resource") && values(s.get("Resource")).contains("*")) {
                    for (String action : values(s.get("Action"))) {
                        if (!STAR_ONLY_ACTIONS.contains(action)) {
                            offenders.add(file + " " + s.get("Sid").getAsString() + " " + action);
                        }
                    }
                }
                assertThat(values(s.get("Action"))).as("wildcard actions in %s", file)
                        .allMatch(a -> !a.endsWith(":*") || s.get("Effect").getAsString().equals("Deny"));
            }
        }
        assertThat(offenders).isEmpty();
    }

    @Test
    void theCallerMayPassTheRoleButNeverChangeItAndTheProvisionerMayNeverPassIt() {
        List<String> callerIam = new ArrayList<>();
        for (JsonElement statement : statements(JsonParser.parseString(CallerPolicy.document(NAMES).toJson())
                .getAsJsonObject())) {
            values(statement.getAsJsonObject().get("Action")).stream().filter(a -> a.startsWith("iam:"))
                    .forEach(callerIam::add);
        }
        assertThat(callerIam).containsOnly("iam:PassRole");

        String provisioner = ProvisionerPolicy.document(NAMES).toJson();
        assertThat(provisioner).doesNotContain("iam:PassRole").doesNotContain("sagemaker:");
    }

    @Test
    void goldenFilesAreTheDocumentsTheCodeBuilds() {
        // Guards the test above: it reads the golden files, so they must be what users get.
        allDocuments().forEach((file, policy) -> {
            try {
                assertThat(PolicyJson.canonical(policy)).as(file).isEqualTo(PolicyJson.canonical(golden(file).toString()));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void trustIsLimitedToThisAccountsTrainingJobsOfTheName() {
        JsonObject statement = statements(JsonParser.parseString(ExecutionRolePolicies.trust(NAMES).toJson())
                .getAsJsonObject()).get(0).getAsJsonObject();

        assertThat(statement.getAsJsonObject("Principal").get("Service").getAsString())
                .isEqualTo("sagemaker.amazonaws.com");
        JsonObject condition = statement.getAsJsonObject("Condition");
        assertThat(condition.getAsJsonObject("StringEquals").get("aws:SourceAccount").getAsString())
                .isEqualTo("123456789012");
        assertThat(values(condition.getAsJsonObject("ArnLike").get("aws:SourceArn"))).containsExactly(
                "arn:aws:sagemaker:eu-west-1:123456789012:training-job/trainctl-mnist-????????-??????-???",
                "arn:aws:sagemaker:eu-west-1:123456789012:training-job/trainctl-mnist-rolecheck-????????-??????-???",
                "arn:aws:sagemaker:eu-west-1:123456789012:training-job/trainctl-mnist-??????-??????-???-????????",
                "arn:aws:sagemaker:eu-west-1:123456789012:hyper-parameter-tuning-job/trainctl-mnist-??????-??????");
    }

    @Test
    void callerInstanceTypesAndRuntimeCapFollowTheOptions() {
        IamPolicy policy = CallerPolicy.document(NAMES, new CallerPolicy.Options(List.of("ml.m5.xlarge"), 600,
                Optional.empty()));
        JsonObject guardrails = statement(policy, "StartJobsWithinGuardrails").getAsJsonObject("Condition");

        assertThat(values(guardrails.getAsJsonObject("ForAllValues:StringEquals").get("sagemaker:InstanceTypes")))
                .containsExactly("ml.m5.xlarge");
        assertThat(guardrails.getAsJsonObject("NumericLessThanEquals").get("sagemaker:MaxRuntimeInSeconds")
                .getAsString()).isEqualTo("600");
    }

    @Test
    void passRoleIsOnlyToSageMakerAndOnlyForTheRole() {
        JsonObject pass = statement(CallerPolicy.document(NAMES), "PassTheExecutionRoleToSageMakerOnly");

        assertThat(pass.get("Resource").getAsString()).isEqualTo("arn:aws:iam::123456789012:role/trainctl-mnist-execution");
        assertThat(pass.getAsJsonObject("Condition").getAsJsonObject("StringEquals").get("iam:PassedToService")
                .getAsString()).isEqualTo("sagemaker.amazonaws.com");
    }

    @Test
    void everyStatementHasAnExplanation() {
        allDocuments().values().forEach(policy -> policy.statements().forEach(s ->
                assertThat(PolicyExplanations.forSid(s.sid())).as(s.sid()).isPresent()));
    }

    @Test
    void theAccountCheckPolicyOnlyReadsAndTheProvisionerMayTouchOnlyItsOwnBudget() {
        List<String> actions = new ArrayList<>();
        statements(JsonParser.parseString(AccountCheckPolicy.document(NAMES).toJson()).getAsJsonObject())
                .forEach(s -> actions.addAll(values(s.getAsJsonObject().get("Action"))));
        assertThat(actions).isNotEmpty().allMatch(a -> a.matches("[a-z]+:(Get|List|Describe|View)[A-Za-z]*"));

        JsonObject budget = statement(ProvisionerPolicy.document(NAMES), "ManageTheCostBudget");
        assertThat(budget.get("Resource").getAsString())
                .isEqualTo("arn:aws:budgets::123456789012:budget/trainctl-mnist-monthly-cost");
    }

    @Test
    void badInstanceTypeIsRejected() {
        assertThatThrownBy(() -> new CallerPolicy.Options(List.of("t3.medium"), 60, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ml.t3.medium");
    }

    @Test
    void namesRejectAnUpperCaseName() {
        assertThatThrownBy(() -> ResourceNames.of("aws", "123456789012", "us-east-1", "MNIST"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'MNIST'");
    }

    @Test
    void partitionAppearsInEveryArn() {
        ResourceNames china = ResourceNames.of("aws-cn", "123456789012", "cn-north-1", "trainctl-mnist");
        assertThat(CallerPolicy.document(china).toJson()).doesNotContain("arn:aws:").contains("arn:aws-cn:");
        assertThat(china.repositoryUri()).endsWith(".amazonaws.com.cn/trainctl-mnist");
    }

    static JsonObject statement(IamPolicy policy, String sid) {
        for (JsonElement s : statements(JsonParser.parseString(policy.toJson()).getAsJsonObject())) {
            if (s.getAsJsonObject().get("Sid").getAsString().equals(sid)) {
                return s.getAsJsonObject();
            }
        }
        throw new AssertionError("no statement " + sid);
    }

    static JsonArray statements(JsonObject document) {
        JsonElement statement = document.get("Statement");
        if (statement.isJsonArray()) {
            return statement.getAsJsonArray();
        }
        JsonArray single = new JsonArray();
        single.add(statement);
        return single;
    }

    static List<String> values(JsonElement element) {
        List<String> values = new ArrayList<>();
        if (element == null) {
            return values;
        }
        if (element.isJsonArray()) {
            element.getAsJsonArray().forEach(e -> values.add(e.getAsString()));
        } else {
            values.add(element.getAsString());
        }
        return values;
    }

    static JsonObject golden(String file) throws IOException {
        try (InputStream in = PolicyDocumentsTest.class.getResourceAsStream("/policies/" + file)) {
            assertThat(in).as("golden file " + file).isNotNull();
            return JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getAsJsonObject();
        }
    }
}
