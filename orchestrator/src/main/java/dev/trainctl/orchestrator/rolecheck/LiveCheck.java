package dev.trainctl.orchestrator.rolecheck;

import dev.trainctl.orchestrator.aws.AwsRequestJson;
import dev.trainctl.orchestrator.cli.Console;
import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.TrainctlException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Check 5, {@code --live}: shows the job request and its worst-case cost, asks (or takes {@code --yes}), runs the
 * job with the role, checks the artifact and the logs, and cleans up the job's outputs whatever happened.
 */
public final class LiveCheck {

    static final String RULE_JOB = "live.job";

    private final Optional<TrainingJobRunner> runner;
    private final LiveJobVerifier verifier;
    private final Confirmation confirmation;
    private final Console console;

    public LiveCheck(Optional<TrainingJobRunner> runner, LiveJobVerifier verifier, Confirmation confirmation,
            Console console) {
        this.runner = runner;
        this.verifier = verifier;
        this.confirmation = confirmation;
        this.console = console;
    }

    /**
     * The live rows; empty when the user declined or under {@code --dry-run}.
     *
     * @throws TrainctlException when this build cannot submit jobs (no runner), after the preview
     */
    public List<CheckResult> run(LiveJobPlan plan, JobScope scope, boolean dryRun) throws InterruptedException {
        console.say("Live check: one real SageMaker training job with this role");
        console.say("  job:        " + plan.jobName() + " (1 epoch, " + LiveJobPlan.SAMPLES + " samples)");
        console.say("  worst case: " + plan.cost().describe());
        console.say("  request:");
        console.say(AwsRequestJson.print(plan.request()).indent(4).stripTrailing());
        if (dryRun) {
            console.say("--dry-run: the job was not submitted");
            return List.of();
        }
        if (runner.isEmpty()) {
            throw new TrainctlException(ExitCode.FAILURE, "--live is not available in this build: submitting and "
                    + "following a SageMaker training job ('trainctl train --on sagemaker', issue 5) is not "
                    + "implemented yet; the job above was not submitted");
        }
        if (!confirmation.confirm("Start " + plan.jobName() + " (" + plan.cost().describe() + ")?")) {
            console.say("not started");
            return List.of();
        }
        List<CheckResult> rows = new ArrayList<>();
        try {
            TrainingJobRunner.Outcome outcome = runner.get().run(plan.request());
            if (outcome.completed()) {
                rows.add(CheckResult.pass(RULE_JOB, plan.jobName() + " completed (" + outcome.billableSeconds()
                        + " billable seconds)"));
            } else {
                rows.add(CheckResult.fail(RULE_JOB, plan.jobName() + " ended " + outcome.status()
                        + (outcome.failureReason() == null ? "" : ": " + outcome.failureReason()),
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
