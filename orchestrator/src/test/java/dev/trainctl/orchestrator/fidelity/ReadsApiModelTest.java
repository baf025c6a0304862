package dev.trainctl.orchestrator.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainctl.orchestrator.account.AccountCheckCommand;
import dev.trainctl.orchestrator.fakes.Cli;
import dev.trainctl.orchestrator.image.ImagePushCommand;
import dev.trainctl.orchestrator.policy.PolicySimulateCommand;
import dev.trainctl.orchestrator.provision.ProvisionCommand;
import dev.trainctl.orchestrator.whoami.WhoamiCommand;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The commands that only read, and {@code image push}'s ECR calls, valid against AWS's published API models
 * (botocore): {@code account check} on every row, {@code whoami}, {@code policy simulate --role-arn}, and
 * {@code image push --dry-run}'s caller and image lookups.
 */
class ReadsApiModelTest {

    @RegisterExtension
    static final ApiModelCheck API = new ApiModelCheck();

    private final Cli cli = new Cli();
    private final RequestCapture capture = new RequestCapture();

    @Test
    void accountCheckAndWhoamiReadWithValidRequests() {
        cli.serviceQuotas.withDefaults(1);
        Clock clock = Clock.fixed(Instant.parse("2026-12-05T10:00:00Z"), ZoneOffset.UTC);

        cli.run(new AccountCheckCommand(cli.clients(capture), clock), "--region", "eu-west-1", "account", "check");
        cli.run(new AccountCheckCommand(cli.clients(capture), clock), "--region", "eu-west-1", "account", "check",
                "--instance-type", "ml.p4d.24xlarge");
        assertThat(cli.run(new WhoamiCommand(cli.clients(capture)), "--region", "eu-west-1", "whoami")).isZero();

        assertThat(capture.requests()).extracting(RequestCapture::operation).contains("GetCallerIdentity",
                "GetAccountSummary", "DescribeTrails", "DescribeBudgets", "DescribeAlarms", "ListServiceQuotas");
        API.assertValid(capture.requests());
    }

    @Test
    void policySimulateReadsTheRoleWithValidRequests() {
        assertThat(cli.run(new ProvisionCommand(cli.clients(), d -> { }, Duration.ZERO), "--region", "us-east-1",
                "provision")).isZero();

        int code = cli.run(new PolicySimulateCommand(cli.clients(capture)), "--region", "us-east-1", "policy",
                "simulate", "--role-arn", "arn:aws:iam::123456789012:role/trainctl-mnist-execution", "--action",
                "s3:GetObject", "--resource", "arn:aws:s3:::trainctl-123456789012-us-east-1/trainctl-mnist/data/x");

        assertThat(code).as(cli.err).isZero();
        assertThat(capture.requests()).extracting(RequestCapture::operation).contains("GetRole");
        API.assertValid(capture.requests());
        assertThat(cli.run(new PolicySimulateCommand(cli.clients(capture)), "policy", "simulate", "--role-arn",
                "arn:aws:iam::123456789012:role/" + "r".repeat(65), "--action", "s3:GetObject", "--resource", "*"))
                .as("a role name past IAM's 64 characters").isEqualTo(2);
    }

    @Test
    void imagePushLooksUpTheCallerAndTheImageWithValidRequests() {
        assertThat(cli.run(new ProvisionCommand(cli.clients(), d -> { }, Duration.ZERO), "--region", "eu-west-1",
                "provision", "--dry-run")).isZero();
        cli.ecr.repositories.put("trainctl-mnist", software.amazon.awssdk.services.ecr.model.Repository.builder()
                .repositoryName("trainctl-mnist").build());

        for (String gpu : new String[] {"--name=trainctl-mnist", "--gpu"}) {
            int code = cli.run(new ImagePushCommand(cli.clients(capture)), "--region", "eu-west-1", "--dry-run",
                    "image", "push", gpu);
            assertThat(code).as(cli.err).isZero();
            assertThat(cli.out).contains("--dry-run: would push");
        }

        assertThat(capture.requests()).extracting(RequestCapture::operation).contains("GetCallerIdentity",
                "DescribeImages");
        API.assertValid(capture.requests());
    }
}
