package dev.trainctl.orchestrator.aws;

import java.util.ArrayList;
import java.util.List;

/** A line diff ({@code - old}, {@code + new}, two spaces for kept lines) for showing drift to people. */
public final class TextDiff {

    private TextDiff() {}

    /** Every line of both texts, marked; an empty list when they are equal. */
    public static List<String> lines(String before, String after) {
        String[] a = before.isEmpty() ? new String[0] : before.split("\n", -1);
        String[] b = after.isEmpty() ? new String[0] : after.split("\n", -1);
        // Longest common subsequence table; documents are small (a few hundred lines at most).
        int[][] common = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                common[i][j] = a[i].equals(b[j]) ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<String> out = new ArrayList<>();
        boolean changed = false;
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            if (i < a.length && j < b.length && a[i].equals(b[j])) {
                out.add("  " + a[i]);
                i++;
                j++;
            } else if (i < a.length && (j == b.length || common[i + 1][j] >= common[i][j + 1])) {
                out.add("- " + a[i++]);
                changed = true;
            } else {
                out.add("+ " + b[j++]);
                changed = true;
            }
        }
        return changed ? out : List.of();
    }

    /** One line {@code - before} and one {@code + after} for a single changed value. */
    public static List<String> value(String what, Object before, Object after) {
        return List.of("- " + what + ": " + before, "+ " + what + ": " + after);
    }
}
