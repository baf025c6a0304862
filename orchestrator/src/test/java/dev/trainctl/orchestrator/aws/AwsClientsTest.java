package dev.trainctl.orchestrator.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainctl.orchestrator.cli.Console;
import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.GlobalOptions;
import dev.trainctl.orchestrator.cli.OutputFormat;
import dev.trainctl.orchestrator.cli.TrainctlException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.model.CreateRoleRequest;

class AwsClientsTest {

    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final Console console = new Console(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err),
            OutputFormat.TEXT, true);

    static GlobalOptions options(String region, String endpoint, boolean dryRun) {
        return new GlobalOptions(Optional.ofNullable(region), Optional.of("trainctl-test-no-such-profile"),
                Optional.ofNullable(endpoint).map(URI::create), dryRun, OutputFormat.TEXT, true);
    }

    @Test
    void iamUsesThePartitionsGlobalRegion() {
        try (AwsClients aws = AwsClients.create(options("eu-west-1", null, false), console, Map.of())) {
            assertThat(aws.iam().serviceClientConfiguration().region()).isEqualTo(Region.AWS_GLOBAL);
            assertThat(aws.s3().serviceClientConfiguration().region()).isEqualTo(Region.EU_WEST_1);
        }
        assertThat(AwsClients.globalRegion(Region.CN_NORTH_1)).isEqualTo(Region.AWS_CN_GLOBAL);
        assertThat(AwsClients.globalRegion(Region.US_GOV_WEST_1)).isEqualTo(Region.AWS_US_GOV_GLOBAL);
    }

    @Test
    void budgetsAndBillingMetricsLiveInUsEast1AndThePriceListOnlyInTheAwsPartition() {
        try (AwsClients aws = AwsClients.create(options("eu-west-1", null, false), console, Map.of())) {
            assertThat(aws.budgets().serviceClientConfiguration().region()).isEqualTo(Region.US_EAST_1);
            assertThat(aws.billingMetrics().serviceClientConfiguration().region()).isEqualTo(Region.US_EAST_1);
            assertThat(aws.pricing()).hasValueSatisfying(p -> assertThat(p.serviceClientConfiguration().region())
                    .isEqualTo(Region.US_EAST_1));
            assertThat(aws.serviceQuotas().serviceClientConfiguration().region()).isEqualTo(Region.EU_WEST_1);
            assertThat(aws.cloudTrail().serviceClientConfiguration().region()).isEqualTo(Region.EU_WEST_1);
        }
        try (AwsClients aws = AwsClients.create(options("cn-north-1", null, false), console, Map.of())) {
            assertThat(aws.pricing()).isEmpty();
            assertThat(aws.budgets().serviceClientConfiguration().region()).isEqualTo(Region.CN_NORTHWEST_1);
        }
    }

    @Test
    void aRegionNameThatIsNotOneIsRejectedBeforeAnyCall() {
        try (AwsClients aws = AwsClients.create(options("moon", null, false), console, Map.of())) {
            assertThatThrownBy(aws::region).isInstanceOf(TrainctlException.class)
                    .hasMessageContaining("'moon' is not an AWS region")
                    .satisfies(e -> assertThat(((TrainctlException) e).exitCode()).isEqualTo(ExitCode.AWS_INVALID));
        }
    }

    @Test
    void endpointOverrideComesFromTheEnvironmentToo() {
        try (AwsClients aws = AwsClients.create(options("us-east-1", null, false), console,
                Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:9000"))) {
            assertThat(aws.endpointOverride()).contains(URI.create("http://127.0.0.1:9000"));
        }
    }

    @Test
    void underDryRunAMutatingCallIsStoppedBeforeItLeaves() {
        // Port 9 (discard) on loopback: if the guard failed, the call would fail differently (connection refused).
        try (AwsClients aws = AwsClients.create(options("us-east-1", "http://127.0.0.1:9", true), console, Map.of())
                .using(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "example")))) {
            assertThatThrownBy(() -> aws.iam().createRole(CreateRoleRequest.builder().roleName("r")
                    .assumeRolePolicyDocument("{}").build()))
                    .hasStackTraceContaining("--dry-run: refusing to send iam CreateRole");
        }
    }

    @Test
    void verboseLogsEachCallByName() {
        try (AwsClients aws = AwsClients.create(options("us-east-1", "http://127.0.0.1:9", true), console, Map.of())
                .using(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "example")))) {
            try {
                aws.iam().createRole(CreateRoleRequest.builder().roleName("r").assumeRolePolicyDocument("{}").build());
            } catch (RuntimeException expected) {
                // stopped by the dry-run guard
            }
        }
        assertThat(err.toString()).contains("aws: -> iam CreateRole").doesNotContain("assumeRolePolicyDocument");
    }
}
