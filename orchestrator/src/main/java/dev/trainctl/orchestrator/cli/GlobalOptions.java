package dev.trainctl.orchestrator.cli;

import java.net.URI;
import java.util.Optional;

/**
 * The options every command accepts.
 *
 * @param region AWS region, else the SDK's default chain ({@code AWS_REGION}, profile)
 * @param profile AWS profile, else {@code AWS_PROFILE} or the default chain
 * @param endpointUrl any AWS-compatible endpoint for every service, else {@code AWS_ENDPOINT_URL}
 * @param dryRun print each mutating AWS request as JSON instead of sending it
 * @param output text for people, json for scripts
 * @param verbose log each AWS call and print stack traces
 */
public record GlobalOptions(Optional<String> region, Optional<String> profile, Optional<URI> endpointUrl,
        boolean dryRun, OutputFormat output, boolean verbose) {

    public static GlobalOptions defaults() {
        return new GlobalOptions(Optional.empty(), Optional.empty(), Optional.empty(), false, OutputFormat.TEXT, false);
    }

    public boolean json() {
        return output == OutputFormat.JSON;
    }
}
