package dev.trainctl.orchestrator.iam;

import static dev.trainctl.orchestrator.iam.Docs.policy;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Action/NotAction, Resource/NotResource and policy variables: one Allow statement per row (its elements in the first
 * column), a request, and whether it is allowed.
 */
class ElementsTest {

    static Stream<Arguments> rows() {
        return Stream.of(
                // Actions: case-insensitive, * and ?
                row("'Action':'s3:GetObject','Resource':'*'", "s3:GetObject", Docs.OBJECT, "", true),
                row("'Action':'s3:GetObject','Resource':'*'", "S3:getobject", Docs.OBJECT, "", true),
                row("'Action':'s3:GetObject','Resource':'*'", "s3:PutObject", Docs.OBJECT, "", false),
                row("'Action':'s3:Get*','Resource':'*'", "s3:GetObjectTagging", Docs.OBJECT, "", true),
                row("'Action':'s3:Get*','Resource':'*'", "s3:ListBucket", Docs.OBJECT, "", false),
                row("'Action':'s3:*Object','Resource':'*'", "s3:DeleteObject", Docs.OBJECT, "", true),
                row("'Action':'s3:?etObject','Resource':'*'", "s3:GetObject", Docs.OBJECT, "", true),
                row("'Action':'s3:?etObject','Resource':'*'", "s3:GeetObject", Docs.OBJECT, "", false),
                row("'Action':'*','Resource':'*'", "iam:CreateUser", "arn:aws:iam::111122223333:user/x", "", true),
                row("'Action':['ec2:*','s3:GetObject'],'Resource':'*'", "s3:GetObject", Docs.OBJECT, "", true),
                row("'Action':'s3:GetObject','Resource':'*'", "sqs:GetObject", Docs.OBJECT, "", false),
                // NotAction: everything but
                row("'NotAction':'iam:*','Resource':'*'", "s3:GetObject", Docs.OBJECT, "", true),
                row("'NotAction':'iam:*','Resource':'*'", "iam:CreateUser", Docs.OBJECT, "", false),
                row("'NotAction':['iam:*','s3:Get*'],'Resource':'*'", "s3:GetObject", Docs.OBJECT, "", false),
                // Resources: case-sensitive, * and ?; a trailing * in a segment crosses colons
                row("'Action':'s3:*','Resource':'arn:aws:s3:::bucket/data/*'", "s3:GetObject", Docs.OBJECT, "", true),
                row("'Action':'s3:*','Resource':'arn:aws:s3:::bucket/Data/*'", "s3:GetObject", Docs.OBJECT, "", false),
                row("'Action':'s3:*','Resource':'arn:aws:s3:::bucket/data/*'", "s3:ListBucket", "arn:aws:s3:::bucket", "", false),
                row("'Action':'s3:*','Resource':'arn:aws:s3:::bucket'", "s3:ListBucket", "arn:aws:s3:::bucket", "", true),
                row("'Action':'s3:*','Resource':'arn:aws:s3:::bucket/data/train.g?'", "s3:GetObject", Docs.OBJECT, "", true),
                row("'Action':'s3:*','Resource':'arn:aws:s3:::bucket/*'", "s3:GetObject", "arn:aws:s3:::bucket/a:b", "", true),
                row("'Action':'s3:*','Resource':'arn:aws:s3:::b*t/x'", "s3:GetObject", "arn:aws:s3:::b:t/x", "", false),
                row("'Action':'logs:*','Resource':'arn:aws:logs:*:111122223333:log-group:/aws/sagemaker/*'", "logs:PutLogEvents",
                        "arn:aws:logs:us-east-1:111122223333:log-group:/aws/sagemaker/TrainingJobs:log-stream:j1", "", true),
                row("'Action':'logs:*','Resource':'arn:aws:logs:*:111122223333:log-group:/aws/sagemaker/*'", "logs:PutLogEvents",
                        "arn:aws:logs:us-east-1:444455556666:log-group:/aws/sagemaker/TrainingJobs", "", false),
                row("'Action':'ecr:*','Resource':'arn:aws:ecr:us-east-1:*:repository/mnist'", "ecr:BatchGetImage",
                        "arn:aws:ecr:us-east-1:111122223333:repository/mnist", "", true),
                row("'Action':'s3:*','Resource':'arn:aws:s3:::bucket/data/*'", "s3:GetObject", "*", "", false),
                row("'Action':'s3:*','Resource':'*'", "s3:ListAllMyBuckets", "*", "", true),
                row("'Action':'s3:*','Resource':['arn:aws:s3:::x','arn:aws:s3:::bucket/*']", "s3:GetObject", Docs.OBJECT, "", true),
                // NotResource
                row("'Action':'s3:*','NotResource':'arn:aws:s3:::bucket/secret/*'", "s3:GetObject", Docs.OBJECT, "", true),
                row("'Action':'s3:*','NotResource':'arn:aws:s3:::bucket/data/*'", "s3:GetObject", Docs.OBJECT, "", false),
                // Policy variables, in Resource and in String/Arn conditions
                row("'Action':'s3:*','Resource':'arn:aws:s3:::bucket/${aws:username}/*'", "s3:GetObject",
                        "arn:aws:s3:::bucket/alice/x", "aws:username=alice", true),
                row("'Action':'s3:*','Resource':'arn:aws:s3:::bucket/${aws:username}/*'", "s3:GetObject",
                        "arn:aws:s3:::bucket/bob/x", "aws:username=alice", false),
                row("'Action':'s3:*','Resource':'arn:aws:s3:::bucket/${AWS:UserName}/*'", "s3:GetObject",
                        "arn:aws:s3:::bucket/alice/x", "aws:username=alice", true),
                row("'Action':'s3:*','Resource':'arn:aws:s3:::bucket/${aws:username}/*'", "s3:GetObject",
                        "arn:aws:s3:::bucket/alice/x", "", false),
                row("'Action':'s3:*','NotResource':'arn:aws:s3:::bucket/${aws:username}/*'", "s3:GetObject",
                        "arn:aws:s3:::bucket/alice/x", "", true),
                row("'Action':'s3:*','Resource':'arn:aws:s3:::bucket/${aws:PrincipalTag/team, \\'shared\\'}/*'", "s3:GetObject",
                        "arn:aws:s3:::bucket/shared/x", "", true),
                row("'Action':'s3:*','Resource':'arn:aws:s3:::bucket/${aws:PrincipalTag/team, \\'shared\\'}/*'", "s3:GetObject",
                        "arn:aws:s3:::bucket/ml/x", "aws:PrincipalTag/team=ml", true),
                row("'Action':'s3:*','Resource':'arn:aws:s3:::bucket/${*}'", "s3:GetObject", "arn:aws:s3:::bucket/*", "", true),
                row("'Action':'s3:*','Resource':'arn:aws:s3:::bucket/${*}'", "s3:GetObject", "arn:aws:s3:::bucket/x", "", false),
                row("'Action':'s3:*','Resource':'arn:aws:s3:::bucket/a${?}'", "s3:GetObject", "arn:aws:s3:::bucket/ab", "", false),
                row("'Action':'s3:*','Resource':'arn:aws:s3:::bucket/a${?}'", "s3:GetObject", "arn:aws:s3:::bucket/a?", "", true),
                row("'Action':'s3:*','Resource':'arn:aws:s3:::bucket/${$}x'", "s3:GetObject", "arn:aws:s3:::bucket/$x", "", true),
                row("'Action':'s3:*','Resource':'*','Condition':{'StringLike':{'s3:prefix':'${aws:username}/*'}}", "s3:ListBucket",
                        "arn:aws:s3:::bucket", "aws:username=alice;s3:prefix=alice/x", true),
                row("'Action':'s3:*','Resource':'*','Condition':{'StringLike':{'s3:prefix':'${aws:username}/*'}}", "s3:ListBucket",
                        "arn:aws:s3:::bucket", "aws:username=alice;s3:prefix=bob/x", false),
                // A variable with no value: positive operators do not match it, negated ones do (policy variables page)
                row("'Action':'s3:*','Resource':'*','Condition':{'StringEquals':{'s3:prefix':'${aws:username}'}}", "s3:ListBucket",
                        "arn:aws:s3:::bucket", "s3:prefix=x", false),
                row("'Action':'s3:*','Resource':'*','Condition':{'StringNotEquals':{'s3:prefix':'${aws:username}'}}", "s3:ListBucket",
                        "arn:aws:s3:::bucket", "s3:prefix=x", true),
                row("'Action':'s3:*','Resource':'*','Condition':{'StringEquals':{'s3:prefix':['${aws:username}','x']}}", "s3:ListBucket",
                        "arn:aws:s3:::bucket", "s3:prefix=x", true),
                row("'Action':'s3:*','Resource':'*','Condition':{'ArnEquals':{'aws:SourceArn':'arn:aws:s3:::${aws:username}'}}", "s3:ListBucket",
                        "arn:aws:s3:::bucket", "aws:username=bucket;aws:SourceArn=arn:aws:s3:::bucket", true),
                // Numeric operators take no variables: the text is compared as a number and refused (below)
                row("'Action':'s3:*','Resource':'*','Condition':{'StringEquals':{'s3:prefix':'${aws:username}x'}}", "s3:ListBucket",
                        "arn:aws:s3:::bucket", "aws:username=a;s3:prefix=ax", true));
    }

    private static Arguments row(String elements, String action, String resource, String context, boolean allowed) {
        return Arguments.of(elements.replace("\\'", "\u0001").replace('\'', '"').replace('\u0001', '\''), action,
                resource, context, allowed);
    }

    @ParameterizedTest(name = "{0}: {1} on {2} [{3}] allowed: {4}")
    @MethodSource("rows")
    void statementElementsMatchAsAwsDocuments(String elements, String action, String resource, String context,
            boolean allowed) {
        ParsedPolicy p = policy("p", "{\"Effect\":\"Allow\"," + elements + "}");
        Request request = new Request(action, resource, Optional.empty(), Docs.context(context));

        assertThat(Docs.decide(PolicySet.of(p), request))
                .isEqualTo(allowed ? Decision.Outcome.ALLOWED : Decision.Outcome.IMPLICIT_DENY);
    }

    @ParameterizedTest(name = "Version {0}: variables substituted: {1}")
    @MethodSource("versions")
    void variablesAreSubstitutedOnlyFromVersion20121017(String version, boolean substituted) {
        ParsedPolicy p = ParsedPolicy.parse("p", "{" + version + "\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\","
                + "\"Resource\":\"arn:aws:s3:::b/${aws:username}\"}}");
        Request literal = new Request("s3:GetObject", "arn:aws:s3:::b/${aws:username}", Optional.empty(),
                Map.of("aws:username", java.util.List.of("alice")));

        assertThat(Docs.decide(PolicySet.of(p), literal))
                .isEqualTo(substituted ? Decision.Outcome.IMPLICIT_DENY : Decision.Outcome.ALLOWED);
    }

    static Stream<Arguments> versions() {
        return Stream.of(Arguments.of("\"Version\":\"2012-10-17\",", true),
                Arguments.of("\"Version\":\"2008-10-17\",", false), Arguments.of("", false));
    }
}
