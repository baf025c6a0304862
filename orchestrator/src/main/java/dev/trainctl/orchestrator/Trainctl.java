package dev.trainctl.orchestrator;

import dev.trainctl.orchestrator.cli.CommandLineInterface;
import dev.trainctl.orchestrator.train.CpuNatives;

/** The {@code trainctl} entry point. */
public final class Trainctl {

    private Trainctl() {}

    public static void main(String[] args) {
        CpuNatives.install(System.getenv(), System.err);
        int code = new CommandLineInterface(version(), Commands.all(), Commands.VALUE_PROBLEMS, System.out,
                System.err).run(args);
        System.out.flush();
        System.exit(code);
    }

    /** The version from the jar manifest, or "dev" when run from classes. */
    public static String version() {
        String version = Trainctl.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
