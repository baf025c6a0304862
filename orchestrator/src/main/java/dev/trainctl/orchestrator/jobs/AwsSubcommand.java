package dev.trainctl.orchestrator.jobs;

import dev.trainctl.orchestrator.aws.AwsClients;
import dev.trainctl.orchestrator.cli.Command;
import dev.trainctl.orchestrator.cli.Invocation;
import java.util.List;
import java.util.function.Function;
import org.apache.commons.cli.Options;

/**
 * A subcommand of a group such as {@code jobs} or {@code tune}: its words, its one-line summary, the positional
 * argument it takes (none by default) and the AWS clients it talks to; no options unless it adds some.
 */
public abstract class AwsSubcommand implements Command {

    protected final Function<Invocation, AwsClients> clients;
    private final List<String> path;
    private final String summary;
    private final String arguments;

    protected AwsSubcommand(String group, String verb, String arguments, String summary,
            Function<Invocation, AwsClients> clients) {
        this.path = List.of(group, verb);
        this.arguments = arguments;
        this.summary = summary;
        this.clients = clients;
    }

    @Override
    public final List<String> path() {
        return path;
    }

    @Override
    public final String summary() {
        return summary;
    }

    @Override
    public final String arguments() {
        return arguments;
    }

    @Override
    public Options options() {
        return new Options();
    }
}
