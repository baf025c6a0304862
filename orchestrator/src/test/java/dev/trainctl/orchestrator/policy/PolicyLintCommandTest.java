package dev.trainctl.orchestrator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trainctl.orchestrator.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code trainctl policy lint}: exit codes, repeated documents, JSON and bad documents. */
class PolicyLintCommandTest {

    @TempDir
    Path temp;

    @Test
    void trainctlsCallerShowsTheTrainingAndModelPathsBoundedAndExitsZero() throws Exception {
        // The caller's training and serving documents, as they are attached together.
        CliRun run = CliRun.of("policy", "lint", "--policy-file", write("caller.json",
                CallerPolicy.document(PolicyDocumentsTest.NAMES).toJson()), "--policy-file", write(
                "caller-serving.json", ServingCallerStatements.document(PolicyDocumentsTest.NAMES).toJson()));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("2 SageMaker escalation paths (0 open, 2 bounded)")
                .contains("BOUNDED sagemaker-002  iam:PassRole + sagemaker:CreateTrainingJob")
                .contains("  bounded: iam:PassRole only on " + PolicyDocumentsTest.NAMES.roleArn() + ", "
                        + PolicyDocumentsTest.NAMES.servingRoleArn() + ", only to sagemaker.amazonaws.com"
                        + " (iam:PassedToService), so it reaches at most those roles, each only if its trust lets"
                        + " SageMaker assume it for a training job: the trusts decide")
                .contains("BOUNDED trainctl-model  iam:PassRole + sagemaker:CreateModel + an endpoint or a transform job")
                .contains("  source:    https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateModel.html"
                        + " (ExecutionRoleArn)")
                .contains("Result: PASS (no open path; 2 bounded)");
    }

    @Test
    void theTestersDocumentOfModelsAutoMlAndPipelinesOnEveryRoleFailsWithThreeOpenPaths() throws Exception {
        CliRun run = CliRun.of("policy", "lint", "--policy-file", write("wide.json", "{\"Version\": \"2012-10-17\","
                + " \"Statement\": [{\"Sid\": \"Wide\", \"Effect\": \"Allow\", \"Action\": [\"iam:PassRole\","
                + " \"sagemaker:CreateModel\", \"sagemaker:CreateEndpointConfig\", \"sagemaker:CreateEndpoint\","
                + " \"sagemaker:CreateTransformJob\", \"sagemaker:CreateAutoMLJobV2\", \"sagemaker:CreatePipeline\","
                + " \"sagemaker:StartPipelineExecution\"], \"Resource\": \"*\"}]}"));

        assertThat(run.exitCode()).isEqualTo(11);
        assertThat(run.out()).contains("OPEN    trainctl-model", "OPEN    trainctl-automl", "OPEN    trainctl-pipeline")
                .contains("Result: FAIL (3 open paths)");
    }

    @Test
    void allowEverythingWithADenyOfPassRoleOutsideOneRoleIsBoundedToThatRole() throws Exception {
        CliRun run = CliRun.of("policy", "lint", "--policy-file", write("admin.json", "{\"Version\": \"2012-10-17\","
                + " \"Statement\": [{\"Sid\": \"All\", \"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"},"
                + " {\"Sid\": \"OnlyAdmin\", \"Effect\": \"Deny\", \"Action\": \"iam:PassRole\", \"NotResource\":"
                + " \"arn:aws:iam::123456789012:role/admin\"}]}"));

        assertThat(run.out()).contains("BOUNDED sagemaker-002")
                .contains("bounded: iam:PassRole only on arn:aws:iam::123456789012:role/admin")
                .doesNotContain("OPEN    sagemaker-002");
    }

    @Test
    void pathsOpenedAcrossRepeatedDocumentsAreFoundAndExitEleven() throws Exception {
        String passAny = write("pass.json", "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Sid\": \"Pass\","
                + " \"Effect\": \"Allow\", \"Action\": \"iam:PassRole\", \"Resource\": \"*\"}]}");
        String notebooks = write("notebooks.json", "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Sid\":"
                + " \"Notebooks\", \"Effect\": \"Allow\", \"Action\": \"sagemaker:CreateNotebookInstance\","
                + " \"Resource\": \"*\"}]}");

        CliRun one = CliRun.of("policy", "lint", "--policy-file", passAny);
        CliRun both = CliRun.of("policy", "lint", "--policy-file", passAny, "--policy-file", notebooks,
                "--output", "json");

        assertThat(one.exitCode()).isZero();
        assertThat(both.exitCode()).as(both.err()).isEqualTo(11);
        JsonObject json = JsonParser.parseString(both.out()).getAsJsonObject();
        assertThat(json.get("verdict").getAsString()).isEqualTo("fail");
        assertThat(json.get("open").getAsInt()).isEqualTo(1);
        JsonObject finding = json.getAsJsonArray("findings").get(0).getAsJsonObject();
        assertThat(finding.get("path_id").getAsString()).isEqualTo("sagemaker-001");
        assertThat(finding.get("verdict").getAsString()).isEqualTo("open");
        assertThat(finding.getAsJsonArray("opened_by").toString()).contains("pass.json / Pass (iam:PassRole)",
                "notebooks.json / Notebooks (sagemaker:CreateNotebookInstance)");
    }

    @Test
    void aBadDocumentIsExitTwoNamingTheFile() throws Exception {
        CliRun notJson = CliRun.of("policy", "lint", "--policy-file", write("broken.json", "{\"Version\":"));
        CliRun badOperator = CliRun.of("policy", "lint", "--policy-file", write("odd.json", "{\"Version\":"
                + " \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"iam:PassRole\","
                + " \"Resource\": \"*\", \"Condition\": {\"StringEqualz\": {\"a:b\": \"c\"}}}]}"));
        CliRun none = CliRun.of("policy", "lint");

        assertThat(notJson.exitCode()).isEqualTo(2);
        assertThat(notJson.err()).contains("broken.json").contains("not valid JSON");
        assertThat(badOperator.exitCode()).isEqualTo(2);
        assertThat(badOperator.err()).contains("odd.json").contains("StringEqualz");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("--policy-file FILE (repeatable)");
    }

    private String write(String name, String json) throws Exception {
        return Files.writeString(temp.resolve(name), json).toString();
    }
}
