package dev.trainctl.orchestrator.account;

import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.rolecheck.CheckResult;
import dev.trainctl.orchestrator.rolecheck.CheckTable;
import dev.trainctl.orchestrator.rolecheck.ReportPrinter;
import dev.trainctl.orchestrator.rolecheck.Verdict;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of {@code trainctl account check}: who ran it, where, and one row per check.
 *
 * @param account the 12-digit account id
 * @param callerArn the STS caller identity
 * @param region the region the quota, SageMaker and price rows are about
 * @param instanceType the training instance type the quota and price rows are about
 * @param checks the rows, in the order they ran
 */
public record AccountReport(String account, String callerArn, String region, String instanceType,
        List<CheckResult> checks) {

    public AccountReport {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(callerArn, "callerArn");
        checks = List.copyOf(checks);
        if (checks.isEmpty()) {
            throw new IllegalArgumentException("an account check has at least one row");
        }
    }

    public Verdict verdict() {
        return CheckTable.verdict(checks);
    }

    /** CHECK_FAILED when any row fails; warnings alone exit 0. */
    public ExitCode exitCode() {
        return verdict() == Verdict.FAIL ? ExitCode.CHECK_FAILED : ExitCode.OK;
    }

    /** The table for people, as {@code role check} prints its own. */
    public String text() {
        return "Account:       " + account + "\n"
                + "Caller:        " + callerArn + "\n"
                + "Region:        " + region + "\n"
                + "Instance type: " + instanceType + "\n\n"
                + ReportPrinter.table(checks) + "\n" + CheckTable.summary(checks) + "\n";
    }

    /** The {@code --output json} document, snake_case keys. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("account", account);
        json.put("caller_arn", callerArn);
        json.put("region", region);
        json.put("instance_type", instanceType);
        json.put("verdict", verdict().name());
        json.put("counts", CheckTable.counts(checks));
        json.put("checks", CheckTable.rows(checks));
        return json;
    }
}
