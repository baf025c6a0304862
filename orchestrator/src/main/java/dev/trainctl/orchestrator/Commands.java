package dev.trainctl.orchestrator;

import dev.trainctl.orchestrator.account.AccountCheckCommand;
import dev.trainctl.orchestrator.cli.Command;
import dev.trainctl.orchestrator.data.DataFetchCommand;
import dev.trainctl.orchestrator.names.BucketNames;
import dev.trainctl.orchestrator.deploy.DeployCommand;
import dev.trainctl.orchestrator.deploy.UndeployCommand;
import dev.trainctl.orchestrator.doctor.DoctorCommand;
import dev.trainctl.orchestrator.evaluate.EvaluateCommand;
import dev.trainctl.orchestrator.image.ImagePushCommand;
import dev.trainctl.orchestrator.jobs.JobsCommands;
import dev.trainctl.orchestrator.policy.PolicyLintCommand;
import dev.trainctl.orchestrator.policy.PolicyShowCommand;
import dev.trainctl.orchestrator.policy.PolicySimulateCommand;
import dev.trainctl.orchestrator.predict.PredictCommand;
import dev.trainctl.orchestrator.provision.ProvisionCommand;
import dev.trainctl.orchestrator.report.ReportCommand;
import dev.trainctl.orchestrator.rolecheck.RoleCheckCommand;
import dev.trainctl.orchestrator.s3serve.S3ServeCommand;
import dev.trainctl.orchestrator.teardown.TeardownCommand;
import dev.trainctl.orchestrator.train.TrainCommand;
import dev.trainctl.orchestrator.whoami.WhoamiCommand;
import dev.trainctl.orchestrator.tune.TuneCommand;
import dev.trainctl.orchestrator.tune.TuneCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Every trainctl command. Each lives in the package named after it. */
public final class Commands {

    private Commands() {}

    /** Values refused whichever command takes the option: a bucket name S3 refuses (exit 2, before anything runs). */
    public static final Map<String, Function<String, Optional<String>>> VALUE_PROBLEMS = Map.of("bucket",
            BucketNames::optionProblem);

    public static List<Command> all() {
        List<Command> commands = new ArrayList<>(List.of(
                new TrainCommand(),
                new DataFetchCommand(),
                new EvaluateCommand(),
                new PredictCommand(),
                new ReportCommand(),
                new DoctorCommand(),
                new WhoamiCommand(),
                new ProvisionCommand(),
                new PolicyShowCommand(),
                new PolicySimulateCommand(),
                new PolicyLintCommand(),
                new TeardownCommand(),
                new RoleCheckCommand(),
                new S3ServeCommand(),
                new ImagePushCommand(),
                new AccountCheckCommand(),
                new DeployCommand(),
                new UndeployCommand()));
        commands.add(new TuneCommand());
        commands.addAll(JobsCommands.all());
        commands.addAll(TuneCommands.all());
        return List.copyOf(commands);
    }
}
