package dev.trainctl.orchestrator.iam;

import static dev.trainctl.orchestrator.iam.Docs.policy;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What the evaluator does not implement, or AWS does not document, is refused with a message naming it. */
class RefusalsTest {

    static Stream<Arguments> documents() {
        return Stream.of(
                Arguments.of("{'Version':'2012-10-17','Statement':[],'Extra':1}", "element Extra is not supported"),
                Arguments.of("{'Version':'2012-10-17','Statement':{'Effect':'Allow','Action':'s3:*','Resource':'*',"
                        + "'Foo':'x'}}", "element Foo is not supported"),
                Arguments.of("{'Version':'2019-01-01','Statement':[]}", "Version 2019-01-01"),
                Arguments.of("{'Version':'2012-10-17','Statement':{'Effect':'Permit','Action':'s3:*','Resource':'*'}}",
                        "Effect must be Allow or Deny"),
                Arguments.of("{'Version':'2012-10-17','Statement':{'Effect':'Allow','Resource':'*'}}",
                        "neither Action nor NotAction"),
                Arguments.of("{'Version':'2012-10-17','Statement':{'Effect':'Allow','Action':'s3:*','NotAction':'x:y',"
                        + "'Resource':'*'}}", "both Action and NotAction"),
                Arguments.of("{'Version':'2012-10-17','Statement':{'Effect':'Allow','Action':'GetObject','Resource':"
                        + "'*'}}", "action 'GetObject' is not service:Action"),
                Arguments.of("{'Version':'2012-10-17','Statement':{'Effect':'Allow','Action':'s3:*','Resource':"
                        + "'arn:aws:s3:*'}}", "resource 'arn:aws:s3:*' is neither * nor an ARN"),
                Arguments.of("{'Version':'2012-10-17','Statement':{'Effect':'Allow','Action':'s3:*','Resource':'*',"
                        + "'Condition':{'StringMatches':{'k':'v'}}}}", "condition operator StringMatches is not supported"),
                Arguments.of("{'Version':'2012-10-17','Statement':{'Effect':'Allow','Action':'s3:*','Resource':'*',"
                        + "'Condition':{'stringequals':{'k':'v'}}}}", "operator names are case-sensitive"),
                Arguments.of("{'Version':'2012-10-17','Statement':{'Effect':'Allow','Action':'s3:*','Resource':'*',"
                        + "'Condition':{'NullIfExists':{'k':'true'}}}}", "Null takes neither IfExists"),
                Arguments.of("{'Version':'2012-10-17','Statement':{'Effect':'Allow','Action':'s3:*','Resource':'*',"
                        + "'Condition':{'StringEquals':{'k':{'a':'b'}}}}}", "must be a string or a list of strings"),
                Arguments.of("{'Version':'2012-10-17','Statement':{'Effect':'Allow','Principal':{'Federated':"
                        + "'cognito-identity.amazonaws.com'},'Action':'sts:AssumeRoleWithWebIdentity'}}",
                        "Principal type Federated is not supported"),
                Arguments.of("{'Version':'2012-10-17','Statement':{'Effect':'Allow','Principal':{'CanonicalUser':"
                        + "'abc'},'Action':'s3:*'}}", "Principal type CanonicalUser is not supported"),
                Arguments.of("{'Version':'2012-10-17','Statement':{'Effect':'Allow','Principal':{'AWS':"
                        + "'arn:aws:iam::111122223333:user/*'},'Action':'s3:*'}}", "AWS principal"),
                Arguments.of("{'Version':'2012-10-17','Statement':{'Effect':'Allow','Principal':{'AWS':"
                        + "'AIDAEXAMPLEUNIQUEID'},'Action':'s3:*'}}", "AWS principal 'AIDAEXAMPLEUNIQUEID'"),
                Arguments.of("{'Version':'2012-10-17','Statement':{'Effect':'Allow','NotPrincipal':{'AWS':"
                        + "'111122223333'},'Action':'s3:*'}}", "NotPrincipal with Effect Allow"),
                Arguments.of("{'Version':'2012-10-17','Statement':{'Effect':'Allow','Action':'s3:*','Resource':"
                        + "'arn:aws:sqs:us-east-1:${aws:PrincipalAccount}:queue'}}", "policy variable before the fifth"),
                Arguments.of("not json", "not valid JSON"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("documents")
    void aDocumentUsingSomethingUnsupportedIsRefusedByName(String json, String message) {
        assertThatThrownBy(() -> ParsedPolicy.parse("doc", json.replace('\'', '"')))
                .isInstanceOf(UnsupportedPolicyException.class).hasMessageContaining(message);
    }

    static Stream<Arguments> evaluations() {
        return Stream.of(
                Arguments.of("{'NumericLessThan':{'k':'ten'}}", "k=1", "condition value 'ten' for k is not a number"),
                Arguments.of("{'DateLessThan':{'k':'yesterday'}}", "k=2026-01-01",
                        "'yesterday' for k is not an ISO 8601 date"),
                Arguments.of("{'Bool':{'k':'yes'}}", "k=true", "'yes' for k is not true or false"),
                Arguments.of("{'IpAddress':{'k':'example.com'}}", "k=10.0.0.1", "'example.com' for k is not a CIDR"),
                Arguments.of("{'IpAddress':{'k':'10.0.0.0/33'}}", "k=10.0.0.1", "is not a CIDR block"),
                Arguments.of("{'BinaryEquals':{'k':'***'}}", "k=QQ==", "is not base64"),
                Arguments.of("{'Null':{'k':'maybe'}}", "", "'maybe' for Null on k"),
                Arguments.of("{'StringEquals':{'aws:TagKeys':'a'}}", "aws:TagKeys=a|b",
                        "StringEquals on aws:TagKeys gets 2 values"),
                Arguments.of("{'StringEquals':{'k':'${aws:TagKeys}'}}", "k=a;aws:TagKeys=a|b",
                        "refers to a key with 2 values"),
                Arguments.of("{'StringEquals':{'k':'${aws:username'}}", "k=a", "has no closing }"),
                Arguments.of("{'StringEquals':{'k':'${aws:username, default}'}}", "k=a", "is malformed"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("evaluations")
    void aConditionThatCannotBeEvaluatedIsRefusedByName(String condition, String context, String message) {
        PolicySet set = PolicySet.of(Docs.allowWhen(condition.replace('\'', '"')));

        assertThatThrownBy(() -> PolicyEvaluator.evaluate(set, Docs.get(Docs.OBJECT, context)))
                .isInstanceOf(UnsupportedPolicyException.class).hasMessageContaining(message)
                .hasMessageStartingWith("p statement S: ");
    }

    @Test
    void aRequestValueOfTheWrongTypeIsABadRequest() {
        PolicySet set = PolicySet.of(Docs.allowWhen("{\"NumericLessThan\":{\"s3:max-keys\":\"10\"}}"));

        assertThatThrownBy(() -> PolicyEvaluator.evaluate(set, Docs.get(Docs.OBJECT, "s3:max-keys=many")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("context value 'many' of s3:max-keys is not a number");
    }

    @Test
    void anIdentityPolicyWithAPrincipalIsRefused() {
        ParsedPolicy p = policy("mine", "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"*\"}");

        assertThatThrownBy(() -> PolicySet.of(p)).isInstanceOf(UnsupportedPolicyException.class)
                .hasMessageContaining("mine statement #1 has Principal; an identity policy");
    }

    @Test
    void aResourcePolicyWithoutPrincipalIsRefused() {
        ParsedPolicy p = policy("bucket", "{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}");

        assertThatThrownBy(() -> ResourcePolicy.resourceBased(p)).isInstanceOf(UnsupportedPolicyException.class)
                .hasMessageContaining("bucket statement #1 has no Principal");
    }

    @Test
    void aResourcePolicyNeedsThePrincipalOfTheRequest() {
        PolicySet set = PolicySet.of().withResource(ResourcePolicy.resourceBased(policy("bucket",
                "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"*\"}")));

        assertThatThrownBy(() -> PolicyEvaluator.evaluate(set, Request.of("s3:GetObject", Docs.OBJECT)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("give the request's principal");
    }

    @Test
    void anAllowToEveryoneUnderABoundaryThatDoesNotAllowIsRefused() {
        PolicySet set = new PolicySet(java.util.List.of(), Optional.of(ResourcePolicy.resourceBased(policy("bucket",
                "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"*\"}"))),
                Optional.of(policy("boundary", "{\"Effect\":\"Allow\",\"Action\":\"ec2:*\",\"Resource\":\"*\"}")));

        assertThatThrownBy(() -> PolicyEvaluator.evaluate(set, Request.of("s3:GetObject", Docs.OBJECT)
                .withPrincipal(Docs.ALICE))).isInstanceOf(UnsupportedPolicyException.class)
                .hasMessageContaining("Principal \"*\" is not documented");
    }

    @Test
    void aServicePrincipalHasNoIdentityPolicies() {
        PolicySet set = PolicySet.of(policy("p", "{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}"));

        assertThatThrownBy(() -> PolicyEvaluator.evaluate(set, Request.of("s3:GetObject", Docs.OBJECT)
                .withPrincipal("sagemaker.amazonaws.com"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no identity policies");
    }

    @Test
    void aNotPrincipalListingASessionWithoutItsRoleIsRefused() {
        PolicySet set = PolicySet.of().withResource(ResourcePolicy.resourceBased(policy("bucket",
                "{\"Effect\":\"Deny\",\"NotPrincipal\":{\"AWS\":[\"" + Docs.SESSION + "\",\"111122223333\"]},"
                        + "\"Action\":\"s3:*\",\"Resource\":\"*\"}")));

        assertThatThrownBy(() -> PolicyEvaluator.evaluate(set, Request.of("s3:GetObject", Docs.OBJECT)
                .withPrincipal(Docs.SESSION))).isInstanceOf(UnsupportedPolicyException.class)
                .hasMessageContaining("but not both its role and its account");
    }

    static Stream<Arguments> badRequests() {
        return Stream.of(Arguments.of("GetObject", Docs.OBJECT, "action must look like service:Action"),
                Arguments.of("s3:GetObject", "bucket/key", "resource must be an ARN"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("badRequests")
    void aMalformedRequestIsRefused(String action, String resource, String message) {
        assertThatThrownBy(() -> Request.of(action, resource)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void aMalformedPrincipalIsRefused() {
        assertThatThrownBy(() -> PrincipalArn.parse("alice")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("principal must be an IAM ARN");
    }
}
