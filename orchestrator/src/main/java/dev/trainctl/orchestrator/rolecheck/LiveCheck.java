package dev.trainctl.orchestrator.rolecheck;

import dev.trainctl.orchestrator.aws.AwsRequestJson;
import dev.trainctl.orchestrator.cli.Console;
import dev.trainctl.orchestrator.cli.TerminalText;
import dev.trainctl.orchestrator.cli.TrainctlException;
import dev.trainctl.orchestrator.jobs.PriceQuote;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Check 5, {@code --live}: shows the job request and its worst-case cost, asks (or takes {@code --yes}), runs the
 * job with the role, checks the artifact and the logs, and cleans up the job's outputs once the job has ended.
 */
public final class LiveCheck {

    static final String RULE_JOB = "live.job";

    private final TrainingJobRunner runner;
    private final LiveJobVerifier verifier;
    private final Confirmation confirmation;
    private final Console console;
    private final Optional<PriceQuote> price;

    /** With the dated price table's cost. */
    public LiveCheck(TrainingJobRunner runner, LiveJobVerifier verifier, Confirmation confirmation, Console console) {
        this(runner, verifier, confirmation, console, Optional.empty());
    }

    /** With the price the cost is shown at (live from the Price List API where permitted). */
    public LiveCheck(TrainingJobRunner runner, LiveJobVerifier verifier, Confirmation confirmation, Console console,
            PriceQuote price) {
        this(runner, verifier, confirmation, console, Optional.of(price));
    }

    private LiveCheck(TrainingJobRunner runner, LiveJobVerifier verifier, Confirmation confirmation, Console console,
            Optional<PriceQuote> price) {
        this.runner = runner;
        this.verifier = verifier;
        this.confirmation = confirmation;
        this.console = console;
        this.price = price;
    }

    /**
     * The live rows; empty when the user declined or under {@code --dry-run}.
     *
     * @throws TrainctlException when the job cannot be started (translated AWS errors), or Ctrl-C detached from it
     *     (then it is still running: its outputs are left alone and the user is told how to stop it and clean up)
     */
    public List<CheckResult> run(LiveJobPlan plan, JobScope scope, boolean dryRun) {
        console.say("Live check: one real SageMaker training job with this role");
        console.say("  job:     " + plan.jobName() + " (1 epoch, " + LiveJobPlan.SAMPLES + " samples, "
                + LiveJobPlan.INSTANCE_TYPE + ", stopped after " + LiveJobPlan.MAX_RUNTIME_SECONDS + " s at most)");
        String worstCase = price.map(p -> p.worstCase(LiveJobPlan.MAX_RUNTIME_SECONDS)).orElseGet(plan::worstCase);
        console.say("  cost:    " + worstCase);
        console.say("  data:    the MNIST files go to " + plan.spec().trainData() + " first (only those missing or "
                + "changed)");
        console.say("  request:");
        console.say(AwsRequestJson.print(plan.request(), AwsRequestJson.Form.of(console)).indent(4).stripTrailing());
        if (dryRun) {
            console.say("--dry-run: no data was uploaded and the job was not submitted");
            return List.of();
        }
        if (!confirmation.confirm("Start " + plan.jobName() + " (" + worstCase + ")?")) {
            console.say("not started");
            return List.of();
        }
        // Throws when the job did not start or was left running (Ctrl-C): no cleanup then, it would race the job.
        TrainingJobRunner.Outcome outcome = runner.run(plan.spec(), () -> console.warn("role check did not clean up "
                + "after " + plan.jobName() + ": once it has ended, delete what it wrote: "
                + LiveJobVerifier.removeCommands(plan.outputPrefixes())));
        List<CheckResult> rows = new ArrayList<>();
        try {
            if (outcome.completed()) {
                rows.add(CheckResult.pass(RULE_JOB, plan.jobName() + " completed (" + outcome.billableSeconds()
                        + " billable seconds)"));
            } else {
                rows.add(CheckResult.fail(RULE_JOB, plan.jobName() + " ended " + outcome.status()
                        + (outcome.failureReason() == null ? "" : ": " + TerminalText.escape(outcome.failureReason())),
                        "read the reason and the logs ('trainctl jobs logs " + plan.jobName() + "'); an AccessDenied "
                                + "there names the permission the role lacks"));
            }
            rows.addAll(verifier.verify(plan, scope));
        } finally {
            rows.add(verifier.cleanUp(plan, scope));
        }
        return rows;
    }
}
