package dev.trainctl.orchestrator.iam;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * IAM's {@code *} and {@code ?} matching on text that has already been through policy-variable substitution, so
 * that a literal character from {@code ${*}} or {@code ${?}} is never a wildcard. Matching runs the pattern as a set
 * of positions advanced one character of the value at a time (no backtracking regular expression), so it takes at
 * most (pattern length + 1) x (value length) steps whatever the policy: a crafted Resource with many stars cannot
 * hang {@code policy simulate} or an emulated job that authorizes every request with it.
 */
final class Wildcards {

    private Wildcards() {}

    /** A piece of policy text: literal characters, or one wildcard character. */
    sealed interface Piece permits Literal, Wild {}

    record Literal(String text) implements Piece {}

    record Wild(char symbol) implements Piece {}

    /** The pieces of plain text (no variables): each {@code *} and {@code ?} is a wildcard. */
    static List<Piece> pieces(String text) {
        List<Piece> pieces = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '*' || c == '?') {
                if (!literal.isEmpty()) {
                    pieces.add(new Literal(literal.toString()));
                    literal.setLength(0);
                }
                pieces.add(new Wild(c));
            } else {
                literal.append(c);
            }
        }
        if (!literal.isEmpty()) {
            pieces.add(new Literal(literal.toString()));
        }
        return pieces;
    }

    /** The text with wildcards taken literally (for the Equals operators). */
    static String literal(List<Piece> pieces) {
        StringBuilder text = new StringBuilder();
        for (Piece p : pieces) {
            text.append(p instanceof Literal l ? l.text() : String.valueOf(((Wild) p).symbol()));
        }
        return text.toString();
    }

    /** Whole-value match: {@code *} any run of characters, {@code ?} exactly one. */
    static boolean matches(List<Piece> pieces, String value, boolean ignoreCase) {
        Matcher matcher = new Matcher(ignoreCase);
        for (Piece p : pieces) {
            if (p instanceof Literal l) {
                matcher.literal(l.text());
            } else {
                matcher.wild(((Wild) p).symbol(), true);
            }
        }
        return matcher.matches(value);
    }

    /**
     * A Resource pattern against a resource ARN, case-sensitive. AWS (reference_policies_elements_resource): wildcards
     * work "within any ARN segment"; "If the * wildcard is the last character of a resource ARN segment, it can expand
     * to match beyond the colon boundaries." So a {@code *} before a colon or at the end crosses colons; any other
     * {@code *}, and every {@code ?}, stays inside its segment.
     */
    static boolean matchesResource(List<Piece> pieces, String arn) {
        Matcher matcher = new Matcher(false);
        for (int i = 0; i < pieces.size(); i++) {
            Piece p = pieces.get(i);
            if (p instanceof Literal l) {
                matcher.literal(l.text());
            } else if (((Wild) p).symbol() == '?') {
                matcher.wild('?', false);
            } else {
                boolean lastInSegment = i + 1 == pieces.size() || pieces.get(i + 1) instanceof Literal next
                        && next.text().startsWith(":");
                matcher.wild('*', lastInSegment);
            }
        }
        return matcher.matches(arn);
    }

    /**
     * ArnEquals and ArnLike: "Each of the six colon-delimited components of the ARN is checked separately and each can
     * include multi-character match wildcards (*) or single-character match wildcards (?)" (condition operators page).
     * The sixth component is the rest of the ARN, colons included: wildcards there cross colons, elsewhere they do not.
     */
    static boolean matchesArnComponents(List<Piece> pieces, String arn) {
        if (arn.split(":", 6).length < 6) {
            return false;
        }
        Matcher matcher = new Matcher(false);
        int colons = 0;
        for (Piece p : pieces) {
            if (p instanceof Literal l) {
                matcher.literal(l.text());
                colons += (int) l.text().chars().filter(c -> c == ':').count();
            } else {
                matcher.wild(((Wild) p).symbol(), colons >= 5);
            }
        }
        return colons >= 5 && matcher.matches(arn);
    }

    /**
     * A compiled pattern: one position per literal character or wildcard. {@link #matches} keeps the set of positions
     * the value read so far can have reached (a non-deterministic automaton run breadth-first), so no input makes it
     * revisit a choice.
     */
    private static final class Matcher {
        private static final byte LITERAL = 0;
        private static final byte ONE = 1;
        private static final byte ANY_RUN = 2;

        private final boolean ignoreCase;
        private final StringBuilder literals = new StringBuilder();
        private final List<Byte> kinds = new ArrayList<>();
        private final BitSet crossesColon = new BitSet();

        Matcher(boolean ignoreCase) {
            this.ignoreCase = ignoreCase;
        }

        void literal(String text) {
            for (char c : text.toCharArray()) {
                literals.append(c);
                kinds.add(LITERAL);
            }
        }

        /** {@code *} or {@code ?}; {@code colons}: whether it may match a colon. */
        void wild(char symbol, boolean colons) {
            crossesColon.set(kinds.size(), colons);
            literals.append(symbol);
            kinds.add(symbol == '*' ? ANY_RUN : ONE);
        }

        boolean matches(String value) {
            int size = kinds.size();
            byte[] kind = new byte[size];
            boolean[] colon = new boolean[size];
            for (int at = 0; at < size; at++) {
                kind[at] = kinds.get(at);
                colon[at] = crossesColon.get(at);
            }
            // current[at]: the value read so far can end just before pattern position at.
            boolean[] current = new boolean[size + 1];
            boolean[] next = new boolean[size + 1];
            current[0] = true;
            closeOverEmptyRuns(current, kind);
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                java.util.Arrays.fill(next, false);
                boolean any = false;
                for (int at = 0; at < size; at++) {
                    if (!current[at]) {
                        continue;
                    }
                    if (kind[at] == LITERAL) {
                        if (same(literals.charAt(at), c)) {
                            next[at + 1] = true;
                            any = true;
                        }
                    } else if (c != ':' || colon[at]) {
                        next[kind[at] == ONE ? at + 1 : at] = true;
                        any = true;
                    }
                }
                if (!any) {
                    return false;
                }
                closeOverEmptyRuns(next, kind);
                boolean[] swap = current;
                current = next;
                next = swap;
            }
            return current[size];
        }

        /** A {@code *} may match nothing: a position on one also stands after it. */
        private static void closeOverEmptyRuns(boolean[] positions, byte[] kind) {
            for (int at = 0; at < kind.length; at++) {
                if (positions[at] && kind[at] == ANY_RUN) {
                    positions[at + 1] = true;
                }
            }
        }

        private boolean same(char policy, char value) {
            return policy == value || ignoreCase && (Character.toLowerCase(policy) == Character.toLowerCase(value)
                    || Character.toUpperCase(policy) == Character.toUpperCase(value));
        }
    }
}
