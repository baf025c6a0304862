package dev.trainctl.orchestrator.rolecheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.policybuilder.iam.IamCondition;
import software.amazon.awssdk.policybuilder.iam.IamEffect;
import software.amazon.awssdk.policybuilder.iam.IamStatement;

/**
 * A small approximation of IAM's identity-policy evaluation, for tests and the documented examples only: explicit
 * Deny beats Allow beats the implicit deny; Action/NotAction, Resource/NotResource with wildcards; the condition
 * operators these documents use (String*, Arn*, Numeric*, Null, ForAllValues:/ForAnyValue:, ...IfExists). It is not
 * IAM; it lets the fake IAM client answer SimulatePrincipalPolicy from the documents a test shows.
 */
final class TestPolicyEvaluator {

    /** A decision, the policies that made it, and the condition keys it lacked. */
    record Decision(String decision, List<String> policies, List<String> missing) {}

    private TestPolicyEvaluator() {}

    static Decision evaluate(List<PolicyDocument> documents, String action, String resource,
            Map<String, List<String>> context) {
        List<String> allowedBy = new ArrayList<>();
        List<String> deniedBy = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<PolicyDocument> boundaries = documents.stream().filter(d -> d.kind() == PolicyKind.PERMISSIONS_BOUNDARY)
                .toList();
        for (PolicyDocument document : documents) {
            if (document.kind() == PolicyKind.PERMISSIONS_BOUNDARY) {
                continue;
            }
            for (IamStatement s : document.parsed().statements()) {
                if (!applies(s, action, resource) || !conditionsHold(s.conditions(), context, missing)) {
                    continue;
                }
                (IamEffect.DENY.equals(s.effect()) ? deniedBy : allowedBy).add(document.name());
            }
        }
        if (!deniedBy.isEmpty()) {
            return new Decision("explicitDeny", deniedBy.stream().distinct().toList(), List.of());
        }
        boolean withinBoundary = boundaries.isEmpty() || boundaries.stream().allMatch(b -> b.parsed().statements()
                .stream().anyMatch(s -> IamEffect.ALLOW.equals(s.effect()) && applies(s, action, resource)
                        && conditionsHold(s.conditions(), context, new ArrayList<>())));
        if (!allowedBy.isEmpty() && withinBoundary) {
            return new Decision("allowed", allowedBy.stream().distinct().toList(), List.of());
        }
        return new Decision("implicitDeny", List.of(), missing.stream().distinct().toList());
    }

    private static boolean applies(IamStatement s, String action, String resource) {
        boolean actionMatches = s.notActions().isEmpty()
                ? s.actions().stream().anyMatch(a -> Checks.matches(a.value(), action))
                : s.notActions().stream().noneMatch(a -> Checks.matches(a.value(), action));
        boolean resourceMatches = s.notResources().isEmpty()
                ? s.resources().stream().anyMatch(r -> Checks.matches(r.value(), resource))
                : s.notResources().stream().noneMatch(r -> Checks.matches(r.value(), resource));
        return actionMatches && resourceMatches;
    }

    /** All conditions must hold; values of one key and operator are ORed (they arrive as one IamCondition each). */
    private static boolean conditionsHold(List<IamCondition> conditions, Map<String, List<String>> context,
            List<String> missing) {
        Map<String, List<IamCondition>> byBlock = new java.util.LinkedHashMap<>();
        for (IamCondition c : conditions) {
            byBlock.computeIfAbsent(c.operator().value() + "|" + c.key().value(), k -> new ArrayList<>()).add(c);
        }
        for (List<IamCondition> block : byBlock.values()) {
            if (!blockHolds(block, context, missing)) {
                return false;
            }
        }
        return true;
    }

    private static boolean blockHolds(List<IamCondition> block, Map<String, List<String>> context,
            List<String> missing) {
        String operator = block.get(0).operator().value();
        String key = block.get(0).key().value();
        List<String> wanted = block.stream().map(IamCondition::value).toList();
        Optional<List<String>> given = context.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(key))
                .map(Map.Entry::getValue).findFirst();
        boolean ifExists = operator.endsWith("IfExists");
        String base = operator.replace("IfExists", "");
        if (base.equals("Null")) {
            return wanted.contains(String.valueOf(given.isEmpty()));
        }
        if (given.isEmpty()) {
            if (!ifExists) {
                missing.add(key);
            }
            return ifExists || base.startsWith("ForAllValues:");
        }
        if (base.startsWith("ForAllValues:")) {
            String op = base.substring("ForAllValues:".length());
            return given.get().stream().allMatch(v -> wanted.stream().anyMatch(w -> compare(op, v, w)));
        }
        String op = base.startsWith("ForAnyValue:") ? base.substring("ForAnyValue:".length()) : base;
        return given.get().stream().anyMatch(v -> wanted.stream().anyMatch(w -> compare(op, v, w)));
    }

    private static boolean compare(String op, String value, String wanted) {
        return switch (op) {
            case "StringEquals", "ArnEquals", "Bool" -> value.equals(wanted);
            case "StringEqualsIgnoreCase" -> value.equalsIgnoreCase(wanted);
            case "StringNotEquals" -> !value.equals(wanted);
            case "StringLike", "ArnLike" -> caseSensitiveLike(wanted, value);
            case "NumericLessThanEquals" -> Double.parseDouble(value) <= Double.parseDouble(wanted);
            case "NumericLessThan" -> Double.parseDouble(value) < Double.parseDouble(wanted);
            case "NumericEquals" -> Double.parseDouble(value) == Double.parseDouble(wanted);
            default -> false;
        };
    }

    /** IAM string matching is case-sensitive; {@link Checks#matches} is not (actions are case-insensitive). */
    private static boolean caseSensitiveLike(String pattern, String value) {
        String regex = pattern.chars().mapToObj(c -> c == '*' ? ".*" : c == '?' ? "."
                : java.util.regex.Pattern.quote(String.valueOf((char) c))).reduce("", String::concat);
        return value.matches(regex);
    }
}
