package dev.trainctl.orchestrator.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainctl.orchestrator.iam.ParsedPolicy;
import dev.trainctl.orchestrator.names.ResourceNames;
import dev.trainctl.orchestrator.policy.CallerPolicy;
import dev.trainctl.orchestrator.policy.ServingCallerStatements;
import dev.trainctl.orchestrator.policy.ExecutionRolePolicies;
import dev.trainctl.orchestrator.policy.ProvisionerPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each published SageMaker escalation path, opened and closed, bounded and not. */
class EscalationLintTest {

    static final ResourceNames NAMES = ResourceNames.of("aws", "123456789012", "eu-west-1", "trainctl-mnist");

    @Test
    void trainctlsCallerOpensTheTrainingAndModelPathsBoundedToTheNamesTwoRolesWhoseTrustsDecide() {
        // The caller's training and serving documents together ('policy show caller' and 'caller-serving').
        software.amazon.awssdk.policybuilder.iam.IamPolicy.Builder caller = CallerPolicy.document(NAMES).toBuilder();
        ServingCallerStatements.document(NAMES).statements().forEach(caller::addStatement);
        List<EscalationFinding> findings = find(caller.build().toJson());

        // The caller passes the execution role to training jobs and the serving role to CreateModel ('deploy');
        // neither CreateTrainingJob nor CreateModel has a condition key naming the role passed, so the document alone
        // cannot tell which role a job or a model can run as: the roles' trusts decide (role check evaluates them:
        // CallerEscalationThroughTrustsTest).
        assertThat(findings).extracting(EscalationFinding::path).containsExactly(
                EscalationPath.TRAINING_JOB_WITH_PASSED_ROLE, EscalationPath.MODEL_WITH_PASSED_ROLE);
        assertThat(findings).allSatisfy(f -> {
            assertThat(f.bounded()).isTrue();
            assertThat(f.roles()).containsExactly(NAMES.roleArn(), NAMES.servingRoleArn());
        });
        assertThat(findings.get(0).bound()).contains("iam:PassRole only on " + NAMES.roleArn() + ", "
                + NAMES.servingRoleArn() + ", only to sagemaker.amazonaws.com (iam:PassedToService), so it reaches at"
                + " most those roles, each only if its trust lets SageMaker assume it for a training job: the trusts"
                + " decide, which the caller's documents cannot show ('trainctl role check --role-arn ARN' evaluates"
                + " them");
        assertThat(findings.get(0).grants()).contains("caller / PassTheExecutionRoleToSageMakerOnly (iam:PassRole)",
                "caller / StartJobsWithinGuardrails (sagemaker:CreateTrainingJob)");
        assertThat(findings.get(1).bound()).contains("each only if its trust lets SageMaker assume it for a model"
                + " (inference)");
        assertThat(findings.get(1).grants()).contains("caller / CreateAndTagThisNamesServingResources (sagemaker:CreateModel)",
                "caller / CreateServerlessEndpointConfigsWithinCaps (sagemaker:CreateEndpointConfig)",
                "caller / CreateAndTagThisNamesServingResources (sagemaker:CreateEndpoint)");
    }

    @Test
    void modelsAutoMlAndPipelinesOnEveryRoleAreOpenPathsEachWithItsAwsSource() {
        String doc = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\":"
                + " [\"iam:PassRole\", \"sagemaker:CreateModel\", \"sagemaker:CreateEndpointConfig\","
                + " \"sagemaker:CreateEndpoint\", \"sagemaker:CreateTransformJob\", \"sagemaker:CreateAutoMLJobV2\","
                + " \"sagemaker:CreatePipeline\", \"sagemaker:StartPipelineExecution\"], \"Resource\": \"*\"}]}";

        List<EscalationFinding> findings = find(doc);

        assertThat(findings).extracting(EscalationFinding::path).containsExactly(
                EscalationPath.MODEL_WITH_PASSED_ROLE, EscalationPath.AUTOML_JOB_WITH_PASSED_ROLE,
                EscalationPath.PIPELINE_WITH_PASSED_ROLE);
        assertThat(findings).noneMatch(EscalationFinding::bounded);
        assertThat(findings).extracting(f -> f.path().source()).containsExactly(
                "https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateModel.html (ExecutionRoleArn)",
                "https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateAutoMLJobV2.html (RoleArn)",
                "https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreatePipeline.html (RoleArn)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "sagemaker:CreateModel, sagemaker:CreateTransformJob | MODEL_WITH_PASSED_ROLE",
        "sagemaker:CreateModel, sagemaker:CreateEndpointConfig, sagemaker:CreateEndpoint | MODEL_WITH_PASSED_ROLE",
        "sagemaker:CreateModel, sagemaker:CreateEndpointConfig | ",
        "sagemaker:CreateEndpointConfig, sagemaker:CreateEndpoint | ",
        "sagemaker:CreateAutoMLJob | AUTOML_JOB_WITH_PASSED_ROLE",
        "sagemaker:UpdatePipeline, sagemaker:StartPipelineExecution | PIPELINE_WITH_PASSED_ROLE",
        "sagemaker:CreatePipeline | "})
    void eachNewPathNeedsEveryStep(String actions, String path) {
        String doc = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": [\"iam:PassRole\", "
                + String.join(", ", java.util.Arrays.stream(actions.split(",")).map(a -> "\"" + a.strip() + "\"")
                        .toList()) + "], \"Resource\": \"*\"}]}";

        List<EscalationFinding> findings = find(doc);

        if (path == null) {
            assertThat(findings).isEmpty();
        } else {
            assertThat(findings).extracting(EscalationFinding::path).containsExactly(EscalationPath.valueOf(path));
        }
    }

    @Test
    void aModelPathPassingOnlyToAnotherServiceIsClosedLikeTheOthers() {
        String passToEc2 = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\":"
                + " [\"iam:PassRole\", \"sagemaker:CreateModel\", \"sagemaker:CreateTransformJob\"], \"Resource\": \"*\","
                + " \"Condition\": {\"StringEquals\": {\"iam:PassedToService\": \"ec2.amazonaws.com\"}}}]}";

        assertThat(find(passToEc2)).isEmpty();
    }

    @Test
    void aDenyOnPassRoleWithNotResourceBoundsAnAllowOnEverythingToTheRolesItNames() {
        String admin = "arn:aws:iam::123456789012:role/admin";
        String doc = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"*\","
                + " \"Resource\": \"*\"}, {\"Sid\": \"OnlyAdmin\", \"Effect\": \"Deny\", \"Action\": \"iam:PassRole\","
                + " \"NotResource\": \"" + admin + "\"}]}";

        List<EscalationFinding> findings = find(doc);

        assertThat(findings).filteredOn(f -> f.path().passesRole()).isNotEmpty().allSatisfy(f -> {
            assertThat(f.bounded()).as(f.bound()).isTrue();
            assertThat(f.roles()).containsExactly(admin);
            assertThat(f.bound()).startsWith("bounded: iam:PassRole only on " + admin);
        });
        // A Deny whose NotResource is itself a pattern bounds nothing.
        assertThat(find(doc.replace(admin, "arn:aws:iam::123456789012:role/*"))).filteredOn(f -> f.path()
                .passesRole()).noneMatch(EscalationFinding::bounded);
        // A conditional Deny may not apply: nothing bounded.
        assertThat(find(doc.replace("\"NotResource\"", "\"Condition\": {\"Bool\": {\"aws:MultiFactorAuthPresent\":"
                + " \"false\"}}, \"NotResource\""))).filteredOn(f -> f.path().passesRole())
                .noneMatch(EscalationFinding::bounded);
    }

    @Test
    void theRoleAndTheProvisionerOpenNone() {
        assertThat(find(ExecutionRolePolicies.permissions(NAMES).toJson())).isEmpty();
        assertThat(find(ProvisionerPolicy.document(NAMES).toJson())).isEmpty();
    }

    @Test
    void theConsolesFullAccessPolicyOpensEveryPathUnbounded() throws IOException {
        List<EscalationFinding> findings = find(read("amazon-sagemaker-full-access.json"));

        assertThat(findings).extracting(EscalationFinding::path).containsExactly(EscalationPath.values());
        assertThat(findings).noneMatch(EscalationFinding::bounded);
        assertThat(findings.get(1).bound()).contains("lets it pass any role matching arn:aws:iam::*:role/*");
    }

    @Test
    void aBoundedPathNamesWhatRunsAsTheRoleAndThatTheRolesTrustDecides() {
        String policy = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\":"
                + " \"iam:PassRole\", \"Resource\": \"arn:aws:iam::123456789012:role/r\"}, {\"Effect\": \"Allow\","
                + " \"Action\": \"sagemaker:CreateProcessingJob\", \"Resource\": \"*\"}]}";

        assertThat(find(policy)).singleElement().satisfies(f -> assertThat(f.bound()).isEqualTo("bounded:"
                + " iam:PassRole only on arn:aws:iam::123456789012:role/r (no iam:PassedToService: it may be passed to"
                + " other services too), so it reaches at most that role, and only if its trust lets SageMaker assume"
                + " it for a processing job: the trust decides, which the caller's documents cannot show ('trainctl"
                + " role check --role-arn ARN' shows how far the role reaches within its boundary)"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "notebook with any role | iam:PassRole | * | sagemaker:CreateNotebookInstance | sagemaker-001 | false",
        "processing job, one role | iam:PassRole | arn:aws:iam::123456789012:role/r | sagemaker:CreateProcessingJob | sagemaker-003 | true",
        "tuning job, role pattern | iam:PassRole | arn:aws:iam::123456789012:role/team-* | sagemaker:CreateHyperParameterTuningJob | sagemaker-002 | false",
        "any notebook's URL | sagemaker:CreatePresignedNotebookInstanceUrl | * | sagemaker:ListNotebookInstances | sagemaker-004 | false",
        "one notebook's URL | sagemaker:CreatePresignedNotebookInstanceUrl | arn:aws:sagemaker:eu-west-1:123456789012:notebook-instance/nb | sagemaker:ListNotebookInstances | sagemaker-004 | true"})
    void aPathIsOpenWhenEveryStepIsGrantedAndBoundedWhenItNamesItsTargets(String name, String first,
            String firstResource, String second, String id, boolean bounded) {
        String policy = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"" + first
                + "\", \"Resource\": \"" + firstResource + "\"}, {\"Effect\": \"Allow\", \"Action\": \"" + second
                + "\", \"Resource\": \"*\"}]}";

        List<EscalationFinding> findings = find(policy);

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.path().id()).isEqualTo(id);
            assertThat(f.bounded()).isEqualTo(bounded);
        });
    }

    @Test
    void aPassRoleToAnotherServiceADenyAndABoundaryEachCloseThePath() {
        String passToEc2 = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\":"
                + " [\"iam:PassRole\", \"sagemaker:CreateTrainingJob\"], \"Resource\": \"*\", \"Condition\":"
                + " {\"StringEquals\": {\"iam:PassedToService\": \"ec2.amazonaws.com\"}}}]}";
        assertThat(find(passToEc2)).isEmpty();

        String open = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\":"
                + " [\"iam:PassRole\", \"sagemaker:CreateTrainingJob\"], \"Resource\": \"*\"}]}";
        String denied = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Deny\", \"Action\":"
                + " \"sagemaker:Create*\", \"Resource\": \"*\"}]}";
        assertThat(EscalationLint.find(List.of(parse(open), parse(denied)), Optional.empty())).isEmpty();
        String boundary = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:*\","
                + " \"Resource\": \"*\"}]}";
        assertThat(EscalationLint.find(List.of(parse(open)), Optional.of(parse(boundary)))).isEmpty();
        assertThat(find(open)).hasSize(1);
    }

    @Test
    void notebookLifecycleConfigurationNeedsAConfigurationChangeAndARestart() {
        String rewrite = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\":"
                + " [\"sagemaker:UpdateNotebookInstanceLifecycleConfig\", \"sagemaker:StopNotebookInstance\","
                + " \"sagemaker:StartNotebookInstance\"], \"Resource\": \"*\"}]}";
        assertThat(find(rewrite)).extracting(EscalationFinding::path)
                .containsExactly(EscalationPath.NOTEBOOK_LIFECYCLE_CONFIGURATION);
        assertThat(find(rewrite.replace(", \"sagemaker:StartNotebookInstance\"", ""))).isEmpty();
    }

    private static List<EscalationFinding> find(String json) {
        return EscalationLint.find(List.of(parse(json)), Optional.empty());
    }

    private static ParsedPolicy parse(String json) {
        return ParsedPolicy.parse("caller", json);
    }

    static String read(String file) throws IOException {
        try (InputStream in = EscalationLintTest.class.getResourceAsStream("/rolecheck/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
