package dev.trainctl.orchestrator.s3proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainctl.orchestrator.aws.AwsActions;
import dev.trainctl.orchestrator.aws.AwsClients;
import dev.trainctl.orchestrator.aws.ChangeExecutor;
import dev.trainctl.orchestrator.aws.RoleReadiness;
import dev.trainctl.orchestrator.aws.Sleeper;
import dev.trainctl.orchestrator.cli.Console;
import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.GlobalOptions;
import dev.trainctl.orchestrator.cli.OutputFormat;
import dev.trainctl.orchestrator.fakes.Cli;
import dev.trainctl.orchestrator.fakes.FakeEcr;
import dev.trainctl.orchestrator.fakes.FakeIam;
import dev.trainctl.orchestrator.fakes.FakeSts;
import dev.trainctl.orchestrator.names.ResourceNames;
import dev.trainctl.orchestrator.provision.BucketPlanner;
import dev.trainctl.orchestrator.provision.PlanPart;
import dev.trainctl.orchestrator.provision.ProvisionSettings;
import dev.trainctl.orchestrator.teardown.TeardownCommand;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/** The bucket steps against a real S3-compatible server, through the same client factory the CLI uses. */
class BucketOnS3ProxyTest {

    @RegisterExtension
    static final S3ProxyServer SERVER = new S3ProxyServer();

    static final AtomicInteger BUCKETS = new AtomicInteger();

    ResourceNames names;
    AwsClients aws;
    S3Client s3;

    @BeforeEach
    void connect() {
        // A fresh bucket per test: the server lives for the whole class.
        names = ResourceNames.of("aws", FakeSts.ACCOUNT, "us-east-1", "trainctl-mnist")
                .withBucket("trainctl-test-" + BUCKETS.incrementAndGet());
        aws = clients();
        s3 = aws.s3();
    }

    @AfterEach
    void close() {
        aws.close();
    }

    AwsClients clients() {
        GlobalOptions options = new GlobalOptions(Optional.of("us-east-1"), Optional.empty(),
                Optional.of(SERVER.endpoint()), false, OutputFormat.TEXT, false);
        Console console = new Console(new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream()), OutputFormat.TEXT, false);
        return AwsClients.create(options, console, Map.of()).using(SERVER.credentials());
    }

    ChangeExecutor.Outcome provision() throws InterruptedException {
        PlanPart plan = new BucketPlanner(s3).plan(ProvisionSettings.of(names), false);
        return new ChangeExecutor(null, s3, null, new RoleReadiness(null, Sleeper.NONE, Duration.ZERO))
                .execute(plan.changes(), c -> { });
    }

    @Test
    void createsTheBucketWithDefaultEncryptionThroughPathStyleRequests() throws Exception {
        provision();

        s3.headBucket(HeadBucketRequest.builder().bucket(names.bucket()).build());
        assertThat(s3.getBucketEncryption(b -> b.bucket(names.bucket())).serverSideEncryptionConfiguration().rules()
                .get(0).applyServerSideEncryptionByDefault().sseAlgorithm()).isEqualTo(ServerSideEncryption.AES256);
    }

    @Test
    void hardeningStepsTheServerLacksComeBackAsWarningsNamingThem() throws Exception {
        ChangeExecutor.Outcome outcome = provision();

        assertThat(outcome.warnings()).anySatisfy(w -> assertThat(w).contains("PutPublicAccessBlock")
                .contains("block all public access"));
        assertThat(outcome.warnings()).anySatisfy(w -> assertThat(w).contains("PutBucketPolicy").contains("TLS"));
        assertThat(outcome.warnings()).allSatisfy(w -> assertThat(w).startsWith("WARNING").contains("HTTP 501"));
    }

    @Test
    void secondRunRepeatsNothingTheServerKeptAndWarnsAboutWhatItCannotKeep() throws Exception {
        ChangeExecutor.Outcome first = provision();

        PlanPart again = new BucketPlanner(s3).plan(ProvisionSettings.of(names), false);

        // Creation and encryption are not repeated. S3Proxy reads back "no bucket policy" (404) for the policy it
        // refused with 501, so that step is planned again, and refused again with the same warning: never silent.
        assertThat(again.changes()).extracting(c -> AwsActions.operation(c.request()))
                .doesNotContain("CreateBucket", "PutBucketEncryption")
                .allSatisfy(op -> assertThat(first.warnings()).anySatisfy(w -> assertThat(w).contains(op)));
        assertThat(again.notes()).as("what the server cannot check is said, not hidden")
                .anySatisfy(n -> assertThat(n).contains("HTTP 501"));
        ChangeExecutor.Outcome second = new ChangeExecutor(null, s3, null, new RoleReadiness(null, Sleeper.NONE,
                Duration.ZERO)).execute(again.changes(), c -> { });
        assertThat(second.applied()).isEmpty();
        assertThat(second.warnings()).hasSize(again.changes().size());
    }

    @Test
    void teardownRefusesANonEmptyBucketWithoutDeleteData() throws Exception {
        provision();
        s3.putObject(PutObjectRequest.builder().bucket(names.bucket()).key("trainctl-mnist/data/x").build(),
                RequestBody.fromString("x"));
        Cli cli = new Cli();

        int code = cli.run(teardown(cli), "teardown", "--bucket", names.bucket(), "--yes");

        assertThat(code).isEqualTo(ExitCode.AWS_CONFLICT.code());
        assertThat(cli.err).contains("holds 1 object").contains("--delete-data").contains("nothing was deleted");
        s3.headBucket(HeadBucketRequest.builder().bucket(names.bucket()).build());
    }

    @Test
    void teardownWithDeleteDataRemovesEveryObjectAndTheBucket() throws Exception {
        provision();
        for (int i = 0; i < 5; i++) {
            s3.putObject(PutObjectRequest.builder().bucket(names.bucket()).key("trainctl-mnist/output/" + i).build(),
                    RequestBody.fromString("model " + i));
        }
        Cli cli = new Cli();

        int code = cli.run(teardown(cli), "teardown", "--bucket", names.bucket(), "--yes", "--delete-data");

        assertThat(code).as(cli.err).isEqualTo(0);
        assertThat(cli.out).contains("delete 5 object version(s)").contains("delete the bucket");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> s3.headBucket(HeadBucketRequest.builder()
                .bucket(names.bucket()).build())).isInstanceOf(NoSuchBucketException.class);
    }

    /** Teardown with fake IAM and ECR (nothing there) and the real S3 server. */
    TeardownCommand teardown(Cli cli) {
        return new TeardownCommand((global, console) -> AwsClients.create(new GlobalOptions(Optional.of("us-east-1"),
                Optional.empty(), Optional.of(SERVER.endpoint()), global.dryRun(), global.output(), global.verbose()),
                console, Map.of()).using(SERVER.credentials()).using(Region.US_EAST_1).using(cli.sts)
                .using(new FakeIam()).using(new FakeEcr()),
                () -> new BufferedReader(new StringReader("")));
    }
}
