package dev.trainctl.orchestrator.teardown;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.trainctl.orchestrator.aws.AwsClients;
import dev.trainctl.orchestrator.aws.Change;
import dev.trainctl.orchestrator.aws.ChangeExecutor;
import dev.trainctl.orchestrator.aws.ChangePrinter;
import dev.trainctl.orchestrator.aws.RoleReadiness;
import dev.trainctl.orchestrator.aws.Sleeper;
import dev.trainctl.orchestrator.cli.Command;
import dev.trainctl.orchestrator.endpoints.ServingTeardown;
import dev.trainctl.orchestrator.cli.Console;
import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.GlobalOptions;
import dev.trainctl.orchestrator.cli.Invocation;
import dev.trainctl.orchestrator.cli.TrainctlException;
import dev.trainctl.orchestrator.names.Target;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code trainctl teardown}: deletes what {@code provision} created for a name (role, repository, bucket, cost
 * budget), and nothing else.
 */
public final class TeardownCommand implements Command {

    private final BiFunction<GlobalOptions, Console, AwsClients> clients;
    private final Supplier<BufferedReader> stdin;

    public TeardownCommand() {
        this(AwsClients::create, () -> new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
    }

    /** For tests: fake clients and a scripted answer to the confirmation prompt. */
    public TeardownCommand(BiFunction<GlobalOptions, Console, AwsClients> clients, Supplier<BufferedReader> stdin) {
        this.clients = clients;
        this.stdin = stdin;
    }

    @Override
    public List<String> path() {
        return List.of("teardown");
    }

    @Override
    public String summary() {
        return "delete the endpoints deploy created and the roles, repository and bucket provision created (only"
                + " those tagged for --name)";
    }

    @Override
    public Options options() {
        return Target.addOptions(new Options())
                .addOption(Option.builder().longOpt("yes").desc("do not ask for confirmation").get())
                .addOption(Option.builder().longOpt("delete-data")
                        .desc("also delete the bucket's objects (every version) and the repository's images").get());
    }

    @Override
    public ExitCode run(Invocation invocation) throws Exception {
        Console console = invocation.console();
        boolean dryRun = invocation.global().dryRun();
        boolean deleteData = invocation.has("delete-data");
        try (AwsClients aws = clients.apply(invocation.global(), console)) {
            Target target = Target.resolve(aws, invocation, false, Optional.empty());
            TeardownPlan plan = withServing(withBudget(new TeardownPlanner(aws.iam(), aws.s3(), aws.ecr())
                    .plan(target.names(), deleteData, invocation.value("bucket").isPresent()), aws), aws);
            for (String note : plan.notes()) {
                if (note.startsWith("WARNING")) {
                    console.warn(note);
                } else {
                    console.say(note);
                }
            }
            if (!plan.blockers().isEmpty()) {
                throw new TrainctlException(ExitCode.AWS_CONFLICT, "refusing to tear down '" + target.names().name()
                        + "': " + String.join("; ", plan.blockers()) + ". Pass --delete-data to delete that data too "
                        + "(every object version); nothing was deleted");
            }
            if (plan.changes().isEmpty()) {
                console.say("nothing to tear down for '" + target.names().name() + "'");
                console.result(result(plan, dryRun, false));
                return ExitCode.OK;
            }
            console.say((dryRun ? "--dry-run: would send " : "will send ") + plan.changes().size()
                    + " delete request(s):");
            ChangePrinter.print(console, plan.changes(), dryRun);
            if (dryRun) {
                console.say("--dry-run: nothing was deleted");
                console.result(result(plan, true, false));
                return ExitCode.OK;
            }
            if (!invocation.has("yes")) {
                confirm(console, target);
            }
            ChangeExecutor.Outcome outcome = new ChangeExecutor(aws.iam(), aws.s3(), aws.ecr(),
                    new RoleReadiness(aws.iam(), Sleeper.NONE, Duration.ZERO), aws.budgets()).with(aws.sageMaker())
                    .execute(plan.changes(), change -> console.verbose("sending " + change.action() + " for "
                            + change.resource()));
            outcome.warnings().forEach(console::warn);
            console.say("done: " + outcome.applied().size() + " delete request(s) sent");
            console.result(result(plan, false, true));
            return ExitCode.OK;
        }
    }

    /**
     * The plan with the cost budget's removal added (last: it guards spending until the rest is gone). On an endpoint
     * (--endpoint-url) it is looked for too, since {@code provision --budget} makes it there; an endpoint without
     * Budgets (S3Proxy) gets a note saying so.
     */
    private static TeardownPlan withBudget(TeardownPlan plan, AwsClients aws) {
        BudgetTeardown.Part budget = new BudgetTeardown(aws.budgets()).plan(plan.names());
        List<Change> changes = new ArrayList<>(plan.changes());
        changes.addAll(budget.changes());
        List<String> notes = new ArrayList<>(plan.notes());
        notes.addAll(budget.notes());
        return new TeardownPlan(plan.names(), changes, notes, plan.blockers());
    }

    /**
     * The plan with the name's endpoints, endpoint configs and models first (an endpoint bills while it exists, and
     * the serving role must outlive the endpoints that use it). An S3-compatible endpoint with no SageMaker has none.
     */
    private static TeardownPlan withServing(TeardownPlan plan, AwsClients aws) {
        ServingTeardown.Plan serving;
        try {
            serving = new ServingTeardown(aws.sageMaker()).forName(plan.names());
        } catch (TrainctlException e) {
            if (aws.endpointOverride().isEmpty()) {
                throw e;
            }
            List<String> notes = new ArrayList<>(plan.notes());
            notes.add("endpoints: not looked for (" + aws.endpointOverride().get() + " has no SageMaker)");
            return new TeardownPlan(plan.names(), plan.changes(), notes, plan.blockers());
        }
        List<Change> changes = new ArrayList<>(serving.changes());
        changes.addAll(plan.changes());
        List<String> notes = new ArrayList<>(serving.notes());
        notes.addAll(plan.notes());
        return new TeardownPlan(plan.names(), changes, notes, plan.blockers());
    }

    private void confirm(Console console, Target target) {
        console.warn("Delete these resources of '" + target.names().name() + "' in account "
                + target.identity().account() + "? Type 'yes' to continue:");
        String answer;
        try {
            answer = stdin.get().readLine();
        } catch (IOException e) {
            answer = null;
        }
        if (answer == null) {
            throw TrainctlException.usage("teardown needs a confirmation and there is no input to read it from: "
                    + "pass --yes to delete without asking (or --dry-run to only list)");
        }
        if (!answer.trim().toLowerCase(Locale.ROOT).equals("yes")) {
            throw new TrainctlException(ExitCode.FAILURE, "teardown cancelled (answer was not 'yes'); nothing was "
                    + "deleted");
        }
    }

    private static JsonObject result(TeardownPlan plan, boolean dryRun, boolean deleted) {
        JsonObject json = new JsonObject();
        json.addProperty("name", plan.names().name());
        json.addProperty("role_arn", plan.names().roleArn());
        json.addProperty("bucket", plan.names().bucket());
        json.addProperty("repository", plan.names().repository());
        json.addProperty("dry_run", dryRun);
        json.addProperty("deleted", deleted);
        json.add("changes", ChangePrinter.toJson(plan.changes()));
        JsonArray notes = new JsonArray();
        plan.notes().forEach(notes::add);
        json.add("notes", notes);
        return json;
    }
}
