package dev.trainctl.orchestrator.iam;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Compares one request value with one (substituted) policy value for a positive base operator. A policy value that
 * is not of the operator's type is refused (IAM would reject the document); so is a request value of the wrong type.
 */
final class ConditionValues {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private ConditionValues() {}

    static boolean matches(ConditionOperator.Base op, String key, String requestValue, List<Wildcards.Piece> policy) {
        String policyText = Wildcards.literal(policy);
        return switch (op) {
            case StringEquals -> Wildcards.literal(policy).equals(requestValue);
            case StringEqualsIgnoreCase -> policyText.equalsIgnoreCase(requestValue);
            case StringLike -> Wildcards.matches(policy, requestValue, false);
            case ArnEquals, ArnLike -> Wildcards.matchesArnComponents(policy, requestValue);
            case NumericEquals -> compare(number(key, requestValue, false), number(key, policyText, true)) == 0;
            case NumericLessThan -> compare(number(key, requestValue, false), number(key, policyText, true)) < 0;
            case NumericLessThanEquals -> compare(number(key, requestValue, false), number(key, policyText, true)) <= 0;
            case NumericGreaterThan -> compare(number(key, requestValue, false), number(key, policyText, true)) > 0;
            case NumericGreaterThanEquals ->
                    compare(number(key, requestValue, false), number(key, policyText, true)) >= 0;
            case DateEquals -> date(key, requestValue, false).equals(date(key, policyText, true));
            case DateLessThan -> date(key, requestValue, false).isBefore(date(key, policyText, true));
            case DateLessThanEquals -> !date(key, requestValue, false).isAfter(date(key, policyText, true));
            case DateGreaterThan -> date(key, requestValue, false).isAfter(date(key, policyText, true));
            case DateGreaterThanEquals -> !date(key, requestValue, false).isBefore(date(key, policyText, true));
            case Bool -> bool(key, requestValue, false) == bool(key, policyText, true);
            case BinaryEquals -> Arrays.equals(binary(key, requestValue, false), binary(key, policyText, true));
            case IpAddress -> inCidr(key, requestValue, policyText);
            default -> throw new IllegalStateException("not a positive operator: " + op);
        };
    }

    private static int compare(BigDecimal a, BigDecimal b) {
        return a.compareTo(b);
    }

    private static BigDecimal number(String key, String text, boolean policySide) {
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw bad(key, text, policySide, "a number");
        }
    }

    /** "one of the W3C implementations of the ISO 8601 date formats or in epoch (UNIX) time" (condition operators). */
    static Instant date(String key, String text, boolean policySide) {
        String t = text.trim();
        try {
            if (t.matches("-?\\d+(\\.\\d+)?")) {
                return Instant.ofEpochMilli(new BigDecimal(t).movePointRight(3).longValueExact());
            }
            if (t.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (t.matches(".*(Z|[+-]\\d{2}:?\\d{2})$")) {
                return OffsetDateTime.parse(t.replaceAll("([+-]\\d{2})(\\d{2})$", "$1:$2")).toInstant();
            }
            return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException | ArithmeticException e) {
            throw bad(key, text, policySide, "an ISO 8601 date or epoch seconds");
        }
    }

    private static boolean bool(String key, String text, boolean policySide) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw bad(key, text, policySide, "true or false");
        };
    }

    private static byte[] binary(String key, String text, boolean policySide) {
        try {
            return Base64.getDecoder().decode(text.trim());
        } catch (IllegalArgumentException e) {
            throw bad(key, text, policySide, "base64");
        }
    }

    /**
     * "If you specify an IP address without the associated routing prefix, IAM uses the default prefix value of /32"
     * (/128 for IPv6).
     */
    private static boolean inCidr(String key, String address, String cidr) {
        String[] parts = cidr.trim().split("/", 2);
        byte[] network = address(key, parts[0], true);
        byte[] candidate = address(key, address.trim(), false);
        int bits = network.length * 8;
        int prefix;
        try {
            prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : bits;
        } catch (NumberFormatException e) {
            throw bad(key, cidr, true, "a CIDR block");
        }
        if (prefix < 0 || prefix > bits) {
            throw bad(key, cidr, true, "a CIDR block");
        }
        if (candidate.length != network.length) {
            return false;
        }
        for (int bit = 0; bit < prefix; bit++) {
            int mask = 0x80 >> (bit % 8);
            if ((network[bit / 8] & mask) != (candidate[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    /** Only literals: InetAddress would otherwise look a host name up in DNS. */
    private static byte[] address(String key, String text, boolean policySide) {
        boolean literal = IPV4.matcher(text).matches() || text.matches("[0-9A-Fa-f:.]+") && text.contains(":");
        if (literal) {
            try {
                return InetAddress.getByName(text).getAddress();
            } catch (UnknownHostException e) {
                // falls through to the error below
            }
        }
        throw bad(key, text, policySide, policySide ? "a CIDR block" : "an IP address");
    }

    private static RuntimeException bad(String key, String text, boolean policySide, String expected) {
        return policySide
                ? new UnsupportedPolicyException("condition value '" + text + "' for " + key + " is not " + expected)
                : new IllegalArgumentException("context value '" + text + "' of " + key + " is not " + expected);
    }
}
