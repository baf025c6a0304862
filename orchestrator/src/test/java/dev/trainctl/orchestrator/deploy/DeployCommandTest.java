package dev.trainctl.orchestrator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainctl.orchestrator.aws.AwsClients;
import dev.trainctl.orchestrator.cli.Invocation;
import dev.trainctl.orchestrator.fakes.Cli;
import dev.trainctl.orchestrator.fakes.FakeSageMaker;
import dev.trainctl.orchestrator.image.DefaultImage;
import dev.trainctl.orchestrator.names.ResourceNames;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.model.CreateEndpointConfigRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateEndpointRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateModelRequest;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/** {@code deploy --on sagemaker} and {@code undeploy} against a SageMaker kept in memory. */
class DeployCommandTest {

    static final ResourceNames NAMES = ResourceNames.of("aws", "123456789012", "us-east-1", "trainctl-mnist");
    static final String JOB = "trainctl-mnist-20261205-120000-000";

    final Cli cli = new Cli();
    final Function<Invocation, AwsClients> clients = invocation -> cli.clients().apply(invocation.global(),
            invocation.console());

    /** The models of the jobs the tests deploy are in the bucket, as training left them. */
    @org.junit.jupiter.api.BeforeEach
    void modelsInTheBucket() {
        cli.s3.exists = true;
        for (String job : List.of(JOB, "trainctl-mnist-gpu-20261205-120000-000")) {
            cli.s3.objects.put("trainctl-mnist/output/" + job + "/output/model.tar.gz", "");
        }
    }

    int deploy(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("deploy", "--on", "sagemaker", "--poll", "0"));
        all.addAll(List.of(args));
        return cli.run(new DeployCommand(clients, Map.of()), all.toArray(String[]::new));
    }

    int undeploy(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("undeploy"));
        all.addAll(List.of(args));
        return cli.run(new UndeployCommand(clients, Map.of()), all.toArray(String[]::new));
    }

    @Test
    void aModelThatIsNotInS3IsRefusedBeforeAnythingIsCreated() {
        cli.s3.objects.clear();

        assertThat(deploy("--job", JOB)).isEqualTo(3);

        assertThat(cli.err).contains("the model s3://" + NAMES.bucket() + "/trainctl-mnist/output/" + JOB
                + "/output/model.tar.gz does not exist");
        assertThat(cli.mutatingOperations()).isEmpty();
        assertThat(cli.s3.recorder.of(software.amazon.awssdk.services.s3.model.HeadObjectRequest.class))
                .singleElement().satisfies(head -> assertThat(head.expectedBucketOwner())
                        .isEqualTo(NAMES.account()));
    }

    @Test
    void deploysTheNewestJobsModelAsATaggedServerlessEndpointAndWaitsUntilInService() {
        cli.sageMaker.completedJobs.addAll(List.of(JOB, "trainctl-mnist-gpu-20261205-120000-000"));

        assertThat(deploy()).as(cli.err).isZero();

        assertThat(cli.mutatingOperations()).containsExactly("CreateModel", "CreateEndpointConfig", "CreateEndpoint");
        CreateModelRequest model = cli.sageMaker.recorder.of(CreateModelRequest.class).get(0);
        assertThat(model.modelName()).isEqualTo(JOB);
        assertThat(model.executionRoleArn()).isEqualTo(NAMES.servingRoleArn());
        assertThat(model.primaryContainer().image()).isEqualTo(DefaultImage.in(NAMES.repositoryUri()));
        assertThat(model.primaryContainer().modelDataUrl()).isEqualTo("s3://" + NAMES.bucket()
                + "/trainctl-mnist/output/" + JOB + "/output/model.tar.gz");
        CreateEndpointConfigRequest config = cli.sageMaker.recorder.of(CreateEndpointConfigRequest.class).get(0);
        assertThat(config.productionVariants()).singleElement().satisfies(variant -> {
            assertThat(variant.instanceType()).isNull();
            assertThat(variant.serverlessConfig().memorySizeInMB()).isEqualTo(2048);
            assertThat(variant.serverlessConfig().maxConcurrency()).isEqualTo(2);
            assertThat(variant.modelName()).isEqualTo(JOB);
        });
        for (List<Tag> tags : List.of(model.tags(), config.tags(),
                cli.sageMaker.recorder.of(CreateEndpointRequest.class).get(0).tags())) {
            assertThat(tags).extracting(t -> t.key() + "=" + t.value())
                    .containsExactly("managed-by=trainctl", "trainctl:name=trainctl-mnist");
        }
        assertThat(cli.out).contains("endpoint " + JOB + ": Creating", "endpoint " + JOB + ": InService",
                "trainctl predict --endpoint " + JOB, "nothing while idle", "trainctl undeploy " + JOB);
    }

    @Test
    void deployingTheSameModelAgainChangesNothing() {
        assertThat(deploy("--job", JOB)).isZero();
        cli.clearRecords();

        assertThat(deploy("--job", JOB, "--output", "json")).as(cli.err).isZero();

        assertThat(cli.mutatingOperations()).isEmpty();
        assertThat(cli.err).contains("already deployed");
        assertThat(cli.out).contains("\"already_deployed\": true", "\"endpoint_name\": \"" + JOB + "\"");
    }

    @Test
    void aHalfDoneDeployReusesWhatMatchesAndCreatesTheRest() {
        assertThat(deploy("--job", JOB)).isZero();
        cli.sageMaker.endpoints.clear();
        cli.clearRecords();

        assertThat(deploy("--job", JOB)).as(cli.err).isZero();

        assertThat(cli.mutatingOperations()).containsExactly("CreateEndpoint");
        assertThat(cli.out).contains("model " + JOB + " exists and matches: reused");
    }

    @Test
    void dryRunPrintsEveryRequestAndSendsNothing() {
        assertThat(deploy("--job", JOB, "--memory", "3072", "--max-concurrency", "1", "--dry-run")).as(cli.err)
                .isZero();

        assertThat(cli.mutatingOperations()).isEmpty();
        assertThat(cli.out).contains("\"operation\": \"CreateModel\"", "\"operation\": \"CreateEndpointConfig\"",
                "\"operation\": \"CreateEndpoint\"", "\"MemorySizeInMB\": 3072", "\"MaxConcurrency\": 1",
                "\"ExecutionRoleArn\": \"" + NAMES.servingRoleArn() + "\"");
    }

    @Test
    void aFailedEndpointSaysWhyAndHowToRemoveIt() {
        cli.sageMaker.statuses.clear();
        cli.sageMaker.statuses.addAll(List.of(EndpointStatus.CREATING, EndpointStatus.FAILED));

        assertThat(deploy("--job", JOB)).isEqualTo(1);

        assertThat(cli.err).contains("endpoint " + JOB + " failed: the container did not answer /ping",
                "trainctl undeploy " + JOB);
    }

    @Test
    void anEndpointOfThatNameThatIsNotTrainctlsIsNeverTouched() {
        assertThat(deploy("--job", JOB)).isZero();
        cli.sageMaker.tags.put(FakeSageMaker.PREFIX + "endpoint/" + JOB, List.of());
        cli.clearRecords();

        assertThat(deploy("--job", JOB)).isEqualTo(7);
        assertThat(cli.err).contains("is not trainctl's");
        assertThat(undeploy(JOB)).isZero();

        assertThat(cli.out).contains("endpoint " + JOB + ": not tagged managed-by=trainctl");
        assertThat(cli.mutatingOperations()).containsExactly("DeleteEndpointConfig", "DeleteModel");
    }

    @Test
    void badSettingsAndModelsOutsideTheNamesPrefixAreUsageErrorsBeforeAnyCall() {
        assertThat(deploy("--job", JOB, "--memory", "1500")).isEqualTo(2);
        assertThat(cli.err).contains("--memory must be 1024, 2048");
        assertThat(deploy("--job", JOB, "--max-concurrency", "201")).isEqualTo(2);
        assertThat(deploy("--model", "s3://someone-elses-bucket/x/output/" + JOB + "/output/model.tar.gz"))
                .isEqualTo(2);
        assertThat(cli.err).contains("the serving role may only read");
        assertThat(deploy("--job", "prod-fraud-20261205-120000-000")).isEqualTo(2);
        assertThat(cli.run(new DeployCommand(clients, Map.of()), "deploy")).isEqualTo(2);
        assertThat(cli.err).contains("give --on sagemaker");
        assertThat(cli.run(new DeployCommand(clients, Map.of()), "deploy", "--on", "emulated", "--memory", "2048"))
                .isEqualTo(2);
        assertThat(cli.mutatingOperations()).isEmpty();
    }

    @Test
    void undeployDeletesTheEndpointItsConfigAndItsModel() {
        assertThat(deploy("--job", JOB)).isZero();
        cli.clearRecords();

        assertThat(undeploy(JOB)).as(cli.err).isZero();

        assertThat(cli.mutatingOperations()).containsExactly("DeleteEndpoint", "DeleteEndpointConfig", "DeleteModel");
        assertThat(cli.sageMaker.endpoints).isEmpty();
        assertThat(cli.sageMaker.models).isEmpty();
        assertThat(undeploy(JOB)).isZero();
        assertThat(cli.out).contains("nothing of " + JOB + " to delete");
    }

    @Test
    void undeployDryRunListsTheDeletesAndSendsNone() {
        assertThat(deploy("--job", JOB)).isZero();
        cli.clearRecords();

        assertThat(undeploy(JOB, "--dry-run")).as(cli.err).isZero();

        assertThat(cli.mutatingOperations()).isEmpty();
        assertThat(cli.out).contains("DeleteEndpoint", "DeleteModel", "nothing was deleted");
    }
}
