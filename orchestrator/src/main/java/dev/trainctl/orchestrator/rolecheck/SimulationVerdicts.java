package dev.trainctl.orchestrator.rolecheck;

import java.util.ArrayList;
import java.util.List;

/** Turns a simulation matrix into table rows: each required action denied and each probe allowed is a FAIL. */
public final class SimulationVerdicts {

    static final String RULE_REQUIRED = "simulate.required";
    static final String RULE_PROBES = "simulate.probes";

    private SimulationVerdicts() {}

    /** Rows for the execution role's matrix. */
    public static List<CheckResult> rows(List<SimulationRow> matrix) {
        return rows(matrix, RULE_REQUIRED, RULE_PROBES);
    }

    static List<CheckResult> rows(List<SimulationRow> matrix, String requiredRule, String probeRule) {
        List<CheckResult> rows = new ArrayList<>();
        List<SimulationRow> required = matrix.stream()
                .filter(r -> r.request().expectation() == Expectation.ALLOWED).toList();
        List<SimulationRow> probes = matrix.stream()
                .filter(r -> r.request().expectation() == Expectation.DENIED).toList();
        List<SimulationRow> denied = required.stream().filter(r -> r.verdict() == Verdict.FAIL).toList();
        if (!required.isEmpty() && denied.isEmpty()) {
            rows.add(CheckResult.pass(requiredRule, "all " + required.size() + " actions a training job needs "
                    + "are allowed on its resources"));
        }
        for (SimulationRow row : denied) {
            rows.add(CheckResult.fail(requiredRule, describe(row) + " is " + row.decision() + missing(row),
                    fixForDenied(row)));
        }
        List<SimulationRow> allowed = probes.stream().filter(r -> r.verdict() == Verdict.FAIL).toList();
        if (!probes.isEmpty() && allowed.isEmpty()) {
            rows.add(CheckResult.pass(probeRule, "all " + probes.size() + " probes of what it must not do "
                    + "are denied"));
        }
        for (SimulationRow row : allowed) {
            String by = row.matchedPolicies().isEmpty() ? "" : " by " + String.join(", ", row.matchedPolicies());
            rows.add(CheckResult.fail(probeRule, describe(row) + " is allowed" + by,
                    "remove " + row.request().action() + " from"
                            + (row.matchedPolicies().isEmpty() ? " the statement that allows it"
                                    : " " + String.join(", ", row.matchedPolicies()))
                            + ", or narrow its Resource so it excludes " + row.request().resource()));
        }
        return rows;
    }

    private static String describe(SimulationRow row) {
        SimulationCase c = row.request();
        return c.action() + " on " + c.resource() + " (" + c.purpose() + ")";
    }

    private static String missing(SimulationRow row) {
        return row.missingContext().isEmpty() ? ""
                : "; the policy needs condition keys the simulation did not have: "
                        + String.join(", ", row.missingContext());
    }

    private static String fixForDenied(SimulationRow row) {
        SimulationCase c = row.request();
        if ("explicitDeny".equalsIgnoreCase(row.decision())) {
            return "narrow the Deny statement in " + (row.matchedPolicies().isEmpty() ? "the role's policies"
                    : String.join(", ", row.matchedPolicies())) + " so it does not cover " + c.action() + " on "
                    + c.resource();
        }
        return "add " + c.grant();
    }
}
