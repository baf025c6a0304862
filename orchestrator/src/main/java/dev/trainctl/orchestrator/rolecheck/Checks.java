package dev.trainctl.orchestrator.rolecheck;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Small helpers the static checks share: turning findings into table rows, and IAM wildcard matching. */
final class Checks {

    private Checks() {}

    /**
     * One row per finding, in rule order; a rule without findings gets one PASS row with its pass reason, so the
     * table always shows every check that ran.
     */
    static List<CheckResult> rows(List<Finding> findings, LinkedHashMap<String, String> passReasons) {
        List<CheckResult> rows = new ArrayList<>();
        for (Map.Entry<String, String> rule : passReasons.entrySet()) {
            List<Finding> mine = findings.stream().filter(f -> f.rule().equals(rule.getKey())).toList();
            if (mine.isEmpty()) {
                rows.add(CheckResult.pass(rule.getKey(), rule.getValue()));
            } else {
                mine.forEach(f -> rows.add(f.toCheckResult()));
            }
        }
        findings.stream().filter(f -> !passReasons.containsKey(f.rule())).forEach(f -> rows.add(f.toCheckResult()));
        return rows;
    }

    /** Whether an IAM pattern ({@code *} any run, {@code ?} one character, case-insensitive) matches a value. */
    static boolean matches(String pattern, String value) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL).matcher(value).matches();
    }

    static String service(String action) {
        int colon = action.indexOf(':');
        return colon < 0 ? action.toLowerCase(Locale.ROOT) : action.substring(0, colon).toLowerCase(Locale.ROOT);
    }

    static boolean hasWildcard(String value) {
        return value.indexOf('*') >= 0 || value.indexOf('?') >= 0;
    }

    /** "a, b, c and 4 more". */
    static String list(List<String> items, int shown) {
        if (items.size() <= shown) {
            return String.join(", ", items);
        }
        return String.join(", ", items.subList(0, shown)) + " and " + (items.size() - shown) + " more";
    }
}
