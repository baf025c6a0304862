package dev.trainctl.orchestrator.iam;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Substitutes policy variables (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html):
 * {@code ${key}} takes the request's single value of the (case-insensitive) key; {@code ${key, 'default'}} the
 * default when the key is absent; {@code ${*}}, {@code ${?}}, {@code ${$}} are the literal characters. A variable
 * with no value and no default leaves the whole string without a value ("effectively null"), which the caller
 * treats as AWS documents. Only documents with Version 2012-10-17 have variables; in older ones the text is literal.
 */
final class PolicyVariables {

    private static final Pattern BODY = Pattern.compile("\\s*([^\\s,'}]+)\\s*(?:,\\s*'([^']*)'\\s*)?");

    private PolicyVariables() {}

    /** The substituted text as pieces, or empty when a variable has no value. */
    static Optional<List<Wildcards.Piece>> substitute(String text, Map<String, List<String>> context,
            boolean variablesEnabled) {
        if (!variablesEnabled || !text.contains("${")) {
            return Optional.of(Wildcards.pieces(text));
        }
        List<Wildcards.Piece> pieces = new ArrayList<>();
        int at = 0;
        while (at < text.length()) {
            int start = text.indexOf("${", at);
            if (start < 0) {
                pieces.addAll(Wildcards.pieces(text.substring(at)));
                break;
            }
            pieces.addAll(Wildcards.pieces(text.substring(at, start)));
            int end = text.indexOf('}', start);
            if (end < 0) {
                throw new UnsupportedPolicyException("policy variable in '" + text + "' has no closing }");
            }
            String body = text.substring(start + 2, end);
            switch (body) {
                case "*", "?", "$" -> pieces.add(new Wildcards.Literal(body));
                default -> {
                    Optional<String> value = resolve(body, text, context);
                    if (value.isEmpty()) {
                        return Optional.empty();
                    }
                    pieces.add(new Wildcards.Literal(value.get()));
                }
            }
            at = end + 1;
        }
        return Optional.of(pieces);
    }

    private static Optional<String> resolve(String body, String text, Map<String, List<String>> context) {
        Matcher m = BODY.matcher(body);
        if (!m.matches()) {
            throw new UnsupportedPolicyException("policy variable ${" + body + "} in '" + text + "' is malformed"
                    + " (expected ${key} or ${key, 'default'})");
        }
        List<String> values = context.get(m.group(1));
        if (values == null || values.isEmpty()) {
            return Optional.ofNullable(m.group(2));
        }
        if (values.size() > 1) {
            throw new UnsupportedPolicyException("policy variable ${" + m.group(1) + "} refers to a key with "
                    + values.size() + " values in the request; AWS substitutes only single-valued keys");
        }
        return Optional.of(values.get(0));
    }
}
