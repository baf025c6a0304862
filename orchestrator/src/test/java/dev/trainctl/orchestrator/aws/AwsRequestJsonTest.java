package dev.trainctl.orchestrator.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.trainctl.orchestrator.aws.AwsRequestJson.Form;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.budgets.model.CreateBudgetRequest;
import software.amazon.awssdk.services.iam.model.CreateRoleRequest;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.s3.model.PutBucketEncryptionRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;

class AwsRequestJsonTest {

    @Test
    void createRoleReadableShowsServiceOperationAndTheTrustPolicyAsJson() {
        JsonObject json = AwsRequestJson.describe(CreateRoleRequest.builder().roleName("r")
                .assumeRolePolicyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[]}")
                .tags(Tag.builder().key("managed-by").value("trainctl").build()).build(), Form.READABLE);

        assertThat(json.get("service").getAsString()).isEqualTo("iam");
        assertThat(json.get("operation").getAsString()).isEqualTo("CreateRole");
        JsonObject request = json.getAsJsonObject("request");
        assertThat(request.get("RoleName").getAsString()).isEqualTo("r");
        assertThat(request.getAsJsonObject("AssumeRolePolicyDocument").get("Version").getAsString())
                .isEqualTo("2012-10-17");
        assertThat(request.getAsJsonArray("Tags").get(0).getAsJsonObject().get("Key").getAsString())
                .isEqualTo("managed-by");
        assertThat(request.has("Description")).as("unset members are left out").isFalse();
    }

    @Test
    void theExactFormIsWhatTheSdkSendsThePolicyAStringAndTheBudgetAmountItsString() {
        String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[]}";
        JsonObject role = AwsRequestJson.describe(CreateRoleRequest.builder().roleName("r")
                .assumeRolePolicyDocument(trust).build(), Form.EXACT).getAsJsonObject("request");
        JsonObject budget = AwsRequestJson.describe(CreateBudgetRequest.builder().accountId("123456789012")
                .budget(b -> b.budgetLimit(l -> l.amount(new BigDecimal("12.50")).unit("USD"))).build(), Form.EXACT)
                .getAsJsonObject("request");

        assertThat(role.get("AssumeRolePolicyDocument").getAsJsonPrimitive().isString()).isTrue();
        assertThat(role.get("AssumeRolePolicyDocument").getAsString()).isEqualTo(trust);
        JsonPrimitive amount = budget.getAsJsonObject("Budget").getAsJsonObject("BudgetLimit")
                .getAsJsonPrimitive("Amount");
        assertThat(amount.isString()).isTrue();
        assertThat(amount.getAsString()).isEqualTo("12.50");
    }

    @Test
    void nestedS3ShapesUseApiMemberNames() {
        JsonObject request = AwsRequestJson.describe(PutBucketEncryptionRequest.builder().bucket("b")
                .expectedBucketOwner("123456789012").serverSideEncryptionConfiguration(c -> c.rules(r -> r
                        .applyServerSideEncryptionByDefault(d -> d.sseAlgorithm(ServerSideEncryption.AES256)))).build(),
                Form.EXACT)
                .getAsJsonObject("request");

        assertThat(request.get("ExpectedBucketOwner").getAsString()).isEqualTo("123456789012");
        assertThat(request.getAsJsonObject("ServerSideEncryptionConfiguration").getAsJsonArray("Rules").get(0)
                .getAsJsonObject().getAsJsonObject("ApplyServerSideEncryptionByDefault").get("SSEAlgorithm")
                .getAsString()).isEqualTo("AES256");
    }

    @Test
    void secretLookingMembersAreRedacted() {
        assertThat(AwsRequestJson.isSecret("SecretAccessKey")).isTrue();
        assertThat(AwsRequestJson.isSecret("SessionToken")).isTrue();
        assertThat(AwsRequestJson.isSecret("RoleName")).isFalse();
    }

    @Test
    void s3OperationsMapToTheirIamActions() {
        assertThat(AwsActions.action(PutBucketEncryptionRequest.builder().build()))
                .isEqualTo("s3:PutEncryptionConfiguration");
        assertThat(AwsActions.action(AssumeRoleRequest.builder().build())).isEqualTo("sts:AssumeRole");
        assertThat(AwsActions.isReadOnly("GetRole")).isTrue();
        assertThat(AwsActions.isReadOnly("PutRolePolicy")).isFalse();
    }
}
