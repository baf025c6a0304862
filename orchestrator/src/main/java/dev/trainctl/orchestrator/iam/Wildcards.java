package dev.trainctl.orchestrator.iam;

import java.util.List;
import java.util.regex.Pattern;

/**
 * IAM's {@code *} and {@code ?} matching on text that has already been through policy-variable substitution, so
 * that a literal character from {@code ${*}} or {@code ${?}} is never a wildcard.
 */
final class Wildcards {

    private Wildcards() {}

    /** A piece of policy text: literal characters, or one wildcard character. */
    sealed interface Piece permits Literal, Wild {}

    record Literal(String text) implements Piece {}

    record Wild(char symbol) implements Piece {}

    /** The pieces of plain text (no variables): each {@code *} and {@code ?} is a wildcard. */
    static List<Piece> pieces(String text) {
        List<Piece> pieces = new java.util.ArrayList<>();
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
        StringBuilder regex = new StringBuilder();
        for (Piece p : pieces) {
            if (p instanceof Literal l) {
                regex.append(Pattern.quote(l.text()));
            } else {
                regex.append(((Wild) p).symbol() == '*' ? ".*" : ".");
            }
        }
        int flags = Pattern.DOTALL | (ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
        return Pattern.compile(regex.toString(), flags).matcher(value).matches();
    }

    /**
     * A Resource pattern against a resource ARN, case-sensitive. AWS (reference_policies_elements_resource): wildcards
     * work "within any ARN segment"; "If the * wildcard is the last character of a resource ARN segment, it can expand
     * to match beyond the colon boundaries." So a {@code *} before a colon or at the end crosses colons; any other
     * {@code *}, and every {@code ?}, stays inside its segment.
     */
    static boolean matchesResource(List<Piece> pieces, String arn) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pieces.size(); i++) {
            Piece p = pieces.get(i);
            if (p instanceof Literal l) {
                regex.append(Pattern.quote(l.text()));
            } else if (((Wild) p).symbol() == '?') {
                regex.append("[^:]");
            } else {
                boolean lastInSegment = i + 1 == pieces.size() || pieces.get(i + 1) instanceof Literal next
                        && next.text().startsWith(":");
                regex.append(lastInSegment ? ".*" : "[^:]*");
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(arn).matches();
    }
}
