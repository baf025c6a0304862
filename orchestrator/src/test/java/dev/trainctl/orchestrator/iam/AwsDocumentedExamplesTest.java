package dev.trainctl.orchestrator.iam;

import static dev.trainctl.orchestrator.iam.Decision.Outcome.ALLOWED;
import static dev.trainctl.orchestrator.iam.Decision.Outcome.EXPLICIT_DENY;
import static dev.trainctl.orchestrator.iam.Decision.Outcome.IMPLICIT_DENY;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Examples from AWS's IAM User Guide, with the answers the pages give. */
class AwsDocumentedExamplesTest {

    /**
     * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html: "the following ARN
     * uses * in the resource-path ... arn:aws:s3:::amzn-s3-demo-bucket/*&#47;test/*".
     */
    static Stream<Arguments> resourceWildcards() {
        return Stream.of(Arguments.of("amzn-s3-demo-bucket/1///test///object.jpg", true),
                Arguments.of("amzn-s3-demo-bucket//test/object.jpg", true),
                Arguments.of("amzn-s3-demo-bucket/1/test/", true),
                Arguments.of("amzn-s3-demo-bucket/1-test/object.jpg", false),
                Arguments.of("amzn-s3-demo-bucket/test/object.jpg", false),
                Arguments.of("amzn-s3-demo-bucket/1/2/test.jpg", false));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("resourceWildcards")
    void theResourcePagesWildcardExample(String object, boolean matches) {
        ParsedPolicy p = Docs.policy("p", "{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::amzn-s3-demo-bucket/*/test/*\"}");

        assertThat(Docs.decide(PolicySet.of(p), Request.of("s3:GetObject", "arn:aws:s3:::" + object)))
                .isEqualTo(matches ? ALLOWED : IMPLICIT_DENY);
    }

    /**
     * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition_examples-multi-valued-context-keys.html,
     * "Deny a single policy condition value for a multivalued context key": its table of request contexts.
     */
    static Stream<Arguments> tagKeys() {
        return Stream.of(Arguments.of("aws:TagKeys=key1:legal", ALLOWED),
                Arguments.of("aws:TagKeys=key1:hr|key1:personnel", ALLOWED),
                Arguments.of("aws:TagKeys=key2:audit", EXPLICIT_DENY),
                Arguments.of("", EXPLICIT_DENY));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("tagKeys")
    void theDenyRestrictedTagsExample(String context, Decision.Outcome expected) {
        ParsedPolicy deny = Docs.policy("deny", "{\"Sid\":\"DenyRestrictedTags\",\"Effect\":\"Deny\",\"Action\":"
                + "[\"iam:Tag*\",\"iam:UnTag*\"],\"Resource\":[\"*\"],\"Condition\":{\"ForAllValues:StringNotLike\":"
                + "{\"aws:TagKeys\":\"key1*\"}}}");
        ParsedPolicy allow = Docs.policy("allow", "{\"Effect\":\"Allow\",\"Action\":\"iam:*\",\"Resource\":\"*\"}");
        Request tag = new Request("iam:TagUser", "arn:aws:iam::111122223333:user/x", Optional.empty(),
                Docs.context(context));

        assertThat(Docs.decide(PolicySet.of(deny, allow), tag)).isEqualTo(expected);
    }

    /** access_policies_boundaries: ShirleyRodriguez may manage only S3, CloudWatch and EC2, whatever she is given. */
    @Test
    void theBoundaryPagesShirleyExample() {
        ParsedPolicy boundary = Docs.policy("boundary", "{\"Effect\":\"Allow\",\"Action\":[\"s3:*\",\"cloudwatch:*\","
                + "\"ec2:*\"],\"Resource\":\"*\"}");
        ParsedPolicy createUser = Docs.policy("CreateUser", "{\"Effect\":\"Allow\",\"Action\":\"iam:CreateUser\","
                + "\"Resource\":\"*\"}");
        ParsedPolicy s3 = Docs.policy("S3", "{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}");
        PolicySet shirley = new PolicySet(java.util.List.of(createUser, s3), Optional.empty(), Optional.of(boundary));

        Decision iam = PolicyEvaluator.evaluate(shirley, Request.of("iam:CreateUser",
                "arn:aws:iam::111122223333:user/new"));
        Decision list = PolicyEvaluator.evaluate(shirley, Request.of("s3:ListBucket", "arn:aws:s3:::b"));

        assertThat(iam.outcome()).isEqualTo(IMPLICIT_DENY);
        assertThat(iam.reason()).isEqualTo("allowed by CreateUser #1, but not by the permissions boundary");
        assertThat(list.outcome()).isEqualTo(ALLOWED);
        assertThat(list.statements()).containsExactly(new StatementRef("S3", "#1"), new StatementRef("boundary", "#1"));
    }

    /** reference_policies_variables: each user's home directory in mybucket through ${aws:username}. */
    static Stream<Arguments> homeDirectories() {
        return Stream.of(Arguments.of("s3:ListBucket", "arn:aws:s3:::mybucket", "s3:prefix=David/notes", ALLOWED),
                Arguments.of("s3:ListBucket", "arn:aws:s3:::mybucket", "s3:prefix=Adele/", IMPLICIT_DENY),
                Arguments.of("s3:GetObject", "arn:aws:s3:::mybucket/David/a.txt", "", ALLOWED),
                Arguments.of("s3:PutObject", "arn:aws:s3:::mybucket/Adele/a.txt", "", IMPLICIT_DENY));
    }

    @ParameterizedTest(name = "David: {0} on {1} [{2}]: {3}")
    @MethodSource("homeDirectories")
    void thePolicyVariablesPagesHomeDirectoryExample(String action, String resource, String context,
            Decision.Outcome expected) {
        ParsedPolicy home = Docs.policy("home", "{\"Action\":[\"s3:ListBucket\"],\"Effect\":\"Allow\",\"Resource\":"
                + "[\"arn:aws:s3:::mybucket\"],\"Condition\":{\"StringLike\":{\"s3:prefix\":[\"${aws:username}/*\"]}}},"
                + "{\"Action\":[\"s3:GetObject\",\"s3:PutObject\"],\"Effect\":\"Allow\",\"Resource\":"
                + "[\"arn:aws:s3:::mybucket/${aws:username}/*\"]}");
        Request r = new Request(action, resource, Optional.of("arn:aws:iam::111122223333:user/David"),
                Docs.context(context));

        assertThat(Docs.decide(PolicySet.of(home), r)).isEqualTo(expected);
    }
}
