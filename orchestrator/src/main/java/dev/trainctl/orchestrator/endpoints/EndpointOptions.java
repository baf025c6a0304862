package dev.trainctl.orchestrator.endpoints;

import dev.trainctl.orchestrator.aws.AwsClients;
import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.Invocation;
import dev.trainctl.orchestrator.cli.OptionRules;
import dev.trainctl.orchestrator.cli.TrainctlException;
import dev.trainctl.orchestrator.names.JobNames;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code --endpoint NAME} and {@code --on sagemaker|emulated}, shared by {@code predict} and {@code evaluate}:
 * ask a deployed endpoint instead of loading the model here, through SageMaker Runtime's InvokeEndpoint (the
 * emulated endpoint answers the same call).
 */
public final class EndpointOptions {

    private EndpointOptions() {}

    public static Options addTo(Options options) {
        return options
                .addOption(Option.builder().longOpt("endpoint").hasArg().argName("NAME")
                        .desc("ask this endpoint ('trainctl deploy' printed its name) instead of loading --model").get())
                .addOption(Option.builder().longOpt("on").hasArg().argName("sagemaker|emulated")
                        .desc("with --endpoint: a SageMaker endpoint (default) or one 'deploy --on emulated' runs"
                                + " here").get());
    }

    /** What goes with {@code --endpoint}, and what does not (the options of a model loaded here). */
    public static OptionRules rules(OptionRules rules) {
        return rules.requires("on", "endpoint").conflicts("endpoint", "model").conflicts("device", "endpoint")
                .conflicts("threads", "endpoint");
    }

    /**
     * The clients whose {@link AwsClients#sageMakerRuntime()} reaches the endpoint: AWS's, or the emulation's
     * address with its secret. The caller closes them.
     */
    public static AwsClients clients(Invocation invocation, String endpoint, Map<String, String> env) {
        String on = invocation.value("on", "sagemaker").trim();
        AwsClients aws = AwsClients.create(invocation.global(), invocation.console());
        switch (on) {
            case "sagemaker":
                return aws;
            case "emulated":
                EmulatedEndpoints registry = EmulatedEndpoints.forUser(env);
                EmulatedEndpoints.Lookup lookup;
                try {
                    lookup = registry.lookup(endpoint);
                } catch (IOException e) {
                    throw new TrainctlException(ExitCode.FAILURE, "cannot read " + registry.directory() + ": "
                            + e.getMessage(), e);
                }
                String start = ": start it with 'trainctl deploy --on emulated --job " + endpoint + "'";
                if (lookup.removedStale().isPresent()) {
                    throw new TrainctlException(ExitCode.DATA, lookup.staleRemoved() + start);
                }
                return aws.using(EmulatedRuntimeClient.of(lookup.running().orElseThrow(() -> new TrainctlException(
                        ExitCode.DATA, "no emulated endpoint " + endpoint + " is running for you" + start))));
            default:
                throw TrainctlException.usage("--on must be sagemaker or emulated, got '" + on + "'");
        }
    }

    /** The endpoint's name, checked. */
    public static Optional<String> endpoint(Invocation invocation) {
        return invocation.value("endpoint").map(name -> TrainctlException.usageIfInvalid(() -> JobNames.validate(
                name)));
    }
}
