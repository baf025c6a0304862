package dev.trainctl.orchestrator.whoami;

import com.google.gson.JsonObject;
import dev.trainctl.orchestrator.aws.AwsClients;
import dev.trainctl.orchestrator.aws.CallerIdentity;
import dev.trainctl.orchestrator.cli.Command;
import dev.trainctl.orchestrator.cli.Console;
import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.GlobalOptions;
import dev.trainctl.orchestrator.cli.Invocation;
import java.util.List;
import java.util.function.BiFunction;
import org.apache.commons.cli.Options;

/** {@code trainctl whoami}: the account, the caller's ARN, what kind of principal it is, and the region. */
public final class WhoamiCommand implements Command {

    private final BiFunction<GlobalOptions, Console, AwsClients> clients;

    public WhoamiCommand() {
        this(AwsClients::create);
    }

    public WhoamiCommand(BiFunction<GlobalOptions, Console, AwsClients> clients) {
        this.clients = clients;
    }

    @Override
    public List<String> path() {
        return List.of("whoami");
    }

    @Override
    public String summary() {
        return "show the AWS account, identity (user, role or root) and region trainctl will use";
    }

    @Override
    public Options options() {
        return new Options();
    }

    @Override
    public ExitCode run(Invocation invocation) {
        Console console = invocation.console();
        try (AwsClients aws = clients.apply(invocation.global(), console)) {
            String region = aws.region().id();
            CallerIdentity identity = CallerIdentity.lookup(aws.sts());
            console.say("account  " + identity.account());
            console.say("arn      " + identity.arn());
            console.say("kind     " + describe(identity));
            console.say("region   " + region);
            aws.endpointOverride().ifPresent(uri -> console.say("endpoint " + uri));
            advice(identity).forEach(console::warn);
            JsonObject json = new JsonObject();
            json.addProperty("account", identity.account());
            json.addProperty("arn", identity.arn());
            json.addProperty("user_id", identity.userId());
            json.addProperty("kind", identity.kind().name().toLowerCase(java.util.Locale.ROOT));
            json.addProperty("region", region);
            identity.roleArn().ifPresent(arn -> json.addProperty("role_arn", arn));
            console.result(json);
            return ExitCode.OK;
        }
    }

    static String describe(CallerIdentity identity) {
        return switch (identity.kind()) {
            case ROOT -> "root user of the account";
            case USER -> "IAM user " + identity.principalName() + " (long-term access keys)";
            case ASSUMED_ROLE -> "role " + identity.principalName().split("/", 2)[0] + " (temporary credentials, session "
                    + identity.principalName().split("/", 2)[1] + ")";
            case FEDERATED_USER -> "federated user " + identity.principalName();
            case OTHER -> "principal " + identity.principalName();
        };
    }

    static List<String> advice(CallerIdentity identity) {
        if (identity.kind() == CallerIdentity.Kind.ROOT) {
            return List.of("WARNING: these are the account's root user credentials. AWS advises against using root "
                    + "for everyday tasks: create an IAM Identity Center user or an IAM role, give it the policy from "
                    + "'trainctl policy show caller', and use that instead.");
        }
        return List.of();
    }
}
