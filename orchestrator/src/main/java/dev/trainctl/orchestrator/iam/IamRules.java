package dev.trainctl.orchestrator.iam;

/**
 * What IAM refuses to store, checked on documents the user gives as files (a document read from IAM was accepted by
 * IAM, whatever its documentation says): a repeated Sid, or in an identity policy or boundary a Sid of other than
 * ASCII letters and digits ({@link ParsedPolicy#checkIamSids}); in a trust policy a Resource
 * ({@link ResourcePolicy#trustRules}). A document the evaluator cannot read at all is left to its reader, which says
 * so in its own words.
 */
public final class IamRules {

    private IamRules() {}

    /** An identity policy's or a boundary's file; {@code kind} names it in the refusal. */
    public static void identity(String name, String json, String kind) {
        readable(name, json).ifPresent(p -> p.checkIamSids(kind, true));
    }

    /** A role trust policy's file. */
    public static void trust(String name, String json) {
        readable(name, json).ifPresent(ResourcePolicy::trustRules);
    }

    private static java.util.Optional<ParsedPolicy> readable(String name, String json) {
        try {
            return java.util.Optional.of(ParsedPolicy.parse(name, json));
        } catch (UnsupportedPolicyException | IllegalArgumentException unreadable) {
            return java.util.Optional.empty();
        }
    }
}
