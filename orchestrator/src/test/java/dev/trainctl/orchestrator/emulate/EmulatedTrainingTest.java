package dev.trainctl.orchestrator.emulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import dev.trainctl.orchestrator.cli.TrainctlException;
import dev.trainctl.orchestrator.fakes.BucketOwnerCheck;
import dev.trainctl.orchestrator.fidelity.ApiModelCheck;
import dev.trainctl.orchestrator.fidelity.RequestCapture;
import dev.trainctl.orchestrator.names.ResourceNames;
import dev.trainctl.orchestrator.s3serve.EmbeddedS3;
import dev.trainctl.training.artifacts.ModelArtifacts;
import dev.trainctl.training.artifacts.TrainedModel;
import dev.trainctl.training.data.ImageSet;
import dev.trainctl.training.sagemaker.JobHyperparameters;
import dev.trainctl.training.train.DeviceChoice;
import dev.trainctl.training.train.Hyperparameters;
import dev.trainctl.training.data.DataFiles;
import dev.trainctl.training.data.Dataset;
import dev.trainctl.training.data.IdxBytes;
import dev.trainctl.training.train.SyntheticDigits;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;

/** The whole emulated SageMaker path against a real S3-compatible server (S3Proxy) started here. */
class EmulatedTrainingTest {

    private static final String BUCKET = "trainctl-local";
    private static final String OWNER = "123456789012";
    private static final BucketOwnerCheck owners = new BucketOwnerCheck();
    private static final RequestCapture sent = new RequestCapture();

    @RegisterExtension
    static final ApiModelCheck API = new ApiModelCheck();
    private static final JobHyperparameters SMALL = new JobHyperparameters(new Hyperparameters(1, 32, 1e-3, 3, 16),
            JobHyperparameters.CUSTOM_DATASET, 0, DeviceChoice.CPU);

    private static final ResourceNames NAMES = ResourceNames.of("aws", OWNER, "us-east-1", "trainctl-mnist")
            .withBucket(BUCKET);
    private static final EmulatedTraining.Role ROLE = EmulatedTraining.Role.of(JobRoleDocuments.provisioned(NAMES),
            NAMES);

    @TempDir
    static Path temp;

    private static EmbeddedS3 server;
    private static S3Client s3;
    private static ImageSet test;
    private static List<Path> files;
    private static EmulatedTraining.Result first;
    private static EmulatedTraining.Result second;
    private static final List<String> log = new ArrayList<>();

    @BeforeAll
    static void trainTwice() throws Exception {
        server = EmbeddedS3.start(temp.resolve("s3"), "127.0.0.1", 0);
        s3 = server.clientBuilder()
                .overrideConfiguration(o -> o.addExecutionInterceptor(owners).addExecutionInterceptor(sent)).build();
        s3.createBucket(b -> b.bucket(BUCKET));
        test = SyntheticDigits.generate(200, 2);
        Path data = temp.resolve("data");
        DataFiles mnist = Dataset.MNIST.files();
        IdxBytes.writeAll(data, mnist, SyntheticDigits.generate(600, 1), test);
        files = mnist.all().stream().map(file -> data.resolve(file.name())).toList();
        EmulatedTraining training = new EmulatedTraining(s3, ROLE, EntryPointProcess.current(), log::add);
        first = training.run(plan("trainctl-mnist-20261125-090000-000", SMALL));
        second = training.run(plan("trainctl-mnist-20261125-090100-000", SMALL));
    }

    @AfterAll
    static void stop() {
        s3.close();
        server.close();
    }

    @Test
    void everyS3RequestOfTheJobNamesTheAccountThatMustOwnTheBucket() {
        assertThat(owners.sent()).contains("PutObjectRequest", "HeadObjectRequest", "ListObjectsV2Request",
                "GetObjectRequest");
        assertThat(owners.missing()).isEmpty();
    }

    @Test
    void everyS3RequestOfTheJobIsValidForS3sApiModel() {
        assertThat(sent.requests()).extracting(RequestCapture::operation).contains("PutObject", "HeadObject",
                "ListObjectsV2", "GetObject");
        API.assertValid(sent.requests());
    }

    @Test
    void dataIsUploadedOnceAndTheSecondRunUploadsNothing() {
        assertThat(first.uploaded()).containsExactly("s3://trainctl-local/trainctl-mnist/data/train-images-idx3-ubyte",
                "s3://trainctl-local/trainctl-mnist/data/train-labels-idx1-ubyte",
                "s3://trainctl-local/trainctl-mnist/data/t10k-images-idx3-ubyte",
                "s3://trainctl-local/trainctl-mnist/data/t10k-labels-idx1-ubyte");
        assertThat(second.uploaded()).isEmpty();
        assertThat(second.unchanged()).hasSize(4);
    }

    @Test
    void modelTarGzLandsWhereSageMakerPutsIt() {
        String key = "trainctl-mnist/output/trainctl-mnist-20261125-090000-000/output/model.tar.gz";

        assertThat(first.model()).isEqualTo("s3://trainctl-local/" + key);
        assertThat(s3.headObject(HeadObjectRequest.builder().bucket(BUCKET).key(key).build()).contentLength())
                .isPositive();
    }

    @Test
    void theEntryPointsLogIsStreamedWithItsMetricLines() {
        assertThat(log).anyMatch(line -> line.startsWith("  | epoch=1 train_loss="))
                .anyMatch(line -> line.startsWith("  | final test_accuracy="));
    }

    @Test
    void evaluatingTheModelFromS3ReproducesTheReportedAccuracy() throws Exception {
        Path model = ModelLocation.download(s3, first.model(), Optional.of(OWNER), temp);

        try (TrainedModel loaded = ModelArtifacts.load(model, Device.cpu())) {
            assertThat(loaded.evaluate(test).correct()).isEqualTo(first.testCorrect());
        }
        assertThat(first.testCount()).isEqualTo(200);
        assertThat(first.testAccuracy()).isGreaterThan(0.5);
    }

    @Test
    void aFailingJobReportsTheFailureFileAndUploadsNoModel() {
        JobHyperparameters pinned = new JobHyperparameters(SMALL.training(), "mnist", 0, DeviceChoice.CPU);
        EmulatedTraining training = new EmulatedTraining(s3, ROLE, EntryPointProcess.current(), line -> { });

        assertThatThrownBy(() -> training.run(plan("trainctl-mnist-20261125-090200-000", pinned)))
                .isInstanceOf(TrainctlException.class)
                .hasMessageContaining("emulated training job trainctl-mnist-20261125-090200-000 failed:"
                        + " train-images-idx3-ubyte: expected 47040016 bytes");
    }

    private static EmulatedTraining.Plan plan(String job, JobHyperparameters hyperparameters) {
        return EmulatedTraining.Plan.onDemand(job, BUCKET, Optional.of(OWNER), "trainctl-mnist", files,
                hyperparameters, temp.resolve("work"));
    }
}
