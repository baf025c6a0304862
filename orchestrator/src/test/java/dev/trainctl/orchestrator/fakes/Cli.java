package dev.trainctl.orchestrator.fakes;

import dev.trainctl.orchestrator.aws.AwsClients;
import dev.trainctl.orchestrator.cli.CliRun;
import dev.trainctl.orchestrator.cli.Command;
import dev.trainctl.orchestrator.cli.Console;
import dev.trainctl.orchestrator.cli.GlobalOptions;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import dev.trainctl.orchestrator.fidelity.RequestCapture;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.budgets.BudgetsClient;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.pricing.PricingClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;
import software.amazon.awssdk.services.sts.StsClient;

/** Runs one command through the real command line, with fake AWS clients, and keeps what it printed. */
public final class Cli {

    public FakeSts sts = FakeSts.user();
    public final FakeIam iam = new FakeIam();
    public final FakeS3 s3 = new FakeS3(FakeSts.ACCOUNT);
    public final FakeEcr ecr = new FakeEcr();
    public final FakeCloudTrail cloudTrail = new FakeCloudTrail();
    public final FakeBudgets budgets = new FakeBudgets();
    public final FakeCloudWatch billingMetrics = new FakeCloudWatch();
    public final FakeServiceQuotas serviceQuotas = new FakeServiceQuotas();
    public final FakePricing pricing = new FakePricing();
    public final FakeSageMaker sageMaker = new FakeSageMaker();
    public String out;
    public String err;

    /** The factory commands take: the real one, with every client replaced by a fake. */
    public BiFunction<GlobalOptions, Console, AwsClients> clients() {
        return clients(Region.US_EAST_1);
    }

    /** The same, in another region. */
    public BiFunction<GlobalOptions, Console, AwsClients> clients(Region region) {
        return (global, console) -> AwsClients.create(global, console, Map.of()).using(region).using(sts)
                .using(iam).using(s3).using(ecr).using(cloudTrail).using(budgets).using(billingMetrics)
                .using(serviceQuotas).using(pricing).using(sageMaker);
    }

    /**
     * The factory with every fake behind {@code capture}, which records each request the SDK is given (for the
     * API-model tests); the region comes from {@code --region}.
     */
    public BiFunction<GlobalOptions, Console, AwsClients> clients(RequestCapture capture) {
        return (global, console) -> AwsClients.create(global, console, Map.of())
                .using(capture.wrap(StsClient.class, sts)).using(capture.wrap(IamClient.class, iam))
                .using(capture.wrap(S3Client.class, s3)).using(capture.wrap(EcrClient.class, ecr))
                .using(capture.wrap(CloudTrailClient.class, cloudTrail))
                .using(capture.wrap(BudgetsClient.class, budgets))
                .using(capture.wrap(CloudWatchClient.class, billingMetrics))
                .using(capture.wrap(ServiceQuotasClient.class, serviceQuotas))
                .using(capture.wrap(PricingClient.class, pricing))
                .using(capture.wrap(software.amazon.awssdk.services.sagemaker.SageMakerClient.class, sageMaker));
    }

    public int run(Command command, String... args) {
        CliRun run = CliRun.with(List.of(command), args);
        out = run.out();
        err = run.err();
        return run.exitCode();
    }

    /** Every request any fake received that would change something. */
    public List<String> mutatingOperations() {
        return java.util.stream.Stream.of(sageMaker.recorder, iam.recorder, s3.recorder, ecr.recorder,
                budgets.answers.recorder)
                .flatMap(r -> r.mutatingOperations().stream()).toList();
    }

    public void clearRecords() {
        iam.recorder.clear();
        s3.recorder.clear();
        ecr.recorder.clear();
        sts.recorder.clear();
        budgets.answers.recorder.clear();
        sageMaker.recorder.clear();
    }
}
