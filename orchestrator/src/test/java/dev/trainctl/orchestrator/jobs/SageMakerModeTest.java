package dev.trainctl.orchestrator.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trainctl.orchestrator.aws.AwsClients;
import dev.trainctl.orchestrator.cli.Console;
import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.GlobalOptions;
import dev.trainctl.orchestrator.cli.Invocation;
import dev.trainctl.orchestrator.cli.OutputFormat;
import dev.trainctl.orchestrator.cli.TrainctlException;
import dev.trainctl.orchestrator.fakes.FakePricing;
import dev.trainctl.orchestrator.fakes.FakeS3;
import dev.trainctl.orchestrator.fakes.FakeServiceQuotas;
import dev.trainctl.orchestrator.train.TrainCommand;
import dev.trainctl.training.train.Hyperparameters;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.cli.DefaultParser;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityRequest;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

class SageMakerModeTest {

    private final RecordingSageMaker sageMaker = new RecordingSageMaker();
    private final FakeServiceQuotas quotas = new FakeServiceQuotas().withDefaults(1);
    private final FakePricing pricing = new FakePricing();
    private final FakeS3 s3 = new FakeS3("123456789012");
    private final List<Object> stsCalls = new ArrayList<>();
    private final StsClient sts = new StsClient() {
        @Override
        public GetCallerIdentityResponse getCallerIdentity(GetCallerIdentityRequest request) {
            stsCalls.add(request);
            return GetCallerIdentityResponse.builder().account("123456789012")
                    .arn("arn:aws:iam::123456789012:user/alice").userId("AIDA").build();
        }

        @Override
        public String serviceName() {
            return "sts";
        }

        @Override
        public void close() {}
    };
    private static final String GPU_IMAGE = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/my-cuda-trainer:1";
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void dryRunPrintsTheExactCreateTrainingJobRequestAndSendsNothing() throws Exception {
        ExitCode code = run(true, "--on", "sagemaker", "--spot", "--gpu", "--image", GPU_IMAGE, "--epochs", "2",
                "--max-train-samples", "1000");

        assertThat(code).isEqualTo(ExitCode.OK);
        JsonObject printed = JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
        assertThat(printed.get("operation").getAsString()).isEqualTo("CreateTrainingJob");
        JsonObject request = printed.getAsJsonObject("request");
        assertThat(request.get("TrainingJobName").getAsString()).isEqualTo("trainctl-mnist-20261125-090807-654");
        assertThat(request.get("RoleArn").getAsString())
                .isEqualTo("arn:aws:iam::123456789012:role/trainctl-mnist-execution");
        assertThat(request.getAsJsonObject("AlgorithmSpecification").get("TrainingImage").getAsString())
                .isEqualTo(GPU_IMAGE);
        assertThat(request.getAsJsonObject("ResourceConfig").get("InstanceType").getAsString())
                .isEqualTo("ml.g4dn.xlarge");
        assertThat(request.getAsJsonObject("HyperParameters").get("device").getAsString()).isEqualTo("gpu");
        assertThat(request.getAsJsonObject("HyperParameters").get("max_train_samples").getAsString())
                .isEqualTo("1000");
        assertThat(request.get("EnableManagedSpotTraining").getAsBoolean()).isTrue();
        assertThat(request.getAsJsonObject("StoppingCondition").get("MaxWaitTimeInSeconds").getAsInt())
                .isEqualTo(7200);
        assertThat(request.getAsJsonObject("CheckpointConfig").get("S3Uri").getAsString()).isEqualTo(
                "s3://trainctl-123456789012-eu-west-1/trainctl-mnist/checkpoints/trainctl-mnist-20261125-090807-654/");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("worst-case cost: $0.74 (ml.g4dn.xlarge");
        assertThat(sageMaker.requests).isEmpty();
    }

    @Test
    void aZeroTrainingQuotaStopsTheJobWithExitEightBeforeAnyUpload() {
        quotas.defaults.clear();
        quotas.withDefaults(0);

        assertThatThrownBy(() -> run(false, "--on", "sagemaker"))
                .isInstanceOfSatisfying(TrainctlException.class, e -> assertThat(e.exitCode())
                        .isEqualTo(ExitCode.AWS_QUOTA))
                .hasMessageContaining("'ml.t3.medium for training job usage' (sagemaker L-TEST0002) is 0 in eu-west-1")
                .hasMessageContaining("nothing was uploaded or submitted")
                .hasMessageContaining("--service-code sagemaker --quota-code L-TEST0002")
                .hasMessageContaining("Service Quotas > AWS services > Amazon SageMaker");
        assertThat(s3.recorder.of(PutObjectRequest.class)).isEmpty();
        assertThat(s3.recorder.all()).isEmpty();
        assertThat(sageMaker.requests).isEmpty();
    }

    @Test
    void spotJobsAreCheckedAgainstTheSpotQuota() {
        quotas.defaults.clear();
        quotas.withDefaults(0);

        assertThatThrownBy(() -> run(false, "--on", "sagemaker", "--spot"))
                .hasMessageContaining("'ml.t3.medium for spot training job usage' (sagemaker L-TEST0004) is 0");
        assertThat(s3.recorder.all()).isEmpty();
    }

    @Test
    void dryRunPrintsTheQuotaRequestItWouldMakeAndTheLivePriceWhereThePriceListAnswers() throws Exception {
        pricing.product("eu-west-1", "ml.t3.medium", "Training", "EU-Train:ml.t3.medium", "0.0560000000");

        run(true, "--on", "sagemaker");

        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("worst-case cost: $0.06 (ml.t3.medium at $0.056/h x max runtime 1h; live on-demand "
                        + "eu-west-1 price from the AWS Price List API)")
                .contains("the quota 'ml.t3.medium for training job usage' would be read with this request (not sent");
        assertThat(quotas.answers.recorder.all()).isEmpty();
        assertThat(sageMaker.requests).isEmpty();
    }

    @Test
    void aCpuInstanceRunsTrainctlsOwnImageWithTheDeviceLeftToTheContainer() throws Exception {
        run(true, "--on", "sagemaker");

        JsonObject request = printedRequest();
        assertThat(request.getAsJsonObject("AlgorithmSpecification").get("TrainingImage").getAsString())
                .startsWith("123456789012.dkr.ecr.eu-west-1.amazonaws.com/trainctl-mnist:");
        assertThat(request.getAsJsonObject("ResourceConfig").get("InstanceType").getAsString())
                .isEqualTo("ml.t3.medium");
        assertThat(request.getAsJsonObject("HyperParameters").get("device").getAsString()).isEqualTo("auto");
    }

    @Test
    void aGpuInstanceRunsTrainctlsGpuImageAndAsksTheContainerForTheGpu() throws Exception {
        for (String[] args : List.of(new String[] {"--on", "sagemaker", "--gpu"},
                new String[] {"--on", "sagemaker", "--instance-type", "ml.g5.xlarge"})) {
            out.reset();
            run(true, args);

            JsonObject request = printedRequest();
            assertThat(request.getAsJsonObject("AlgorithmSpecification").get("TrainingImage").getAsString())
                    .startsWith("123456789012.dkr.ecr.eu-west-1.amazonaws.com/trainctl-mnist:").endsWith("-gpu");
            assertThat(request.getAsJsonObject("HyperParameters").get("device").getAsString()).isEqualTo("gpu");
        }
    }

    @Test
    void aGpuInstanceWithAGivenImageAsksTheContainerForTheGpuSoItFailsFastWithout() throws Exception {
        run(true, "--on", "sagemaker", "--instance-type", "ml.g6.xlarge", "--image", GPU_IMAGE);

        assertThat(printedRequest().getAsJsonObject("HyperParameters").get("device").getAsString()).isEqualTo("gpu");
    }

    @Test
    void theDeviceMustFitTheInstance() {
        assertThatThrownBy(() -> run(true, "--on", "sagemaker", "--gpu", "--image", GPU_IMAGE, "--device", "cpu"))
                .hasMessageContaining("--device cpu on ml.g4dn.xlarge pays for a GPU it does not use");
        assertThatThrownBy(() -> run(true, "--on", "sagemaker", "--device", "gpu"))
                .hasMessageContaining("--device gpu: ml.t3.medium has no GPU");
    }

    @Test
    void aDryRunWithNoRegionUsesUsEast1AndSaysSoAsPolicyShowAndProvisionDo() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("AWS_REGION") == null
                && System.getenv("AWS_DEFAULT_REGION") == null && System.getProperty("aws.region") == null
                && !java.nio.file.Files.exists(java.nio.file.Path.of(System.getProperty("user.home"), ".aws", "config")),
                "a region is configured on this machine");
        var parsed = new DefaultParser().parse(new TrainCommand().options(), new String[] {"--on", "sagemaker"});
        GlobalOptions global = new GlobalOptions(Optional.empty(), Optional.empty(), Optional.empty(), true,
                OutputFormat.TEXT, false);
        Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), OutputFormat.TEXT, false);
        Invocation invocation = new Invocation(parsed, global, console);

        SageMakerMode.run(invocation, Hyperparameters.defaults(), inv -> AwsClients.create(global, console, Map.of())
                .using(sts).using(sageMaker), any -> dataFiles(), duration -> { },
                Instant.parse("2026-11-25T09:08:07.654Z"));

        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("note: no region configured: using us-east-1 (pass --region to choose)");
        assertThat(printedRequest().get("RoleArn").getAsString())
                .isEqualTo("arn:aws:iam::123456789012:role/trainctl-mnist-execution");
        assertThat(printedRequest().getAsJsonObject("OutputDataConfig").get("S3OutputPath").getAsString())
                .startsWith("s3://trainctl-123456789012-us-east-1/");
    }

    private JsonObject printedRequest() {
        return JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject().getAsJsonObject("request");
    }

    private static final String KEY = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private static final String VOLUME_KEY =
            "arn:aws:kms:eu-west-1:123456789012:key/0000abcd-12ab-34cd-56ef-1234567890ab";

    @Test
    void aJobInAVpcWithKeysSendsVpcConfigAndBothKeys() throws Exception {
        ExitCode code = run(true, "--on", "sagemaker", "--spot", "--instance-type", "ml.m5.large", "--subnets",
                "subnet-0123456789abcdef0,subnet-0123456789abcdef1", "--security-group-ids", "sg-0123456789abcdef0",
                "--kms-key", KEY, "--volume-kms-key", VOLUME_KEY);

        assertThat(code).isEqualTo(ExitCode.OK);
        JsonObject printed = JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
        JsonObject request = printed.getAsJsonObject("request");
        assertThat(request.getAsJsonObject("VpcConfig").toString()).isEqualTo("{\"SecurityGroupIds\":"
                + "[\"sg-0123456789abcdef0\"],\"Subnets\":[\"subnet-0123456789abcdef0\",\"subnet-0123456789abcdef1\"]}");
        assertThat(request.getAsJsonObject("OutputDataConfig").get("KmsKeyId").getAsString()).isEqualTo(KEY);
        assertThat(request.getAsJsonObject("ResourceConfig").get("VolumeKmsKeyId").getAsString())
                .isEqualTo(VOLUME_KEY);
        assertThat(request.get("EnableNetworkIsolation").getAsBoolean()).isTrue();
        assertThat(sageMaker.requests).isEmpty();
    }

    @Test
    void withoutAVpcOrKeyTheRequestHasNone() throws Exception {
        run(true, "--on", "sagemaker");

        JsonObject request = JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject()
                .getAsJsonObject("request");
        assertThat(request.has("VpcConfig")).isFalse();
        assertThat(request.getAsJsonObject("OutputDataConfig").has("KmsKeyId")).isFalse();
        assertThat(request.getAsJsonObject("ResourceConfig").has("VolumeKmsKeyId")).isFalse();
    }

    @Test
    void aVolumeKeyOnAnInstanceWithLocalStorageIsRefusedBeforeAnyAwsCall() {
        assertThatThrownBy(() -> run(true, "--on", "sagemaker", "--instance-type", "ml.g5.xlarge",
                "--volume-kms-key", VOLUME_KEY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--volume-kms-key: ml.g5.xlarge stores data on local NVMe instance storage")
                .hasMessageContaining("drop --volume-kms-key, or pick an EBS-backed instance type");
        assertThat(stsCalls).isEmpty();
    }

    @Test
    void aKeyOfAnotherRegionIsRefusedNamingBoth() {
        assertThatThrownBy(() -> run(true, "--on", "sagemaker", "--kms-key", KEY.replace("eu-west-1", "us-east-2")))
                .hasMessageContaining("--kms-key arn:aws:kms:us-east-2:")
                .hasMessageContaining("not in the job's region eu-west-1");
        assertThat(sageMaker.requests).isEmpty();
    }

    @Test
    void anUnknownInstanceTypeIsRefusedBeforeAnyAwsCall() {
        assertThatThrownBy(() -> run(false, "--on", "sagemaker", "--instance-type", "ml.t3.tiny"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'ml.t3.tiny' is not a SageMaker training instance type");
        assertThat(stsCalls).isEmpty();
        assertThat(sageMaker.requests).isEmpty();
    }

    @Test
    void spotWithAShortMaxWaitIsAUsageError() {
        assertThatThrownBy(() -> run(true, "--on", "sagemaker", "--spot", "--max-wait", "60"))
                .isInstanceOf(TrainctlException.class).hasMessageContaining("max wait (60 s)");
    }

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path data;

    private List<java.nio.file.Path> dataFiles() {
        return dev.trainctl.orchestrator.fakes.UploadFiles.in(data);
    }

    private ExitCode run(boolean dryRun, String... args) throws Exception {
        var parsed = new DefaultParser().parse(new TrainCommand().options(), args);
        GlobalOptions global = new GlobalOptions(Optional.of("eu-west-1"), Optional.empty(), Optional.empty(), dryRun,
                OutputFormat.TEXT, false);
        Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), OutputFormat.TEXT, false);
        Invocation invocation = new Invocation(parsed, global, console);
        return SageMakerMode.run(invocation, TrainCommandAccess.hyperparameters(invocation),
                inv -> AwsClients.create(global, console, Map.of()).using(Region.EU_WEST_1).using(sts)
                        .using(sageMaker).using(quotas).using(pricing).using(s3),
                any -> dataFiles(), duration -> { }, Instant.parse("2026-11-25T09:08:07.654Z"));
    }

    /** The train command's hyperparameter options, as the command reads them. */
    static final class TrainCommandAccess {
        static Hyperparameters hyperparameters(Invocation invocation) {
            return new Hyperparameters(invocation.intValue("epochs", Hyperparameters.DEFAULT_EPOCHS, 1, 99),
                    invocation.intValue("batch-size", Hyperparameters.DEFAULT_BATCH_SIZE, 1, 99),
                    invocation.positiveValue("learning-rate", Hyperparameters.DEFAULT_LEARNING_RATE, 1),
                    invocation.longValue("seed", Hyperparameters.DEFAULT_SEED, 0, 99),
                    invocation.intValue("hidden-size", Hyperparameters.DEFAULT_HIDDEN_SIZE, 1, 999));
        }
    }
}
