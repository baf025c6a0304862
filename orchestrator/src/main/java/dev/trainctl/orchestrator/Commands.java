package dev.trainctl.orchestrator;

import dev.trainctl.orchestrator.cli.Command;
import dev.trainctl.orchestrator.rolecheck.RoleCheckCommand;
import java.util.List;

/** Every trainctl command. Each lives in the package named after it. */
public final class Commands {

    private Commands() {}

    public static List<Command> all() {
        return List.of(
                new RoleCheckCommand()
        );
    }
}
