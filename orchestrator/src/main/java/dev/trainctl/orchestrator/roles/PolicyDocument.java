package dev.trainctl.orchestrator.roles;

import com.google.gson.JsonParseException;
import dev.trainctl.orchestrator.json.StrictJson;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;
import software.amazon.awssdk.policybuilder.iam.IamStatement;

/**
 * One policy document of a role, already URL-decoded, with where it came from.
 *
 * @param name the inline policy's name, the managed policy's name, or "trust policy"
 * @param kind where it is attached
 * @param arn the managed policy's ARN; null for inline and trust documents
 * @param json the document as IAM returns it (decoded)
 */
public record PolicyDocument(String name, PolicyKind kind, String arn, String json) {

    public PolicyDocument {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(json, "json");
        refuseRepeatedKeys(name, kind, json);
    }

    /**
     * A document with a key twice ({@code "Effect": "Deny", ..., "Effect": "Allow"}) has no one meaning: the SDK's
     * parser and Gson keep one silently, and AWS documents no answer. Such a document, from a file or from IAM, is
     * refused here, before any lint, drift check or evaluation reads it one way. (Other syntax errors are reported
     * where the document is parsed.)
     */
    private static void refuseRepeatedKeys(String name, PolicyKind kind, String json) {
        try {
            StrictJson.parse(json);
        } catch (StrictJson.DuplicateKeyException e) {
            throw new IllegalArgumentException(kind.label() + " " + name + " is ambiguous: " + e.getMessage());
        } catch (JsonParseException notJson) {
            // reported by whoever parses it
        }
    }

    public static PolicyDocument trust(String json) {
        return new PolicyDocument("trust policy", PolicyKind.TRUST, null, json);
    }

    public static PolicyDocument inline(String name, String json) {
        return new PolicyDocument(name, PolicyKind.INLINE, null, json);
    }

    public static PolicyDocument managed(String arn, String json) {
        String name = arn.substring(arn.lastIndexOf('/') + 1);
        return new PolicyDocument(name, isAwsManaged(arn) ? PolicyKind.AWS_MANAGED : PolicyKind.CUSTOMER_MANAGED, arn,
                json);
    }

    public static PolicyDocument boundary(String arn, String json) {
        String name = arn.substring(arn.lastIndexOf('/') + 1);
        return new PolicyDocument(name, PolicyKind.PERMISSIONS_BOUNDARY, arn, json);
    }

    /** A KMS key's policy, named after the key. */
    public static PolicyDocument keyPolicy(String keyArn, String json) {
        return new PolicyDocument("key policy of " + keyArn, PolicyKind.KEY_POLICY, keyArn, json);
    }

    /** AWS managed policies live in the reserved account alias {@code aws}: {@code arn:aws:iam::aws:policy/...}. */
    public static boolean isAwsManaged(String arn) {
        return arn != null && arn.matches("arn:[a-z-]+:iam::aws:policy/.*");
    }

    /** The parsed document; throws IllegalStateException naming the policy when it is not a valid policy. */
    public IamPolicy parsed() {
        try {
            return IamPolicy.fromJson(json);
        } catch (RuntimeException e) {
            throw new IllegalStateException(kind.label() + " " + name + " is not a valid policy document: "
                    + e.getMessage(), e);
        }
    }

    /** How a statement is named in findings: its Sid, else {@code #n} counting from 1. */
    public static String statementLabel(List<IamStatement> statements, int index) {
        String sid = statements.get(index).sid();
        return sid == null || sid.isBlank() ? "#" + (index + 1) : sid;
    }
}
