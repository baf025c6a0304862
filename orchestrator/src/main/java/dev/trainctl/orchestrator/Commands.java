package dev.trainctl.orchestrator;

import dev.trainctl.orchestrator.cli.Command;
import java.util.List;

/** Every trainctl command. Each lives in the package named after it. */
public final class Commands {

    private Commands() {}

    public static List<Command> all() {
        return List.of(
                new dev.trainctl.orchestrator.whoami.WhoamiCommand(),
                new dev.trainctl.orchestrator.provision.ProvisionCommand(),
                new dev.trainctl.orchestrator.policy.PolicyShowCommand(),
                new dev.trainctl.orchestrator.teardown.TeardownCommand()
        );
    }
}
