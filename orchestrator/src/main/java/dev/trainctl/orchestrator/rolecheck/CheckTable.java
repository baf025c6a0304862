package dev.trainctl.orchestrator.rolecheck;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every PASS / WARN / FAIL table shares ({@code role check}, {@code account check}): the worst verdict, the
 * counts, the summary line and the rows as JSON, so the commands read and print alike.
 */
public final class CheckTable {

    private CheckTable() {}

    /** The worst verdict of all rows. */
    public static Verdict verdict(List<CheckResult> checks) {
        return checks.stream().map(CheckResult::verdict).reduce(Verdict.PASS, Verdict::worst);
    }

    public static long count(List<CheckResult> checks, Verdict verdict) {
        return checks.stream().filter(c -> c.verdict() == verdict).count();
    }

    /** {@code Result: FAIL (3 failed, 5 warnings, 1 passed)}. */
    public static String summary(List<CheckResult> checks) {
        return "Result: " + verdict(checks) + " (" + count(checks, Verdict.FAIL) + " failed, "
                + count(checks, Verdict.WARN) + " warnings, " + count(checks, Verdict.PASS) + " passed)";
    }

    /** {@code {"PASS": n, "WARN": n, "FAIL": n}}. */
    public static Map<String, Object> counts(List<CheckResult> checks) {
        Map<String, Object> counts = new LinkedHashMap<>();
        for (Verdict v : Verdict.values()) {
            counts.put(v.name().toLowerCase(java.util.Locale.ROOT), count(checks, v));
        }
        return counts;
    }

    /** Each row as {@code check}, {@code verdict}, {@code reason} and, when there is one, {@code fix}. */
    public static List<Map<String, Object>> rows(List<CheckResult> checks) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (CheckResult c : checks) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("check", c.check());
            row.put("verdict", c.verdict().name());
            row.put("reason", c.reason());
            if (c.fix() != null) {
                row.put("fix", c.fix());
            }
            rows.add(row);
        }
        return rows;
    }
}
