package dev.trainctl.orchestrator.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.TrainctlException;
import dev.trainctl.orchestrator.fakes.AwsFaults;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

class AwsErrorsTest {

    @Test
    void accessDeniedNamesTheActionAndResourceFromAwsAndPointsToTheCallerPolicy() {
        TrainctlException e = AwsErrors.translate(AwsFaults.error(403, "AccessDenied", "User: arn:aws:iam::123456789012:"
                + "user/bob is not authorized to perform: iam:CreateRole on resource: arn:aws:iam::123456789012:role/"
                + "trainctl-mnist-execution because no identity-based policy allows the iam:CreateRole action"),
                "iam:CreateRole", "role trainctl-mnist-execution");

        assertThat(e.exitCode()).isEqualTo(ExitCode.AWS_ACCESS_DENIED);
        assertThat(e.getMessage()).contains("iam:CreateRole on arn:aws:iam::123456789012:role/trainctl-mnist-execution")
                .contains("trainctl policy show caller");
    }

    @Test
    void accessDeniedWithoutDetailsUsesTheActionAndResourceGiven() {
        TrainctlException e = AwsErrors.translate(AwsFaults.error(403, "AccessDenied", "Access Denied"),
                "s3:PutBucketPolicy", "arn:aws:s3:::b");

        assertThat(e.exitCode()).isEqualTo(ExitCode.AWS_ACCESS_DENIED);
        assertThat(e.getMessage()).contains("s3:PutBucketPolicy on arn:aws:s3:::b");
    }

    @Test
    void expiredTokenIsACredentialsError() {
        TrainctlException e = AwsErrors.translate(AwsFaults.error(400, "ExpiredToken", "The security token included in "
                + "the request is expired"), "sts:GetCallerIdentity", "x");

        assertThat(e.exitCode()).isEqualTo(ExitCode.AWS_CREDENTIALS);
        assertThat(e.getMessage()).contains("expired").contains("aws sso login");
    }

    @Test
    void invalidKeyIsACredentialsError() {
        TrainctlException e = AwsErrors.translate(AwsFaults.error(403, "InvalidClientTokenId", "The security token "
                + "included in the request is invalid."), "sts:GetCallerIdentity", "x");

        assertThat(e.exitCode()).isEqualTo(ExitCode.AWS_CREDENTIALS);
        assertThat(e.getMessage()).contains("InvalidClientTokenId");
    }

    @Test
    void noCredentialsSaysHowToGetSome() {
        TrainctlException e = AwsErrors.translate(SdkClientException.create("Unable to load credentials from any of the "
                + "providers in the chain"), "sts:GetCallerIdentity", "x");

        assertThat(e.exitCode()).isEqualTo(ExitCode.AWS_CREDENTIALS);
        assertThat(e.getMessage()).contains("no AWS credentials").contains("--profile");
    }

    @Test
    void unknownHostPointsAtTheRegion() {
        TrainctlException e = AwsErrors.translate(SdkClientException.create("Unable to execute HTTP request",
                new UnknownHostException("sts.xx-nowhere-1.amazonaws.com")), "sts:GetCallerIdentity", "x");

        assertThat(e.exitCode()).isEqualTo(ExitCode.AWS_INVALID);
        assertThat(e.getMessage()).contains("sts.xx-nowhere-1.amazonaws.com").contains("--region");
    }

    @Test
    void bucketTakenByAnotherAccountIsAConflict() {
        TrainctlException e = AwsErrors.translate(AwsFaults.error(409, "BucketAlreadyExists", "The requested bucket "
                + "name is not available."), "s3:CreateBucket", "trainctl-123-us-east-1");

        assertThat(e.exitCode()).isEqualTo(ExitCode.AWS_CONFLICT);
        assertThat(e.getMessage()).contains("trainctl-123-us-east-1").contains("--bucket");
    }

    @Test
    void resourceLimitExceededIsAQuotaErrorWithTheWayToRaiseIt() {
        TrainctlException e = AwsErrors.translate(AwsFaults.error(400, "ResourceLimitExceeded", "The account-level "
                + "service limit 'ml.p3.2xlarge for training job usage' is 0 Instances"), "sagemaker:CreateTrainingJob",
                "job");

        assertThat(e.exitCode()).isEqualTo(ExitCode.AWS_QUOTA);
        assertThat(e.getMessage()).contains("ml.p3.2xlarge for training job usage").contains("Service Quotas");
    }

    @Test
    void validationErrorAboutTheRolePointsAtTheTrustPolicy() {
        TrainctlException e = AwsErrors.translate(AwsFaults.error(400, "ValidationException", "Could not assume role "
                + "arn:aws:iam::123456789012:role/x. Please ensure that the role exists and allows principal "
                + "'sagemaker.amazonaws.com' to assume the role."), "sagemaker:CreateTrainingJob", "job");

        assertThat(e.exitCode()).isEqualTo(ExitCode.AWS_INVALID);
        assertThat(e.getMessage()).contains("trust policy").contains("policy show trust");
    }

    @Test
    void otherValidationErrorsAreInvalidWithoutTheRoleHint() {
        TrainctlException e = AwsErrors.translate(AwsFaults.error(400, "InvalidParameterValue", "bad value"),
                "ecr:CreateRepository", "repo");

        assertThat(e.exitCode()).isEqualTo(ExitCode.AWS_INVALID);
        assertThat(e.getMessage()).doesNotContain("trust policy");
    }

    @Test
    void eachKindHasItsOwnExitCode() {
        assertThat(java.util.List.of(ExitCode.AWS_CREDENTIALS, ExitCode.AWS_ACCESS_DENIED, ExitCode.AWS_CONFLICT,
                ExitCode.AWS_QUOTA, ExitCode.AWS_INVALID).stream().map(ExitCode::code).distinct()).hasSize(5);
    }

    @Test
    void notFoundAndNotImplementedAreRecognised() {
        assertThat(AwsErrors.isNotFound(AwsFaults.error(404, "NoSuchEntity", "x"))).isTrue();
        assertThat(AwsErrors.isNotImplemented(AwsFaults.notImplemented())).isTrue();
        assertThat(AwsErrors.isNotFound(AwsFaults.error(403, "AccessDenied", "x"))).isFalse();
    }

    @Test
    void aZeroQuotaNamesTheQuotaItsCodeAndBothWaysToAskForMore() {
        TrainctlException e = AwsErrors.quotaExhausted("ml.g5.xlarge for training job usage", "L-TEST0009", 0,
                "eu-west-1", "sagemaker");

        assertThat(e.exitCode()).isEqualTo(ExitCode.AWS_QUOTA);
        assertThat(e.getMessage()).contains("'ml.g5.xlarge for training job usage' (sagemaker L-TEST0009) is 0 in "
                + "eu-west-1").contains("aws service-quotas request-service-quota-increase --service-code sagemaker "
                + "--quota-code L-TEST0009 --desired-value 1 --region eu-west-1")
                .contains("Service Quotas > AWS services > Amazon SageMaker > 'ml.g5.xlarge for training job usage'");
    }

    @Test
    void budgetsErrorsAreTranslatedToo() {
        assertThat(AwsErrors.translate(AwsFaults.error(400, "DuplicateRecordException", "budget exists"),
                "budgets:ModifyBudget", "budget x").exitCode()).isEqualTo(ExitCode.AWS_CONFLICT);
        assertThat(AwsErrors.isNotFound(AwsFaults.error(400, "NotFoundException", "no budgets"))).isTrue();
        assertThat(AwsErrors.translate(AwsFaults.error(400, "CreationLimitExceededException", "too many"),
                "budgets:ModifyBudget", "budget x").exitCode()).isEqualTo(ExitCode.AWS_QUOTA);
    }

    @Test
    void budgetsOperationsAreNamedByTheIamActionsThatAuthoriseThem() {
        assertThat(AwsActions.action(software.amazon.awssdk.services.budgets.model.DescribeBudgetsRequest.builder()
                .build())).isEqualTo("budgets:ViewBudget");
        assertThat(AwsActions.action(software.amazon.awssdk.services.budgets.model.CreateBudgetRequest.builder()
                .build())).isEqualTo("budgets:ModifyBudget");
        assertThat(AwsActions.action(software.amazon.awssdk.services.servicequotas.model
                .ListAwsDefaultServiceQuotasRequest.builder().build()))
                .isEqualTo("servicequotas:ListAWSDefaultServiceQuotas");
        assertThat(AwsActions.action(software.amazon.awssdk.services.iam.model.ListMfaDevicesRequest.builder()
                .build())).isEqualTo("iam:ListMFADevices");
    }

    @Test
    void aSelectedProfileWithoutCredentialsIsNamedWithHowToGiveItSome() {
        TrainctlException e = AwsErrors.translate(software.amazon.awssdk.core.exception.SdkClientException.create(
                "Profile file contained no credentials for profile 'dev': ProfileFile(sections=[profiles])"),
                "sts:GetCallerIdentity", "your credentials");

        assertThat(e.exitCode()).isEqualTo(ExitCode.AWS_CREDENTIALS);
        assertThat(e.getMessage()).isEqualTo("the AWS profile 'dev' has no usable credentials: run 'aws configure"
                + " --profile dev' (access keys) or 'aws sso login --profile dev' (IAM Identity Center), or choose"
                + " another profile");
    }
}
