package dev.trainctl.orchestrator.iam;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who makes a request: an account (root), an IAM user, an IAM role (standing for a session of it, as
 * SimulatePrincipalPolicy takes a role ARN), an assumed-role session, or a service principal.
 *
 * @param partition aws, aws-cn, ...; empty for a service
 * @param account the 12-digit account; empty for a service
 * @param name user name, role name (for a session too), service name; empty for an account
 */
public record PrincipalArn(Kind kind, String text, String partition, String account, String name) {

    /** The principal types the evaluator understands. */
    public enum Kind {
        ACCOUNT, USER, ROLE, ASSUMED_ROLE, SERVICE
    }

    /** How a resource policy's Principal element matched the request's principal. */
    enum Match {
        /** {@code "*"} or {@code {"AWS": "*"}}. */
        EVERYONE,
        /** An account id or root ARN: "Both delegate permissions to the account" (elements_principal). */
        ACCOUNT,
        /** The role's ARN, matching a session of that role. */
        ROLE,
        /** The user's ARN, the session's ARN, or the service's name. */
        EXACT
    }

    private static final Pattern IAM = Pattern.compile(
            "arn:(aws[a-z-]*):iam::(\\d{12}):(root|user/(?:[^/]+/)*([\\w+=,.@-]+)|role/(?:[^/]+/)*([\\w+=,.@-]+))");
    private static final Pattern SESSION = Pattern.compile(
            "arn:(aws[a-z-]*):sts::(\\d{12}):assumed-role/([\\w+=,.@-]+)/([\\w+=,.@-]+)");
    private static final Pattern SERVICE = Pattern.compile("[a-z0-9-]+(\\.[a-z0-9-]+)*\\.amazonaws\\.com(\\.cn)?");

    /** Parses a request's principal; throws IllegalArgumentException for anything else. */
    public static PrincipalArn parse(String text) {
        Optional<PrincipalArn> parsed = tryParse(text.trim());
        return parsed.orElseThrow(() -> new IllegalArgumentException("principal must be an IAM ARN (account root, user,"
                + " role or arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION) or a service principal such as"
                + " sagemaker.amazonaws.com, got '" + text + "'"));
    }

    private static Optional<PrincipalArn> tryParse(String text) {
        if (text.matches("\\d{12}")) {
            return Optional.of(new PrincipalArn(Kind.ACCOUNT, "arn:aws:iam::" + text + ":root", "aws", text, ""));
        }
        Matcher iam = IAM.matcher(text);
        if (iam.matches()) {
            Kind kind = iam.group(3).equals("root") ? Kind.ACCOUNT : iam.group(4) != null ? Kind.USER : Kind.ROLE;
            String name = kind == Kind.ACCOUNT ? "" : kind == Kind.USER ? iam.group(4) : iam.group(5);
            return Optional.of(new PrincipalArn(kind, text, iam.group(1), iam.group(2), name));
        }
        Matcher session = SESSION.matcher(text);
        if (session.matches()) {
            return Optional.of(new PrincipalArn(Kind.ASSUMED_ROLE, text, session.group(1), session.group(2),
                    session.group(3)));
        }
        if (SERVICE.matcher(text).matches()) {
            return Optional.of(new PrincipalArn(Kind.SERVICE, text, "", "", text));
        }
        return Optional.empty();
    }

    /** Refuses a policy's AWS principal value the evaluator cannot match exactly as AWS does. */
    static void validatePolicyValue(String where, String value) {
        if (value.equals("*")) {
            return;
        }
        Optional<PrincipalArn> parsed = tryParse(value);
        if (parsed.isEmpty() || parsed.get().kind == Kind.SERVICE) {
            throw new UnsupportedPolicyException(where + ": AWS principal '" + value + "' is not supported (an account"
                    + " id, or a root, user, role or assumed-role ARN; \"You cannot use a wildcard to match part of a"
                    + " principal name or ARN\")");
        }
    }

    public boolean isService() {
        return kind == Kind.SERVICE;
    }

    /**
     * The context keys that follow from the principal (reference_policies_condition-keys): aws:PrincipalArn (for a
     * session, its role's ARN), aws:PrincipalAccount, aws:PrincipalType, and aws:username for an IAM user. Not
     * aws:userid: it is the principal's unique id (AIDA..., AROA...:session), which an ARN does not carry.
     */
    Map<String, List<String>> derivedContext() {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        if (kind == Kind.SERVICE) {
            return keys;
        }
        keys.put("aws:PrincipalArn", List.of(kind == Kind.ASSUMED_ROLE ? roleArn() : kind == Kind.ACCOUNT
                ? "arn:" + partition + ":iam::" + account + ":root" : text));
        keys.put("aws:PrincipalAccount", List.of(account));
        keys.put("aws:PrincipalType", List.of(switch (kind) {
            case ACCOUNT -> "Account";
            case USER -> "User";
            default -> "AssumedRole";
        }));
        if (kind == Kind.USER) {
            keys.put("aws:username", List.of(name));
        }
        return keys;
    }

    /** A session's role ARN without a path: a session ARN does not carry the role's path. */
    private String roleArn() {
        return "arn:" + partition + ":iam::" + account + ":role/" + name;
    }

    /** How one value of a resource policy's Principal element matches this principal, if it does. */
    Optional<Match> matchedBy(String policyValue, boolean serviceType) {
        if (serviceType) {
            return kind == Kind.SERVICE && policyValue.equalsIgnoreCase(name) ? Optional.of(Match.EXACT)
                    : Optional.empty();
        }
        if (kind == Kind.SERVICE) {
            if (policyValue.equals("*")) {
                throw new UnsupportedPolicyException("whether {\"AWS\": \"*\"} covers the service principal " + name
                        + " is not documented; name the service in {\"Service\": ...}");
            }
            return Optional.empty();
        }
        if (policyValue.equals("*")) {
            return Optional.of(Match.EVERYONE);
        }
        PrincipalArn p = tryParse(policyValue).orElseThrow();
        if (!p.account.equals(account) || !p.kind.equals(Kind.ACCOUNT) && !p.partition.equals(partition)) {
            return Optional.empty();
        }
        return switch (p.kind) {
            case ACCOUNT -> Optional.of(Match.ACCOUNT);
            case USER -> kind == Kind.USER && p.text.equals(text) ? Optional.of(Match.EXACT) : Optional.empty();
            // A role's ARN names the role wherever its sessions are matched; the session ARN does not carry the path.
            case ROLE -> kind == Kind.ROLE && p.text.equals(text) || kind == Kind.ASSUMED_ROLE && p.name.equals(name)
                    ? Optional.of(Match.ROLE) : Optional.empty();
            case ASSUMED_ROLE -> kind == Kind.ASSUMED_ROLE && p.text.equals(text) ? Optional.of(Match.EXACT)
                    : Optional.empty();
            case SERVICE -> Optional.empty();
        };
    }
}
