package dev.trainctl.orchestrator.deploy;

import dev.trainctl.orchestrator.aws.AwsClients;
import dev.trainctl.orchestrator.aws.ChangeExecutor;
import dev.trainctl.orchestrator.aws.ChangePrinter;
import dev.trainctl.orchestrator.cli.Command;
import dev.trainctl.orchestrator.cli.Console;
import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.Invocation;
import dev.trainctl.orchestrator.cli.OptionRules;
import dev.trainctl.orchestrator.cli.TrainctlException;
import dev.trainctl.orchestrator.endpoints.EmulatedEndpoints;
import dev.trainctl.orchestrator.endpoints.ServingTeardown;
import dev.trainctl.orchestrator.names.JobNames;
import dev.trainctl.orchestrator.names.Target;
import dev.trainctl.training.serving.InferenceServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code trainctl undeploy ENDPOINT}: on SageMaker, deletes the endpoint, its endpoint config and its model, each
 * only if it carries trainctl's tags for the name; emulated, stops the running emulation (which removes its
 * registration and files, and stops its container).
 */
public final class UndeployCommand implements Command {

    private final Function<Invocation, AwsClients> clients;
    private final Map<String, String> environment;

    public UndeployCommand() {
        this(invocation -> AwsClients.create(invocation.global(), invocation.console()), System.getenv());
    }

    public UndeployCommand(Function<Invocation, AwsClients> clients, Map<String, String> environment) {
        this.clients = clients;
        this.environment = environment;
    }

    @Override
    public List<String> path() {
        return List.of("undeploy");
    }

    @Override
    public String summary() {
        return "delete an endpoint that deploy created, with its config and model (or stop an emulated one)";
    }

    @Override
    public String arguments() {
        return "ENDPOINT";
    }

    @Override
    public OptionRules rules() {
        return OptionRules.modes("on", "sagemaker", "emulated")
                .onlyIn(Set.of("sagemaker"), "dry-run", "bucket")
                .warnUnlessIn(Set.of("sagemaker"), OptionRules.AWS_GLOBALS.toArray(String[]::new));
    }

    @Override
    public Options options() {
        Options options = Target.addOptions(new Options());
        options.getOption("bucket").setDescription("sagemaker: " + options.getOption("bucket").getDescription());
        return options
                .addOption(Option.builder().longOpt("on").hasArg().argName("sagemaker|emulated")
                        .desc("a SageMaker endpoint (default) or an emulated one running on this machine").get());
    }

    @Override
    public ExitCode run(Invocation invocation) throws Exception {
        invocation.requireArguments(1, "the endpoint's name (deploy printed it)");
        String endpoint = TrainctlException.usageIfInvalid(() -> JobNames.validate(invocation.arguments().get(0)));
        String on = invocation.value("on", "sagemaker").trim();
        return switch (on) {
            case "sagemaker" -> onSageMaker(invocation, endpoint);
            case "emulated" -> emulated(invocation.console(), endpoint);
            default -> throw TrainctlException.usage("--on must be sagemaker or emulated, got '" + on + "'");
        };
    }

    private ExitCode onSageMaker(Invocation invocation, String endpoint) throws InterruptedException {
        Console console = invocation.console();
        boolean dryRun = invocation.global().dryRun();
        try (AwsClients aws = clients.apply(invocation)) {
            Target target = Target.resolve(aws, invocation, false, Optional.empty());
            ServingTeardown.Plan plan = new ServingTeardown(aws.sageMaker()).forEndpoint(target.names(), endpoint);
            plan.notes().forEach(console::say);
            if (plan.changes().isEmpty()) {
                console.say("nothing of " + endpoint + " to delete");
                console.result(Map.of("endpoint_name", endpoint, "deleted", List.of()));
                return ExitCode.OK;
            }
            ChangePrinter.print(console, plan.changes(), dryRun);
            if (dryRun) {
                console.say("--dry-run: nothing was deleted");
                return ExitCode.OK;
            }
            new ChangeExecutor(null, null, null, null).with(aws.sageMaker()).execute(plan.changes(),
                    change -> console.verbose("sending " + change.action() + " for " + change.resource()));
            console.say("deleted " + String.join(", ", plan.changes().stream().map(c -> c.resource()).toList())
                    + "; the endpoint bills no more");
            console.result(Map.of("endpoint_name", endpoint, "deleted", plan.changes().stream()
                    .map(c -> c.resource()).toList()));
            return ExitCode.OK;
        }
    }

    private ExitCode emulated(Console console, String endpoint) throws IOException, InterruptedException {
        EmulatedEndpoints registry = EmulatedEndpoints.forUser(environment);
        EmulatedEndpoints.Lookup lookup = registry.lookup(endpoint);
        if (lookup.removedStale().isPresent()) {
            console.say(lookup.staleRemoved() + "; nothing is left running");
            console.result(Map.of("endpoint_name", endpoint, "stopped", false, "stale_registration_removed", true));
            return ExitCode.OK;
        }
        EmulatedEndpoints.Entry entry = lookup.running().orElseThrow(() -> new TrainctlException(
                ExitCode.DATA, "no emulated endpoint " + endpoint + " is running for you (registry: "
                        + registry.directory() + "); 'trainctl deploy --on emulated' starts one"));
        try {
            HttpResponse<Void> answer = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build().send(
                    HttpRequest.newBuilder(URI.create(entry.url()).resolve(RuntimeFront.STOP))
                            .header(InferenceServer.TOKEN_HEADER, entry.token())
                            .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (answer.statusCode() != 202) {
                throw new TrainctlException(ExitCode.FAILURE, "the server at " + entry.url() + " refused to stop ("
                        + answer.statusCode() + "): it is not this emulated endpoint; " + registry.directory()
                        + "/" + endpoint + ".json is stale, delete it");
            }
        } catch (java.net.ConnectException e) {
            throw new TrainctlException(ExitCode.FAILURE, "emulated endpoint " + endpoint + " (process "
                    + entry.pid() + ") runs but does not answer at " + entry.url() + ": stop it with Ctrl-C in its"
                    + " terminal, or 'kill " + entry.pid() + "'", e);
        }
        // The deploy process removes the registration once its container has stopped and its files are gone.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (registry.find(endpoint).filter(e -> e.token().equals(entry.token())).isPresent()) {
            if (System.nanoTime() > deadline) {
                console.warn("warning: emulated endpoint " + endpoint + " (process " + entry.pid() + ") has not"
                        + " finished stopping within 30 s");
                break;
            }
            Thread.sleep(100);
        }
        console.say("emulated endpoint " + endpoint + " stopped; nothing is left running");
        console.result(Map.of("endpoint_name", endpoint, "stopped", true));
        return ExitCode.OK;
    }
}
