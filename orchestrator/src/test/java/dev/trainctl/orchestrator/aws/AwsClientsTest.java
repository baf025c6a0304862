package dev.trainctl.orchestrator.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainctl.orchestrator.cli.Console;
import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.GlobalOptions;
import dev.trainctl.orchestrator.cli.OutputFormat;
import dev.trainctl.orchestrator.cli.TrainctlException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
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

    /** A profile with no credentials, defined in a config file of its own, so no real credentials are found. */
    static final String TEST_PROFILE = "trainctl-test";
    static final Map<String, String> ENVIRONMENT = testProfileFiles();

    private static Map<String, String> testProfileFiles() {
        try {
            Path config = Files.createTempFile("trainctl-aws-config", "");
            Files.writeString(config, "[profile " + TEST_PROFILE + "]\nregion = eu-west-1\n");
            config.toFile().deleteOnExit();
            return Map.of("AWS_CONFIG_FILE", config.toString(), "AWS_SHARED_CREDENTIALS_FILE",
                    config.resolveSibling(config.getFileName() + "-none").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> with(Map<String, String> environment, String name, String value) {
        Map<String, String> more = new HashMap<>(environment);
        more.put(name, value);
        return more;
    }

    static GlobalOptions options(String region, String endpoint, boolean dryRun) {
        return new GlobalOptions(Optional.ofNullable(region), Optional.of(TEST_PROFILE),
                Optional.ofNullable(endpoint).map(URI::create), dryRun, OutputFormat.TEXT, true);
    }

    @Test
    void iamUsesThePartitionsGlobalRegion() {
        try (AwsClients aws = AwsClients.create(options("eu-west-1", null, false), console, ENVIRONMENT)) {
            assertThat(aws.iam().serviceClientConfiguration().region()).isEqualTo(Region.AWS_GLOBAL);
            assertThat(aws.s3().serviceClientConfiguration().region()).isEqualTo(Region.EU_WEST_1);
        }
        assertThat(AwsClients.globalRegion(Region.CN_NORTH_1)).isEqualTo(Region.AWS_CN_GLOBAL);
        assertThat(AwsClients.globalRegion(Region.US_GOV_WEST_1)).isEqualTo(Region.AWS_US_GOV_GLOBAL);
    }

    @Test
    void budgetsAndBillingMetricsLiveInUsEast1AndThePriceListOnlyInTheAwsPartition() {
        try (AwsClients aws = AwsClients.create(options("eu-west-1", null, false), console, ENVIRONMENT)) {
            assertThat(aws.budgets().serviceClientConfiguration().region()).isEqualTo(Region.US_EAST_1);
            assertThat(aws.billingMetrics().serviceClientConfiguration().region()).isEqualTo(Region.US_EAST_1);
            assertThat(aws.pricing()).hasValueSatisfying(p -> assertThat(p.serviceClientConfiguration().region())
                    .isEqualTo(Region.US_EAST_1));
            assertThat(aws.serviceQuotas().serviceClientConfiguration().region()).isEqualTo(Region.EU_WEST_1);
            assertThat(aws.cloudTrail().serviceClientConfiguration().region()).isEqualTo(Region.EU_WEST_1);
        }
        try (AwsClients aws = AwsClients.create(options("cn-north-1", null, false), console, ENVIRONMENT)) {
            assertThat(aws.pricing()).isEmpty();
            assertThat(aws.budgets().serviceClientConfiguration().region()).isEqualTo(Region.CN_NORTHWEST_1);
        }
    }

    @Test
    void aRegionNameThatIsNotOneIsRejectedBeforeAnyCall() {
        try (AwsClients aws = AwsClients.create(options("moon", null, false), console, ENVIRONMENT)) {
            assertThatThrownBy(aws::region).isInstanceOf(TrainctlException.class)
                    .hasMessageContaining("'moon' is not an AWS region")
                    .satisfies(e -> assertThat(((TrainctlException) e).exitCode()).isEqualTo(ExitCode.AWS_INVALID));
        }
    }

    @Test
    void endpointOverrideComesFromTheEnvironmentToo() {
        try (AwsClients aws = AwsClients.create(options("us-east-1", null, false), console,
                with(ENVIRONMENT, "AWS_ENDPOINT_URL", "http://127.0.0.1:9000"))) {
            assertThat(aws.endpointOverride()).contains(URI.create("http://127.0.0.1:9000"));
        }
    }

    @Test
    void underDryRunAMutatingCallIsStoppedBeforeItLeaves() {
        // Port 9 (discard) on loopback: if the guard failed, the call would fail differently (connection refused).
        try (AwsClients aws = AwsClients.create(options("us-east-1", "http://127.0.0.1:9", true), console, ENVIRONMENT)
                .using(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "example")))) {
            assertThatThrownBy(() -> aws.iam().createRole(CreateRoleRequest.builder().roleName("r")
                    .assumeRolePolicyDocument("{}").build()))
                    .hasStackTraceContaining("--dry-run: refusing to send iam CreateRole");
        }
    }

    @Test
    void aSelectedProfileThatNoFileDefinesIsAnErrorNamingItAndWhereItCameFrom() {
        GlobalOptions noSuch = new GlobalOptions(Optional.of("us-east-1"), Optional.of("nosuch"), Optional.empty(),
                true, OutputFormat.TEXT, false);

        assertThatThrownBy(() -> AwsClients.create(noSuch, console, ENVIRONMENT))
                .isInstanceOfSatisfying(TrainctlException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.AWS_CREDENTIALS);
                    assertThat(e.getMessage()).isEqualTo("the AWS profile 'nosuch' (--profile) is in neither "
                            + ENVIRONMENT.get("AWS_CONFIG_FILE") + " nor " + ENVIRONMENT.get("AWS_SHARED_CREDENTIALS_FILE")
                            + ": check its name ('aws configure list-profiles' lists them), create it with 'aws"
                            + " configure --profile nosuch', or leave out --profile");
                });
    }

    @Test
    void aProfileFromAwsProfileIsCheckedToo() {
        GlobalOptions none = GlobalOptions.defaults();

        assertThatThrownBy(() -> AwsClients.create(none, console, with(ENVIRONMENT, "AWS_PROFILE", "nosuch")))
                .hasMessageStartingWith("the AWS profile 'nosuch' (AWS_PROFILE) is in neither ")
                .hasMessageEndingWith(", or unset AWS_PROFILE");
        try (AwsClients aws = AwsClients.create(none, console, with(ENVIRONMENT, "AWS_PROFILE", TEST_PROFILE))) {
            assertThat(aws.selectedProfile()).contains(TEST_PROFILE);
        }
        try (AwsClients aws = AwsClients.create(none, console, ENVIRONMENT)) {
            assertThat(aws.selectedProfile()).isEmpty();
        }
    }

    @Test
    void verboseLogsEachCallByName() {
        try (AwsClients aws = AwsClients.create(options("us-east-1", "http://127.0.0.1:9", true), console, ENVIRONMENT)
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
