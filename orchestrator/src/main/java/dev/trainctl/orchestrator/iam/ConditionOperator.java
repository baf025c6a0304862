package dev.trainctl.orchestrator.iam;

import java.util.Arrays;
import java.util.Optional;

/**
 * A condition operator as written in a policy: an optional set qualifier ({@code ForAllValues:} or
 * {@code ForAnyValue:}), the base operator, and an optional {@code IfExists} suffix.
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html)
 */
public record ConditionOperator(SetQualifier qualifier, Base base, boolean ifExists) {

    /** How a multivalued request key is compared. */
    public enum SetQualifier {
        NONE(""), FOR_ALL_VALUES("ForAllValues:"), FOR_ANY_VALUE("ForAnyValue:");

        private final String prefix;

        SetQualifier(String prefix) {
            this.prefix = prefix;
        }
    }

    /** The value family a base operator compares. */
    public enum Family {
        STRING, NUMERIC, DATE, BOOL, BINARY, IP_ADDRESS, ARN, NULL
    }

    /**
     * Every base operator AWS documents. A negated operator is its positive twin with the answer inverted, and its
     * values are NORed instead of ORed (reference_policies_condition-logic-multiple-context-keys-or-values).
     */
    public enum Base {
        StringEquals(Family.STRING, false), StringNotEquals(Family.STRING, true),
        StringEqualsIgnoreCase(Family.STRING, false), StringNotEqualsIgnoreCase(Family.STRING, true),
        StringLike(Family.STRING, false), StringNotLike(Family.STRING, true),
        NumericEquals(Family.NUMERIC, false), NumericNotEquals(Family.NUMERIC, true),
        NumericLessThan(Family.NUMERIC, false), NumericLessThanEquals(Family.NUMERIC, false),
        NumericGreaterThan(Family.NUMERIC, false), NumericGreaterThanEquals(Family.NUMERIC, false),
        DateEquals(Family.DATE, false), DateNotEquals(Family.DATE, true),
        DateLessThan(Family.DATE, false), DateLessThanEquals(Family.DATE, false),
        DateGreaterThan(Family.DATE, false), DateGreaterThanEquals(Family.DATE, false),
        Bool(Family.BOOL, false),
        BinaryEquals(Family.BINARY, false),
        IpAddress(Family.IP_ADDRESS, false), NotIpAddress(Family.IP_ADDRESS, true),
        ArnEquals(Family.ARN, false), ArnLike(Family.ARN, false),
        ArnNotEquals(Family.ARN, true), ArnNotLike(Family.ARN, true),
        Null(Family.NULL, false);

        private final Family family;
        private final boolean negated;

        Base(Family family, boolean negated) {
            this.family = family;
            this.negated = negated;
        }

        public Family family() {
            return family;
        }

        public boolean negated() {
            return negated;
        }

        /** Policy variables are substituted only in String and Arn operators' values (reference_policies_variables). */
        public boolean takesVariables() {
            return family == Family.STRING || family == Family.ARN;
        }
    }

    /** Parses an operator name; throws {@link UnsupportedPolicyException} naming an unknown one. */
    public static ConditionOperator parse(String name) {
        SetQualifier qualifier = Arrays.stream(SetQualifier.values()).filter(q -> q != SetQualifier.NONE
                && name.startsWith(q.prefix)).findFirst().orElse(SetQualifier.NONE);
        String rest = name.substring(qualifier.prefix.length());
        boolean ifExists = rest.endsWith("IfExists");
        String baseName = ifExists ? rest.substring(0, rest.length() - "IfExists".length()) : rest;
        Base base = Arrays.stream(Base.values()).filter(b -> b.name().equals(baseName)).findFirst()
                .orElseThrow(() -> new UnsupportedPolicyException("condition operator " + name + " is not supported"
                        + (Arrays.stream(Base.values()).anyMatch(b -> b.name().equalsIgnoreCase(baseName))
                                ? " (operator names are case-sensitive)" : "")));
        if (base == Base.Null && (ifExists || qualifier != SetQualifier.NONE)) {
            // AWS documents Null only on its own: IfExists "any operator but Null".
            throw new UnsupportedPolicyException("condition operator " + name + " is not supported: Null takes"
                    + " neither IfExists nor ForAllValues:/ForAnyValue:");
        }
        return new ConditionOperator(qualifier, base, ifExists);
    }

    @Override
    public String toString() {
        return qualifier.prefix + base.name() + (ifExists ? "IfExists" : "");
    }

    static Optional<Base> positiveTwin(Base base) {
        return switch (base) {
            case StringNotEquals -> Optional.of(Base.StringEquals);
            case StringNotEqualsIgnoreCase -> Optional.of(Base.StringEqualsIgnoreCase);
            case StringNotLike -> Optional.of(Base.StringLike);
            case NumericNotEquals -> Optional.of(Base.NumericEquals);
            case DateNotEquals -> Optional.of(Base.DateEquals);
            case NotIpAddress -> Optional.of(Base.IpAddress);
            case ArnNotEquals -> Optional.of(Base.ArnEquals);
            case ArnNotLike -> Optional.of(Base.ArnLike);
            default -> Optional.empty();
        };
    }
}
