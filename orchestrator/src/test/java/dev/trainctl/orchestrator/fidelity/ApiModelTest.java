package dev.trainctl.orchestrator.fidelity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trainctl.orchestrator.jobs.RecordingSageMaker;
import java.math.BigDecimal;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.budgets.model.CreateBudgetRequest;
import software.amazon.awssdk.services.iam.model.CreateRoleRequest;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.ListTrainingJobsRequest;
import software.amazon.awssdk.services.sagemaker.model.ListTrainingJobsResponse;
import software.amazon.awssdk.services.sagemaker.model.TrainingJobSummary;

/** The oracle itself: it must catch each kind of mistake AWS refuses, and the capture must see every request once. */
class ApiModelTest {

    private static ApiModel model;

    @BeforeAll
    static void start() {
        model = ApiModel.start();
    }

    @AfterAll
    static void stop() {
        model.close();
    }

    private static CreateBudgetRequest budget(BigDecimal amount) {
        return CreateBudgetRequest.builder().accountId("123456789012").budget(b -> b.budgetName("trainctl-monthly-cost")
                .budgetLimit(l -> l.amount(amount).unit("USD")).timeUnit("MONTHLY").budgetType("COST")).build();
    }

    @Test
    void aBudgetAmountInScientificNotationBreaksThePatternAsTheSdkSendsIt() {
        assertThat(model.validate(budget(new BigDecimal("20").stripTrailingZeros())))
                .extracting(ApiModel.Finding::toString)
                .containsExactly("budgets CreateBudget Budget.BudgetLimit.Amount: pattern ([0-9]*\\.)?[0-9]+: '2E+1'");
        assertThat(model.validate(budget(new BigDecimal("20")))).isEmpty();
    }

    @Test
    void lengthsSizesEnumsAndRequiredMembersAreChecked() {
        CreateRoleRequest longName = CreateRoleRequest.builder().roleName("r".repeat(65))
                .assumeRolePolicyDocument("{}").build();
        assertThat(model.validate(longName)).extracting(ApiModel.Finding::rule)
                .containsExactly("at most 64 characters, got 65");

        assertThat(model.validate("sagemaker", "ListTrainingJobs", JsonParser.parseString(
                "{\"SortBy\": \"Size\", \"MaxResults\": 101, \"NameContains\": \"a#b\"}").getAsJsonObject()))
                .extracting(ApiModel.Finding::toString).containsExactlyInAnyOrder(
                        "sagemaker ListTrainingJobs SortBy: one of Name, CreationTime, Status: 'Size'",
                        "sagemaker ListTrainingJobs MaxResults: at most 100: '101'",
                        "sagemaker ListTrainingJobs NameContains: pattern [a-zA-Z0-9\\-]+: 'a#b'");
        assertThat(model.validate("iam", "CreateRole", new JsonObject())).extracting(ApiModel.Finding::rule)
                .containsExactly("required member RoleName missing", "required member AssumeRolePolicyDocument missing");
        assertThat(model.member("sagemaker", "CreateHyperParameterTuningJob",
                "HyperParameterTuningJobConfig.ParameterRanges.CategoricalParameterRanges[].Values").max()).hasValue(30L);
    }

    @Test
    void aPolicyPrintedAsAnObjectIsNotWhatTheApiTakesAndUnknownMembersAreFound() {
        assertThat(model.validate("iam", "CreateRole", JsonParser.parseString("{\"RoleName\": \"r\","
                + " \"AssumeRolePolicyDocument\": {\"Version\": \"2012-10-17\"}, \"Colour\": \"blue\"}")
                .getAsJsonObject())).extracting(ApiModel.Finding::rule)
                .containsExactlyInAnyOrder("unknown member Colour", "type str");
    }

    @Test
    void everyRealClientIsCapturedWhileACaptureOfEveryClientIsActive() {
        S3Client s3 = S3Client.builder().region(Region.EU_WEST_1).endpointOverride(URI.create("http://127.0.0.1:9"))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
        try (s3; RequestCapture.Active active = RequestCapture.everyClient()) {
            assertThatThrownBy(() -> s3.headObject(b -> b.bucket("bucket").key("k").expectedBucketOwner("12")))
                    .isInstanceOf(SdkClientException.class);

            assertThat(active.capture().requests()).extracting(RequestCapture::operation).containsExactly("HeadObject");
            assertThat(ModelJson.of(active.capture().requests().get(0)).toString())
                    .isEqualTo("{\"Bucket\":\"bucket\",\"Key\":\"k\",\"ExpectedBucketOwner\":\"12\"}");
            assertThat(model.validate(active.capture().requests().get(0))).isEmpty();
        }
        assertThat(RequestCapture.EveryClient.ACTIVE.get()).as("closed: nothing more is recorded").isNull();
    }

    @Test
    void theCaptureRecordsEachRequestOnceThroughOverloadsAndEveryPageOfAPaginator() {
        RequestCapture capture = new RequestCapture();
        RecordingSageMaker fake = new RecordingSageMaker();
        fake.listPages.add(ListTrainingJobsResponse.builder().trainingJobSummaries(TrainingJobSummary.builder()
                .trainingJobName("job-1").build()).nextToken("2").build());
        fake.listPages.add(ListTrainingJobsResponse.builder().trainingJobSummaries(TrainingJobSummary.builder()
                .trainingJobName("job-2").build()).build());
        SageMakerClient client = capture.wrap(SageMakerClient.class, fake);

        client.stopTrainingJob(b -> b.trainingJobName("job"));
        assertThat(client.listTrainingJobsPaginator(ListTrainingJobsRequest.builder().build()).trainingJobSummaries())
                .hasSize(2);

        assertThat(capture.requests()).extracting(RequestCapture::operation)
                .containsExactly("StopTrainingJob", "ListTrainingJobs", "ListTrainingJobs");
        assertThat(capture.requests()).allSatisfy(request -> assertThat(model.validate(request)).isEmpty());
    }
}
