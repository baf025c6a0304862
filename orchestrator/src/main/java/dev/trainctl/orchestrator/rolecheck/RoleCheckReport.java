package dev.trainctl.orchestrator.rolecheck;

import dev.trainctl.orchestrator.cli.ExitCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of {@code trainctl role check}: every table row, the simulation matrices, and notes.
 *
 * @param roleArn the role checked
 * @param callerArn who ran the check (STS caller identity); null when it could not be read
 * @param checks the table rows, in the order the checks ran
 * @param roleMatrix the execution role's simulated requests; empty when the simulation could not run
 * @param callerMatrix the caller's simulated requests; empty when they could not run
 * @param notes extra lines for the reader (condition keys the simulation could not supply, fallbacks)
 */
public record RoleCheckReport(String roleArn, String callerArn, List<CheckResult> checks,
        List<SimulationRow> roleMatrix, List<SimulationRow> callerMatrix, List<String> notes) {

    public RoleCheckReport {
        Objects.requireNonNull(roleArn, "roleArn");
        checks = List.copyOf(checks);
        roleMatrix = List.copyOf(roleMatrix);
        callerMatrix = List.copyOf(callerMatrix);
        notes = List.copyOf(notes);
        if (checks.isEmpty()) {
            throw new IllegalArgumentException("a role check report has at least one check");
        }
    }

    /** The same report with more rows (the live check's). */
    public RoleCheckReport with(List<CheckResult> more) {
        List<CheckResult> all = new ArrayList<>(checks);
        all.addAll(more);
        return new RoleCheckReport(roleArn, callerArn, all, roleMatrix, callerMatrix, notes);
    }

    /** The worst verdict of all rows. */
    public Verdict verdict() {
        return CheckTable.verdict(checks);
    }

    public long count(Verdict verdict) {
        return CheckTable.count(checks, verdict);
    }

    /** CHECK_FAILED when any check fails; warnings alone still exit 0. */
    public ExitCode exitCode() {
        return verdict() == Verdict.FAIL ? ExitCode.CHECK_FAILED : ExitCode.OK;
    }

    /** The {@code --output json} document: plain maps and lists, stable field names. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("role_arn", roleArn);
        json.put("caller_arn", callerArn);
        json.put("verdict", verdict().name());
        json.put("counts", CheckTable.counts(checks));
        json.put("checks", CheckTable.rows(checks));
        json.put("simulation", matrix(roleMatrix));
        json.put("caller_simulation", matrix(callerMatrix));
        json.put("notes", notes);
        return json;
    }

    private static List<Map<String, Object>> matrix(List<SimulationRow> matrix) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (SimulationRow r : matrix) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("action", r.request().action());
            row.put("resource", r.request().resource());
            row.put("purpose", r.request().purpose());
            row.put("expected", r.request().expectation().name());
            row.put("decision", r.decision());
            row.put("verdict", r.verdict().name());
            Map<String, List<String>> context = new LinkedHashMap<>();
            r.request().context().forEach(c -> context.put(c.key(), c.values()));
            row.put("context", context);
            row.put("matched_policies", r.matchedPolicies());
            row.put("missing_context", r.missingContext());
            rows.add(row);
        }
        return rows;
    }
}
