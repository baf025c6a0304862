package dev.trainctl.orchestrator.provision;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.trainctl.orchestrator.account.CostGuardRow;
import dev.trainctl.orchestrator.aws.AwsClients;
import dev.trainctl.orchestrator.aws.ChangeExecutor;
import dev.trainctl.orchestrator.aws.ChangePrinter;
import dev.trainctl.orchestrator.aws.RoleReadiness;
import dev.trainctl.orchestrator.aws.Sleeper;
import dev.trainctl.orchestrator.cli.Command;
import dev.trainctl.orchestrator.cli.Console;
import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.GlobalOptions;
import dev.trainctl.orchestrator.cli.Invocation;
import dev.trainctl.orchestrator.cli.TrainctlException;
import dev.trainctl.orchestrator.jobsecurity.JobSecurity;
import dev.trainctl.orchestrator.policy.PolicyQuotas;
import dev.trainctl.orchestrator.names.Target;
import dev.trainctl.orchestrator.rolecheck.CheckResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code trainctl provision}: the execution role, the bucket and the ECR repository, idempotently; with
 * {@code --budget USD --notify EMAIL} also a monthly cost budget.
 */
public final class ProvisionCommand implements Command {

    private final BiFunction<GlobalOptions, Console, AwsClients> clients;
    private final Sleeper sleeper;
    private final Duration settle;

    public ProvisionCommand() {
        this(AwsClients::create, Sleeper.SYSTEM, RoleReadiness.DEFAULT_SETTLE);
    }

    /** For tests: clients with fakes, and a sleeper that does not sleep. */
    public ProvisionCommand(BiFunction<GlobalOptions, Console, AwsClients> clients, Sleeper sleeper, Duration settle) {
        this.clients = clients;
        this.sleeper = sleeper;
        this.settle = settle;
    }

    @Override
    public List<String> path() {
        return List.of("provision");
    }

    @Override
    public String summary() {
        return "create or repair the least-privilege execution role, the secure bucket and the ECR repository";
    }

    @Override
    public Options options() {
        return Target.addOptions(new Options())
                .addOption(Option.builder().longOpt("kms-key").hasArg().argName("KEY_ARN")
                        .desc("encrypt the bucket and repository with this KMS key (default: SSE-S3 / AES256); jobs"
                                + " use it for their output too, so the role may use it through S3 and SageMaker")
                        .get())
                .addOption(Option.builder().longOpt("volume-kms-key").hasArg().argName("KEY_ARN")
                        .desc("jobs encrypt their storage volume with this KMS key: the role may grant it to the"
                                + " volume (kms:CreateGrant for an AWS resource)").get())
                .addOption(Option.builder().longOpt("subnets").hasArg().argName("ID,...")
                        .desc("jobs run in these subnets of a private VPC (with --security-group-ids): the role may"
                                + " create and delete network interfaces there, and nowhere else").get())
                .addOption(Option.builder().longOpt("security-group-ids").hasArg().argName("ID,...")
                        .desc("the security groups of those network interfaces (with --subnets)").get())
                .addOption(Option.builder().longOpt("permissions-boundary").hasArg().argName("POLICY_ARN")
                        .desc("set this managed policy as the role's permissions boundary").get())
                .addOption(Option.builder().longOpt("max-session-duration").hasArg().argName("SECONDS")
                        .desc("the role's maximum session duration, 3600-43200 (default "
                                + ProvisionSettings.DEFAULT_MAX_SESSION_SECONDS + ")").get())
                .addOption(Option.builder().longOpt("budget").hasArg().argName("USD")
                        .desc("also create a monthly AWS Budgets cost budget NAME-monthly-cost of USD (with --notify)")
                        .get())
                .addOption(Option.builder().longOpt("notify").hasArg().argName("EMAIL")
                        .desc("with --budget: email this address at 80% of actual and 100% of forecast spend").get());
    }

    @Override
    public ExitCode run(Invocation invocation) throws Exception {
        Console console = invocation.console();
        boolean dryRun = invocation.global().dryRun();
        Optional<CostBudget.Ask> budgetAsk = CostBudget.Ask.parse(invocation.value("budget"),
                invocation.value("notify"));
        try (AwsClients aws = clients.apply(invocation.global(), console)) {
            JobSecurity security = JobSecurity.of(invocation.value("subnets"), invocation.value("security-group-ids"),
                    invocation.value("kms-key"), invocation.value("volume-kms-key"));
            refuseOverQuota(Target.resolve(aws, invocation, dryRun, Optional.of(SIZING_ACCOUNT)).names(), security,
                    invocation.value("permissions-boundary").isEmpty());
            Target target = Target.resolve(aws, invocation, dryRun, Optional.empty());
            Optional<CostBudget> costBudget = budgetAsk.map(ask -> new CostBudget(target.names(), ask));
            ProvisionSettings settings = new ProvisionSettings(target.names(), security,
                    invocation.value("permissions-boundary"), invocation.intValue("max-session-duration",
                            ProvisionSettings.DEFAULT_MAX_SESSION_SECONDS, 3600, 43200));
            target.notes().forEach(note -> console.warn("note: " + note));
            console.say("account " + target.identity().account() + ", region " + target.names().region() + ", name "
                    + target.names().name());
            Provisioner provisioner = new Provisioner(target.offline() ? null : aws.iam(),
                    target.offline() ? null : aws.s3(), target.offline() ? null : aws.ecr(),
                    target.offline() ? null : new RoleReadiness(aws.iam(), sleeper, settle),
                    target.offline() || costBudget.isEmpty() ? null : aws.budgets());
            ProvisionPlan plan = provisioner.plan(settings, target.offline(), costBudget);
            List<String> warnings = new ArrayList<>();
            List<String> notes = new ArrayList<>();
            if (costBudget.isEmpty() && !target.offline() && aws.endpointOverride().isEmpty()) {
                CheckResult guard = new CostGuardRow(aws.budgets(), aws.billingMetrics())
                        .row(target.identity().account());
                if (CostGuardRow.noneFound(guard)) {
                    notes.add("no cost budget or billing alarm in this account; add one with " + CostGuardRow.SUGGESTION);
                }
            }
            plan.notes().forEach(note -> (note.startsWith("WARNING") ? warnings : notes).add(note));
            notes.forEach(note -> console.say("note: " + note));
            warnings.forEach(console::warn);
            if (plan.noChanges()) {
                // A budget whose ownership cannot be told is left as it is, which its warning says; not "as it
                // should be".
                Optional<CostBudget> checked = costBudget.filter(b -> warnings.stream()
                        .noneMatch(w -> w.startsWith("WARNING: budget " + b.name())));
                console.say("no changes: role " + plan.names().roleName() + ", bucket " + plan.names().bucket()
                        + " and repository " + plan.names().repository()
                        + checked.map(b -> " and budget " + b.name()).orElse("") + " are as they should be");
            } else if (dryRun) {
                console.say("--dry-run: would send " + plan.changes().size() + " request(s); nothing was sent:");
                ChangePrinter.print(console, plan.changes(), true);
            } else {
                console.say(plan.changes().size() + " change(s):");
                ChangePrinter.print(console, plan.changes(), false);
                ChangeExecutor.Outcome outcome = provisioner.apply(plan, change -> console.verbose("sending "
                        + change.action() + " for " + change.resource()));
                outcome.warnings().forEach(console::warn);
                warnings.addAll(outcome.warnings());
                console.say("done: " + outcome.applied().size() + " change(s) applied"
                        + (outcome.warnings().isEmpty() ? "" : ", " + outcome.warnings().size() + " step(s) skipped "
                                + "by the endpoint (see warnings)"));
            }
            console.say("execution role " + plan.names().roleArn());
            console.say("bucket         s3://" + plan.names().bucket() + "/" + plan.names().name() + "/");
            console.say("repository     " + plan.names().repositoryUri());
            costBudget.ifPresent(b -> console.say("budget         " + b.arn()));
            JsonObject json = result(target, plan, dryRun, warnings, notes);
            costBudget.ifPresent(b -> json.addProperty("budget", b.arn()));
            console.result(json);
            return ExitCode.OK;
        }
    }

    /** Any account: an account id is always 12 digits, so the documents' sizes do not depend on which. */
    private static final String SIZING_ACCOUNT = "000000000000";

    /**
     * Refuses, before any AWS request, options whose documents IAM would reject for their size half-way through
     * the changes (in practice the boundary with many subnets and security groups).
     */
    static void refuseOverQuota(dev.trainctl.orchestrator.names.ResourceNames names, JobSecurity security,
            boolean ownBoundary) {
        PolicyQuotas.firstProblem(PolicyQuotas.provisioned(names, security, ownBoundary)).ifPresent(problem -> {
            throw TrainctlException.usage(problem + ": give fewer --subnets or --security-group-ids, a shorter --name,"
                    + " or your own --permissions-boundary");
        });
    }

    private static JsonObject result(Target target, ProvisionPlan plan, boolean dryRun, List<String> warnings,
            List<String> notes) {
        JsonObject json = new JsonObject();
        json.addProperty("account", target.identity().account());
        json.addProperty("placeholder_account", target.identity().placeholder());
        json.addProperty("region", plan.names().region());
        json.addProperty("name", plan.names().name());
        json.addProperty("role_arn", plan.names().roleArn());
        json.addProperty("bucket", plan.names().bucket());
        json.addProperty("repository", plan.names().repository());
        json.addProperty("repository_uri", plan.names().repositoryUri());
        json.addProperty("dry_run", dryRun);
        json.addProperty("changed", !plan.noChanges() && !dryRun);
        json.add("changes", ChangePrinter.toJson(plan.changes()));
        json.add("warnings", array(warnings));
        List<String> allNotes = new ArrayList<>(target.notes());
        allNotes.addAll(notes);
        json.add("notes", array(allNotes));
        return json;
    }

    private static JsonArray array(List<String> lines) {
        JsonArray array = new JsonArray();
        lines.forEach(array::add);
        return array;
    }
}
