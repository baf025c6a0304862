package dev.trainctl.orchestrator.rolecheck;

import java.util.List;
import java.util.stream.Collectors;

/** The human form of a {@link RoleCheckReport}: the check table, the fixes, the simulation matrices, a summary. */
public final class ReportPrinter {

    private ReportPrinter() {}

    public static String text(RoleCheckReport report) {
        StringBuilder out = new StringBuilder();
        out.append("Role:   ").append(report.roleArn()).append('\n');
        if (report.callerArn() != null) {
            out.append("Caller: ").append(report.callerArn()).append('\n');
        }
        out.append('\n').append(table(report.checks()));
        boolean evaluator = report.notes().stream().anyMatch(n -> n.startsWith(RoleCheck.EVALUATOR_NOTE));
        matrix(out, "Simulated as the execution role (" + (evaluator ? "trainctl's evaluator"
                : "iam:SimulatePrincipalPolicy") + ")", report.roleMatrix());
        matrix(out, "Simulated as the caller", report.callerMatrix());
        for (String note : report.notes()) {
            out.append("\nnote: ").append(note).append('\n');
        }
        out.append('\n').append(summary(report)).append('\n');
        return out.toString();
    }

    /** The CHECK / RESULT / REASON table, with a {@code fix:} line under each row that has one. */
    public static String table(List<CheckResult> checks) {
        StringBuilder out = new StringBuilder();
        int width = Math.max(5, checks.stream().mapToInt(c -> c.check().length()).max().orElse(5));
        out.append(String.format("%-" + width + "s  %-6s %s%n", "CHECK", "RESULT", "REASON"));
        for (CheckResult c : checks) {
            out.append(String.format("%-" + width + "s  %-6s %s%n", c.check(), c.verdict(), c.reason()));
            if (c.fix() != null) {
                out.append(String.format("%-" + width + "s  %-6s %s%n", "", "", "fix: " + c.fix()));
            }
        }
        return out.toString();
    }

    public static String summary(RoleCheckReport report) {
        return CheckTable.summary(report.checks());
    }

    private static void matrix(StringBuilder out, String title, List<SimulationRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        out.append('\n').append(title).append('\n');
        int action = rows.stream().mapToInt(r -> r.request().action().length()).max().orElse(6);
        String format = "  %-4s %-6s %-13s %-" + action + "s  %s%n";
        out.append(String.format(format, "", "EXPECT", "DECISION", "ACTION", "RESOURCE"));
        for (SimulationRow r : rows) {
            String context = r.request().context().isEmpty() ? ""
                    : "  [" + r.request().context().stream().map(ContextValue::toString)
                            .collect(Collectors.joining(", ")) + "]";
            out.append(String.format(format, r.verdict() == Verdict.PASS ? "ok" : "FAIL",
                    r.request().expectation() == Expectation.ALLOWED ? "allow" : "deny", r.decision(),
                    r.request().action(), r.request().resource() + context));
        }
    }
}
