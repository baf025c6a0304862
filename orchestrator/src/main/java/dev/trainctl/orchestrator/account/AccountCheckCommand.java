package dev.trainctl.orchestrator.account;

import dev.trainctl.orchestrator.aws.AwsClients;
import dev.trainctl.orchestrator.aws.CallerIdentity;
import dev.trainctl.orchestrator.cli.Command;
import dev.trainctl.orchestrator.cli.Console;
import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.GlobalOptions;
import dev.trainctl.orchestrator.cli.Invocation;
import dev.trainctl.orchestrator.cli.TrainctlException;
import dev.trainctl.orchestrator.trainingjob.InstanceTypes;
import dev.trainctl.orchestrator.jobs.OnDemandPrices;
import dev.trainctl.orchestrator.jobs.PriceQuote;
import java.time.Clock;
import java.util.List;
import java.util.function.BiFunction;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import software.amazon.awssdk.regions.Region;

/**
 * {@code trainctl account check}: the tutorial's safety practices as a PASS / WARN / FAIL table (root keys and MFA,
 * who the caller is, CloudTrail, a budget or billing alarm, the training quota, the region); read-only; exits
 * {@link ExitCode#CHECK_FAILED} when a row fails.
 */
public final class AccountCheckCommand implements Command {

    private final BiFunction<GlobalOptions, Console, AwsClients> clients;
    private final Clock clock;

    public AccountCheckCommand() {
        this(AwsClients::create, Clock.systemUTC());
    }

    /** For tests: fake clients, and a fixed clock for the access keys' age. */
    public AccountCheckCommand(BiFunction<GlobalOptions, Console, AwsClients> clients, Clock clock) {
        this.clients = clients;
        this.clock = clock;
    }

    @Override
    public List<String> path() {
        return List.of("account", "check");
    }

    @Override
    public String summary() {
        return "check the account's safety basics: root keys and MFA, who you are, CloudTrail, a cost guard, quotas";
    }

    @Override
    public Options options() {
        return new Options().addOption(Option.builder().longOpt("instance-type").hasArg().argName("TYPE")
                .desc("training instance type whose quota and price to check (default: " + InstanceTypes.DEFAULT
                        + ")").get());
    }

    @Override
    public ExitCode run(Invocation invocation) {
        String instanceType;
        try {
            instanceType = InstanceTypes.choose(invocation.value("instance-type").orElse(null), false);
        } catch (IllegalArgumentException e) {
            throw TrainctlException.usage("--instance-type: " + e.getMessage());
        }
        Console console = invocation.console();
        try (AwsClients aws = clients.apply(invocation.global(), console)) {
            Region region = aws.region();
            CallerIdentity caller = CallerIdentity.lookup(aws.sts());
            PriceQuote price = OnDemandPrices.quote(aws.pricing(), instanceType, region.id());
            AccountReport report = new AccountCheck(new AccountCheck.Clients(aws.iam(), aws.cloudTrail(),
                    aws.budgets(), aws.billingMetrics(), aws.serviceQuotas()), clock.instant())
                    .run(caller, region, instanceType, aws.endpointOverride().isPresent(), price);
            if (console.json()) {
                console.result(report.toJson());
            } else {
                console.out().print(report.text());
            }
            return report.exitCode();
        }
    }
}
