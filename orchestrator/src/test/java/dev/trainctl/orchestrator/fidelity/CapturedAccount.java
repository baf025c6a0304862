package dev.trainctl.orchestrator.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainctl.orchestrator.aws.AwsClients;
import dev.trainctl.orchestrator.cli.CliRun;
import dev.trainctl.orchestrator.cli.Command;
import dev.trainctl.orchestrator.cli.Invocation;
import dev.trainctl.orchestrator.fakes.FakePricing;
import dev.trainctl.orchestrator.fakes.FakeS3;
import dev.trainctl.orchestrator.fakes.FakeServiceQuotas;
import dev.trainctl.orchestrator.fakes.FakeSts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.pricing.PricingClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The account the train and tune API-model tests run against: fakes for STS, S3 (the bucket exists), Service
 * Quotas and prices, and the test's SageMaker and logs, every one behind one {@link RequestCapture}.
 */
public final class CapturedAccount {

    public final RequestCapture capture = new RequestCapture();
    public final FakeS3 s3 = new FakeS3(FakeSts.ACCOUNT);
    private final SageMakerClient sageMaker;
    private final CloudWatchLogsClient logs;

    public CapturedAccount(SageMakerClient sageMaker, CloudWatchLogsClient logs) {
        this.sageMaker = sageMaker;
        this.logs = logs;
        s3.exists = true;
    }

    /** The clients a command gets, in the region of {@code --region}. */
    public AwsClients clients(Invocation invocation) {
        AwsClients clients = AwsClients.create(invocation.global(), invocation.console(), Map.of())
                .using(capture.wrap(StsClient.class, FakeSts.user()))
                .using(capture.wrap(SageMakerClient.class, sageMaker))
                .using(capture.wrap(S3Client.class, s3))
                .using(capture.wrap(ServiceQuotasClient.class, new FakeServiceQuotas().withDefaults(4)))
                .using(capture.wrap(PricingClient.class, new FakePricing()));
        return logs == null ? clients : clients.using(capture.wrap(CloudWatchLogsClient.class, logs));
    }

    /** {@code trainctl --region eu-west-1 ARGS} with {@code commands}. */
    public static CliRun run(List<Command> commands, String... args) {
        List<String> all = new ArrayList<>(List.of("--region", "eu-west-1"));
        all.addAll(List.of(args));
        return CliRun.with(commands, all.toArray(String[]::new));
    }

    /** What a usage error (exit 2) said. */
    public static String refusal(CliRun run) {
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        return run.err();
    }
}
