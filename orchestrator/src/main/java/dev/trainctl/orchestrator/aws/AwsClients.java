package dev.trainctl.orchestrator.aws;

import dev.trainctl.orchestrator.cli.Console;
import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.GlobalOptions;
import dev.trainctl.orchestrator.cli.TrainctlException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.budgets.BudgetsClient;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.pricing.PricingClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The one place that builds AWS SDK clients, from the global options ({@code --region}, {@code --profile},
 * {@code --endpoint-url}) and the SDK's own environment ({@code AWS_REGION}, {@code AWS_PROFILE},
 * {@code AWS_ENDPOINT_URL}). Clients are built on first use and closed with this object:
 * {@code try (AwsClients aws = AwsClients.create(global, console)) { new Thing(aws.iam()).run(); }}.
 * Classes that talk to AWS take the client interfaces, never this factory, so tests pass fakes.
 */
public final class AwsClients implements AutoCloseable {

    /** Standard retry mode (exponential backoff with jitter, throttling-aware) with a few more attempts than 3. */
    static final int MAX_ATTEMPTS = 5;
    static final Duration API_CALL_TIMEOUT = Duration.ofMinutes(2);
    static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(30);

    private final GlobalOptions options;
    private final Console console;
    private final Map<String, String> environment;
    private final List<SdkClient> open = new ArrayList<>();
    private AwsCredentialsProvider credentials;
    private Optional<Region> region;
    private StsClient sts;
    private IamClient iam;
    private S3Client s3;
    private EcrClient ecr;
    private SageMakerClient sageMaker;
    private SageMakerRuntimeClient sageMakerRuntime;
    private CloudWatchLogsClient logs;
    private CloudTrailClient cloudTrail;
    private BudgetsClient budgets;
    private CloudWatchClient billingMetrics;
    private ServiceQuotasClient serviceQuotas;
    private PricingClient pricing;
    private KmsClient kms;

    AwsClients(GlobalOptions options, Console console, Map<String, String> environment) {
        this.options = options;
        this.console = console;
        this.environment = environment;
        requireSelectedProfile();
    }

    /**
     * The named profile the user selected, with {@code --profile} or {@code AWS_PROFILE}; empty when none was (the
     * SDK then uses its default chain, and a command that works without AWS may use the placeholder account).
     */
    public Optional<String> selectedProfile() {
        return options.profile().or(() -> Optional.ofNullable(environment.get("AWS_PROFILE"))
                .filter(name -> !name.isBlank()));
    }

    /**
     * A profile the user selected must exist: the SDK would otherwise fall back, or a dry run use the placeholder
     * account, and what the user typed would be silently ignored. The files are the SDK's ({@code AWS_CONFIG_FILE},
     * {@code AWS_SHARED_CREDENTIALS_FILE}, or {@code ~/.aws/config} and {@code ~/.aws/credentials}).
     */
    private void requireSelectedProfile() {
        Optional<String> selected = selectedProfile();
        if (selected.isEmpty()) {
            return;
        }
        String from = options.profile().isPresent() ? "--profile" : "AWS_PROFILE";
        Path home = Path.of(System.getProperty("user.home"));
        Path config = Optional.ofNullable(environment.get("AWS_CONFIG_FILE")).map(Path::of)
                .orElse(home.resolve(".aws").resolve("config"));
        Path credentialsFile = Optional.ofNullable(environment.get("AWS_SHARED_CREDENTIALS_FILE")).map(Path::of)
                .orElse(home.resolve(".aws").resolve("credentials"));
        ProfileFile.Aggregator files = ProfileFile.aggregator();
        try {
            if (Files.isRegularFile(config)) {
                files.addFile(ProfileFile.builder().content(config).type(ProfileFile.Type.CONFIGURATION).build());
            }
            if (Files.isRegularFile(credentialsFile)) {
                files.addFile(ProfileFile.builder().content(credentialsFile).type(ProfileFile.Type.CREDENTIALS)
                        .build());
            }
        } catch (RuntimeException unreadable) {
            throw new TrainctlException(ExitCode.AWS_CREDENTIALS, "cannot read the AWS profile files " + config
                    + " and " + credentialsFile + " for the profile '" + selected.get() + "' (" + from + "): "
                    + unreadable.getMessage(), unreadable);
        }
        if (files.build().profile(selected.get()).isEmpty()) {
            throw new TrainctlException(ExitCode.AWS_CREDENTIALS, "the AWS profile '" + selected.get() + "' (" + from
                    + ") is in neither " + config + " nor " + credentialsFile + ": check its name ('aws configure"
                    + " list-profiles' lists them), create it with 'aws configure --profile " + selected.get() + "'"
                    + (from.equals("AWS_PROFILE") ? ", or unset AWS_PROFILE" : ", or leave out --profile"));
        }
    }

    /** A factory for this invocation; nothing is contacted until a client is asked for. */
    public static AwsClients create(GlobalOptions options, Console console) {
        return new AwsClients(options, console, System.getenv());
    }

    /** As {@link #create(GlobalOptions, Console)}, reading AWS_* settings from the given environment (tests). */
    public static AwsClients create(GlobalOptions options, Console console, Map<String, String> environment) {
        return new AwsClients(options, console, Map.copyOf(environment));
    }

    /** Uses this region instead of resolving one (tests, embedding). */
    public synchronized AwsClients using(Region fixedRegion) {
        this.region = Optional.of(fixedRegion);
        return this;
    }

    /** Signs with these credentials instead of the profile or default chain (tests against a local S3). */
    public synchronized AwsClients using(AwsCredentialsProvider provider) {
        this.credentials = provider;
        return this;
    }

    /** Uses this client instead of building one (tests pass recording fakes); it is closed with this object. */
    public synchronized AwsClients using(StsClient client) {
        this.sts = remember(client);
        return this;
    }

    public synchronized AwsClients using(IamClient client) {
        this.iam = remember(client);
        return this;
    }

    public synchronized AwsClients using(S3Client client) {
        this.s3 = remember(client);
        return this;
    }

    public synchronized AwsClients using(EcrClient client) {
        this.ecr = remember(client);
        return this;
    }

    public synchronized AwsClients using(SageMakerClient client) {
        this.sageMaker = remember(client);
        return this;
    }

    public synchronized AwsClients using(SageMakerRuntimeClient client) {
        this.sageMakerRuntime = remember(client);
        return this;
    }

    public synchronized AwsClients using(CloudWatchLogsClient client) {
        this.logs = remember(client);
        return this;
    }

    public synchronized AwsClients using(CloudTrailClient client) {
        this.cloudTrail = remember(client);
        return this;
    }

    public synchronized AwsClients using(BudgetsClient client) {
        this.budgets = remember(client);
        return this;
    }

    /** The CloudWatch client {@link #billingMetrics()} returns. */
    public synchronized AwsClients using(CloudWatchClient client) {
        this.billingMetrics = remember(client);
        return this;
    }

    public synchronized AwsClients using(ServiceQuotasClient client) {
        this.serviceQuotas = remember(client);
        return this;
    }

    public synchronized AwsClients using(KmsClient client) {
        this.kms = remember(client);
        return this;
    }

    public synchronized AwsClients using(PricingClient client) {
        this.pricing = remember(client);
        return this;
    }

    /** The region from {@code --region}, else the SDK's chain (AWS_REGION, the profile); empty if none is set. */
    public synchronized Optional<Region> configuredRegion() {
        if (region == null) {
            region = options.region().map(Region::of).or(this::regionFromChain);
            region.ifPresent(this::validate);
        }
        return region;
    }

    /**
     * trainctl's one rule for a missing region: a command that works without AWS ({@code policy show},
     * {@code provision --dry-run}, {@code train --on sagemaker --dry-run}) uses {@value #PLACEHOLDER_REGION}, with a
     * note saying so; a command that must talk to AWS fails with exit 9 ({@link #region()}).
     */
    public static final String PLACEHOLDER_REGION = "us-east-1";

    /** The configured region, else {@value #PLACEHOLDER_REGION} (used from then on), telling {@code note} why. */
    public synchronized Region regionOrPlaceholder(Consumer<String> note) {
        if (configuredRegion().isEmpty()) {
            note.accept("no region configured: using " + PLACEHOLDER_REGION + " (pass --region to choose)");
            region = Optional.of(Region.of(PLACEHOLDER_REGION));
        }
        return region.get();
    }

    /** The region, or a clear error saying how to set one. */
    public Region region() {
        return configuredRegion().orElseThrow(() -> new TrainctlException(ExitCode.AWS_INVALID,
                "no AWS region is set: pass --region (e.g. --region eu-west-1), set AWS_REGION, or add 'region' "
                        + "to your profile in ~/.aws/config"));
    }

    /** The partition id for ARNs: {@code aws}, {@code aws-cn}, {@code aws-us-gov}. */
    public String partition() {
        return partitionOf(region());
    }

    /** The endpoint override in force, from {@code --endpoint-url} or {@code AWS_ENDPOINT_URL}. */
    public Optional<URI> endpointOverride() {
        return options.endpointUrl().or(() -> Optional.ofNullable(environment.get("AWS_ENDPOINT_URL"))
                .filter(s -> !s.isBlank()).map(URI::create));
    }

    public GlobalOptions options() {
        return options;
    }

    public synchronized StsClient sts() {
        if (sts == null) {
            sts = remember(configure(StsClient.builder(), region()).build());
        }
        return sts;
    }

    /** IAM is a global service: its endpoint lives in the partition's global region, whatever {@code --region} is. */
    public synchronized IamClient iam() {
        if (iam == null) {
            iam = remember(configure(IamClient.builder(), globalRegion(region())).build());
        }
        return iam;
    }

    /** S3 with path-style addressing whenever an endpoint override is set (S3-compatible servers need it). */
    public synchronized S3Client s3() {
        if (s3 == null) {
            boolean pathStyle = endpointOverride().isPresent()
                    || Optional.ofNullable(environment.get("AWS_ENDPOINT_URL_S3")).filter(s -> !s.isBlank()).isPresent();
            s3 = remember(configure(S3Client.builder(), region()).forcePathStyle(pathStyle).build());
        }
        return s3;
    }

    public synchronized EcrClient ecr() {
        if (ecr == null) {
            ecr = remember(configure(EcrClient.builder(), region()).build());
        }
        return ecr;
    }

    public synchronized SageMakerClient sageMaker() {
        if (sageMaker == null) {
            sageMaker = remember(configure(SageMakerClient.builder(), region()).build());
        }
        return sageMaker;
    }

    /** SageMaker Runtime: InvokeEndpoint. */
    public synchronized SageMakerRuntimeClient sageMakerRuntime() {
        if (sageMakerRuntime == null) {
            sageMakerRuntime = remember(configure(SageMakerRuntimeClient.builder(), region()).build());
        }
        return sageMakerRuntime;
    }

    public synchronized CloudWatchLogsClient logs() {
        if (logs == null) {
            logs = remember(configure(CloudWatchLogsClient.builder(), region()).build());
        }
        return logs;
    }

    /** KMS in the job's region, where its keys must be (S3 SSE-KMS and EBS use only keys of their region). */
    public synchronized KmsClient kms() {
        if (kms == null) {
            kms = remember(configure(KmsClient.builder(), region()).build());
        }
        return kms;
    }

    public synchronized CloudTrailClient cloudTrail() {
        if (cloudTrail == null) {
            cloudTrail = remember(configure(CloudTrailClient.builder(), region()).build());
        }
        return cloudTrail;
    }

    /** AWS Budgets is global: its API endpoint lives in the partition's billing region (us-east-1 for aws). */
    public synchronized BudgetsClient budgets() {
        if (budgets == null) {
            budgets = remember(configure(BudgetsClient.builder(), billingRegion(region())).build());
        }
        return budgets;
    }

    /**
     * CloudWatch in the billing region: AWS publishes the {@code AWS/Billing} {@code EstimatedCharges} metric only in
     * us-east-1, so billing alarms live there whatever {@code --region} is.
     */
    public synchronized CloudWatchClient billingMetrics() {
        if (billingMetrics == null) {
            billingMetrics = remember(configure(CloudWatchClient.builder(), billingRegion(region())).build());
        }
        return billingMetrics;
    }

    public synchronized ServiceQuotasClient serviceQuotas() {
        if (serviceQuotas == null) {
            serviceQuotas = remember(configure(ServiceQuotasClient.builder(), region()).build());
        }
        return serviceQuotas;
    }

    /**
     * The AWS Price List API, which has endpoints only in us-east-1, eu-central-1 and ap-south-1 of the aws
     * partition (it serves prices for every region); empty in other partitions.
     */
    public synchronized Optional<PricingClient> pricing() {
        if (pricing == null) {
            if (!partitionOf(region()).equals("aws")) {
                return Optional.empty();
            }
            pricing = remember(configure(PricingClient.builder(), Region.US_EAST_1).build());
        }
        return Optional.of(pricing);
    }

    /** The region of billing data (Budgets, billing metrics): us-east-1 in aws, the partition's first elsewhere. */
    public static Region billingRegion(Region region) {
        return switch (partitionOf(region)) {
            case "aws-cn" -> Region.CN_NORTHWEST_1;
            case "aws-us-gov" -> Region.US_GOV_WEST_1;
            default -> Region.US_EAST_1;
        };
    }

    /** The credentials provider: the named profile if {@code --profile} is given, else the SDK's default chain. */
    public synchronized AwsCredentialsProvider credentials() {
        if (credentials == null) {
            credentials = options.profile().<AwsCredentialsProvider>map(ProfileCredentialsProvider::create)
                    .orElseGet(() -> DefaultCredentialsProvider.builder().build());
        }
        return credentials;
    }

    /** The partition's global signing region for IAM (aws-global, aws-cn-global, aws-us-gov-global). */
    public static Region globalRegion(Region region) {
        return switch (partitionOf(region)) {
            case "aws" -> Region.AWS_GLOBAL;
            case "aws-cn" -> Region.AWS_CN_GLOBAL;
            case "aws-us-gov" -> Region.AWS_US_GOV_GLOBAL;
            default -> region;
        };
    }

    public static String partitionOf(Region region) {
        PartitionMetadata partition = PartitionMetadata.of(region);
        return partition == null ? "aws" : partition.id();
    }

    @Override
    public synchronized void close() {
        for (SdkClient client : open) {
            try {
                client.close();
            } catch (RuntimeException e) {
                console.verbose("closing " + client.serviceName() + " client: " + e.getMessage());
            }
        }
        open.clear();
        sts = null;
        iam = null;
        s3 = null;
        ecr = null;
        sageMaker = null;
        sageMakerRuntime = null;
        logs = null;
        cloudTrail = null;
        budgets = null;
        billingMetrics = null;
        serviceQuotas = null;
        pricing = null;
        kms = null;
    }

    private <B extends AwsClientBuilder<B, ?>> B configure(B builder, Region clientRegion) {
        builder.region(clientRegion).credentialsProvider(credentials())
                .overrideConfiguration(overrides());
        options.endpointUrl().ifPresent(builder::endpointOverride);
        return builder;
    }

    private ClientOverrideConfiguration overrides() {
        ClientOverrideConfiguration.Builder config = ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(MAX_ATTEMPTS).build())
                .apiCallTimeout(API_CALL_TIMEOUT)
                .apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
                .addExecutionInterceptor(new CallLogger(console));
        if (options.dryRun()) {
            config.addExecutionInterceptor(new DryRunGuard());
        }
        return config.build();
    }

    private <C extends SdkClient> C remember(C client) {
        open.add(client);
        return client;
    }

    private Optional<Region> regionFromChain() {
        try {
            DefaultAwsRegionProviderChain.Builder chain = DefaultAwsRegionProviderChain.builder();
            options.profile().ifPresent(chain::profileName);
            return Optional.ofNullable(chain.build().getRegion());
        } catch (SdkClientException e) {
            return Optional.empty();
        }
    }

    /** An unknown region name fails here rather than as a DNS error later; any name goes with an endpoint override. */
    private void validate(Region candidate) {
        if (endpointOverride().isPresent() || Region.regions().contains(candidate)) {
            return;
        }
        if (!candidate.id().matches("[a-z]{2}(-[a-z]+)+-\\d+")) {
            throw new TrainctlException(ExitCode.AWS_INVALID, "'" + candidate.id() + "' is not an AWS region name "
                    + "(expected something like us-east-1 or eu-west-1); check --region, AWS_REGION and your profile");
        }
        console.verbose("region " + candidate.id() + " is not in this SDK's region list; trying it anyway");
    }
}
