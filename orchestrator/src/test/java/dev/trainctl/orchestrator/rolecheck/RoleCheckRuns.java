package dev.trainctl.orchestrator.rolecheck;

import dev.trainctl.orchestrator.cli.CliRun;

/** {@code trainctl role check} on trainctl's own role, against the simulating IAM fake, for tests outside this package. */
public final class RoleCheckRuns {

    private RoleCheckRuns() {}

    public static CliRun onOurRole(String... options) {
        String[] args = new String[options.length + 4];
        System.arraycopy(new String[] {"role", "check", "--role-arn", RoleCheckCommandTest.ROLE_ARN}, 0, args, 0, 4);
        System.arraycopy(options, 0, args, 4, options.length);
        RoleCheckCommandTest.Run run = RoleCheckCommandTest.run(Corpus.iam(Corpus.ours()), args);
        return new CliRun(run.code(), run.out(), run.err());
    }
}
