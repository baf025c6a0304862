package dev.trainctl.orchestrator.iam;

import static dev.trainctl.orchestrator.iam.Decision.Outcome.ALLOWED;
import static dev.trainctl.orchestrator.iam.Decision.Outcome.EXPLICIT_DENY;
import static dev.trainctl.orchestrator.iam.Decision.Outcome.IMPLICIT_DENY;
import static dev.trainctl.orchestrator.iam.Docs.ALICE;
import static dev.trainctl.orchestrator.iam.Docs.OBJECT;
import static dev.trainctl.orchestrator.iam.Docs.OTHER_ACCOUNT_USER;
import static dev.trainctl.orchestrator.iam.Docs.ROLE;
import static dev.trainctl.orchestrator.iam.Docs.SESSION;
import static dev.trainctl.orchestrator.iam.Docs.policy;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * How the documents combine (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 * and its pages on single-account and cross-account evaluation, and access_policies_boundaries).
 */
class EvaluationLogicTest {

    private static final String ALLOW_GET = "{\"Sid\":\"AllowGet\",\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
            + "\"Resource\":\"arn:aws:s3:::bucket/*\"}";
    private static final ParsedPolicy IDENTITY = policy("identity", ALLOW_GET);
    private static final ParsedPolicy BOUNDARY_ALLOWS = policy("boundary", "{\"Sid\":\"S3Only\",\"Effect\":\"Allow\","
            + "\"Action\":\"s3:*\",\"Resource\":\"*\"}");
    private static final ParsedPolicy BOUNDARY_DENIES = policy("boundary", "{\"Sid\":\"Ec2Only\",\"Effect\":\"Allow\","
            + "\"Action\":\"ec2:*\",\"Resource\":\"*\"}");

    private static ResourcePolicy bucketPolicyAllowing(String principal) {
        return ResourcePolicy.resourceBased(policy("bucket policy", "{\"Sid\":\"Grant\",\"Effect\":\"Allow\","
                + "\"Principal\":" + principal + ",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::bucket/*\"}"));
    }

    private static Request get(String principal, String account) {
        Request r = new Request("s3:GetObject", OBJECT, Optional.of(principal), Docs.context(account.isEmpty() ? ""
                : "aws:ResourceAccount=" + account));
        return r;
    }

    @Test
    void anApplicableDenyWinsAndEveryDenyIsNamed() {
        ParsedPolicy denies = policy("guard", "{\"Sid\":\"NoData\",\"Effect\":\"Deny\",\"Action\":\"s3:*\","
                + "\"Resource\":\"arn:aws:s3:::bucket/data/*\"},{\"Effect\":\"Deny\",\"Action\":\"s3:Get*\","
                + "\"Resource\":\"*\"},{\"Sid\":\"Elsewhere\",\"Effect\":\"Deny\",\"Action\":\"s3:*\","
                + "\"Resource\":\"arn:aws:s3:::other/*\"}");

        Decision d = PolicyEvaluator.evaluate(PolicySet.of(IDENTITY, denies), Request.of("s3:GetObject", OBJECT));

        assertThat(d.outcome()).isEqualTo(EXPLICIT_DENY);
        assertThat(d.statements()).containsExactly(new StatementRef("guard", "NoData"), new StatementRef("guard", "#2"));
    }

    @Test
    void anAllowNamesTheStatementsThatGrantedIt() {
        ParsedPolicy second = policy("more", "{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}");

        Decision d = PolicyEvaluator.evaluate(PolicySet.of(IDENTITY, second), Request.of("s3:GetObject", OBJECT));

        assertThat(d.outcome()).isEqualTo(ALLOWED);
        assertThat(d.statements()).containsExactly(new StatementRef("identity", "AllowGet"),
                new StatementRef("more", "#1"));
    }

    @Test
    void nothingMatchingIsAnImplicitDenyThatSaysSo() {
        Decision d = PolicyEvaluator.evaluate(PolicySet.of(IDENTITY), Request.of("s3:PutObject", OBJECT));

        assertThat(d.outcome()).isEqualTo(IMPLICIT_DENY);
        assertThat(d.statements()).isEmpty();
        assertThat(d.reason()).isEqualTo("no statement allows it");
    }

    @Test
    void anImplicitDenyListsTheConditionKeysTheRequestLacked() {
        ParsedPolicy p = Docs.allowWhen("{\"StringEquals\":{\"aws:SourceAccount\":\"111122223333\"},"
                + "\"Bool\":{\"aws:SecureTransport\":\"true\"}}");

        Decision d = PolicyEvaluator.evaluate(PolicySet.of(p), Docs.get(OBJECT, "aws:SecureTransport=true"));

        assertThat(d.outcome()).isEqualTo(IMPLICIT_DENY);
        assertThat(d.missingContextKeys()).containsExactly("aws:SourceAccount");
    }

    /** Each row: identity allows?, boundary (none/allows/denies), resource policy principal or "", principal, outcome. */
    static Stream<Arguments> combinations() {
        return Stream.of(
                // same account: either side suffices
                Arguments.of(true, "none", "", ALICE, ALLOWED),
                Arguments.of(false, "none", "", ALICE, IMPLICIT_DENY),
                Arguments.of(false, "none", "{\"AWS\":\"" + ALICE + "\"}", ALICE, ALLOWED),
                Arguments.of(false, "none", "\"*\"", ALICE, ALLOWED),
                Arguments.of(false, "none", "{\"AWS\":\"*\"}", ALICE, ALLOWED),
                Arguments.of(false, "none", "{\"AWS\":\"" + ROLE + "\"}", SESSION, ALLOWED),
                Arguments.of(false, "none", "{\"AWS\":\"" + SESSION + "\"}", SESSION, ALLOWED),
                Arguments.of(false, "none", "{\"AWS\":\"arn:aws:sts::111122223333:assumed-role/trainer/other\"}",
                        SESSION, IMPLICIT_DENY),
                Arguments.of(false, "none", "{\"AWS\":\"arn:aws:iam::111122223333:user/bob\"}", ALICE, IMPLICIT_DENY),
                // an account principal delegates to the account's identity policies
                Arguments.of(false, "none", "{\"AWS\":\"111122223333\"}", ALICE, IMPLICIT_DENY),
                Arguments.of(false, "none", "{\"AWS\":\"arn:aws:iam::111122223333:root\"}", ALICE, IMPLICIT_DENY),
                Arguments.of(true, "none", "{\"AWS\":\"111122223333\"}", ALICE, ALLOWED),
                // boundaries limit identity-based allows ...
                Arguments.of(true, "allows", "", ALICE, ALLOWED),
                Arguments.of(true, "denies", "", ALICE, IMPLICIT_DENY),
                Arguments.of(false, "allows", "", ALICE, IMPLICIT_DENY),
                // ... not grants to a user or session ARN, but grants to a role ARN
                Arguments.of(false, "denies", "{\"AWS\":\"" + ALICE + "\"}", ALICE, ALLOWED),
                Arguments.of(false, "denies", "{\"AWS\":\"" + SESSION + "\"}", SESSION, ALLOWED),
                Arguments.of(false, "denies", "{\"AWS\":\"" + ROLE + "\"}", SESSION, IMPLICIT_DENY),
                Arguments.of(false, "allows", "{\"AWS\":\"" + ROLE + "\"}", SESSION, ALLOWED),
                // cross-account: both sides must allow
                Arguments.of(true, "none", "", OTHER_ACCOUNT_USER, IMPLICIT_DENY),
                Arguments.of(false, "none", "{\"AWS\":\"" + OTHER_ACCOUNT_USER + "\"}", OTHER_ACCOUNT_USER,
                        IMPLICIT_DENY),
                Arguments.of(true, "none", "{\"AWS\":\"" + OTHER_ACCOUNT_USER + "\"}", OTHER_ACCOUNT_USER, ALLOWED),
                Arguments.of(true, "none", "{\"AWS\":\"444455556666\"}", OTHER_ACCOUNT_USER, ALLOWED),
                Arguments.of(true, "none", "{\"AWS\":\"111122223333\"}", OTHER_ACCOUNT_USER, IMPLICIT_DENY),
                Arguments.of(true, "denies", "{\"AWS\":\"" + OTHER_ACCOUNT_USER + "\"}", OTHER_ACCOUNT_USER,
                        IMPLICIT_DENY),
                Arguments.of(true, "allows", "\"*\"", OTHER_ACCOUNT_USER, ALLOWED));
    }

    @ParameterizedTest(name = "identity {0}, boundary {1}, resource policy for {2}, principal {3}: {4}")
    @MethodSource("combinations")
    void identityResourceAndBoundaryCombineAsAwsDocuments(boolean identityAllows, String boundary,
            String resourcePrincipal, String principal, Decision.Outcome expected) {
        PolicySet set = new PolicySet(identityAllows ? List.of(IDENTITY) : List.of(),
                resourcePrincipal.isEmpty() ? Optional.empty() : Optional.of(bucketPolicyAllowing(resourcePrincipal)),
                switch (boundary) {
                    case "allows" -> Optional.of(BOUNDARY_ALLOWS);
                    case "denies" -> Optional.of(BOUNDARY_DENIES);
                    default -> Optional.empty();
                });

        assertThat(Docs.decide(set, get(principal, "111122223333"))).isEqualTo(expected);
    }

    @Test
    void aGrantToARoleArnThatTheBoundaryCutsNamesTheBoundaryAsTheCause() {
        PolicySet set = new PolicySet(List.of(), Optional.of(bucketPolicyAllowing("{\"AWS\":\"" + ROLE + "\"}")),
                Optional.of(BOUNDARY_DENIES));

        Decision d = PolicyEvaluator.evaluate(set, get(SESSION, "111122223333"));

        assertThat(d.outcome()).isEqualTo(IMPLICIT_DENY);
        assertThat(d.reason()).contains("which names the role's ARN, but the role's permissions boundary does not"
                + " allow it").doesNotContain("identity policies must allow it");
    }

    @Test
    void theResourceAccountComesFromTheArnBeforeTheContext() {
        Request toOtherAccountsLogs = new Request("logs:PutLogEvents",
                "arn:aws:logs:us-east-1:444455556666:log-group:x", Optional.of(ALICE),
                Docs.context("aws:ResourceAccount=111122223333"));
        ParsedPolicy logs = policy("logs", "{\"Effect\":\"Allow\",\"Action\":\"logs:*\",\"Resource\":\"*\"}");

        Decision d = PolicyEvaluator.evaluate(PolicySet.of(logs), toOtherAccountsLogs);

        assertThat(d.outcome()).isEqualTo(IMPLICIT_DENY);
        assertThat(d.reason()).startsWith("cross-account (principal in 111122223333, resource in 444455556666)");
    }

    @Test
    void anS3ArnWithoutAccountIsInThePrincipalsAccountUnlessTheContextSaysOtherwise() {
        PolicySet set = PolicySet.of(IDENTITY);

        assertThat(Docs.decide(set, get(ALICE, ""))).isEqualTo(ALLOWED);
        assertThat(Docs.decide(set, get(ALICE, "444455556666"))).isEqualTo(IMPLICIT_DENY);
    }

    @Test
    void theRootUserIsAllowedInItsAccountUnlessDenied() {
        String root = "arn:aws:iam::111122223333:root";
        ResourcePolicy denyAll = ResourcePolicy.resourceBased(policy("bucket policy", "{\"Sid\":\"Locked\","
                + "\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"*\"}"));

        Decision mine = PolicyEvaluator.evaluate(PolicySet.of(), get(root, ""));
        Decision theirs = PolicyEvaluator.evaluate(PolicySet.of(), get(root, "444455556666"));
        Decision locked = PolicyEvaluator.evaluate(PolicySet.of().withResource(denyAll), get(root, ""));

        assertThat(mine.outcome()).isEqualTo(ALLOWED);
        assertThat(mine.reason()).isEqualTo("the account root user has full access within its account");
        assertThat(theirs.outcome()).isEqualTo(IMPLICIT_DENY);
        assertThat(locked.outcome()).isEqualTo(EXPLICIT_DENY);
    }

    @Test
    void theRootUserCannotAssumeARoleWhateverTheTrustPolicySays() {
        String root = "arn:aws:iam::111122223333:root";
        ResourcePolicy trustsTheAccount = ResourcePolicy.trust(policy("trust policy", "{\"Sid\":\"Account\","
                + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + root + "\"},\"Action\":\"sts:AssumeRole\"}"));
        ParsedPolicy allowsAssuming = policy("identity", "{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\","
                + "\"Resource\":\"*\"}");

        for (String principal : List.of(root, "111122223333")) {
            for (String action : List.of("sts:AssumeRole", "STS:assumerole", "sts:AssumeRoleWithWebIdentity")) {
                Decision d = PolicyEvaluator.evaluate(PolicySet.of(allowsAssuming).withResource(trustsTheAccount),
                        new Request(action, ROLE, Optional.of(principal), java.util.Map.of()));

                assertThat(d.outcome()).as("%s %s", principal, action).isEqualTo(IMPLICIT_DENY);
                assertThat(d.reason()).contains("Roles may not be assumed by root accounts");
                assertThat(d.statements()).isEmpty();
            }
        }
        Decision user = PolicyEvaluator.evaluate(PolicySet.of().withResource(trustsTheAccount),
                new Request("sts:AssumeRole", ROLE, Optional.of(ALICE), java.util.Map.of()));
        assertThat(user.outcome()).as("the account delegates to alice's own policies").isEqualTo(IMPLICIT_DENY);
        assertThat(PolicyEvaluator.evaluate(PolicySet.of(allowsAssuming).withResource(trustsTheAccount),
                new Request("sts:AssumeRole", ROLE, Optional.of(ALICE), java.util.Map.of())).outcome())
                .isEqualTo(ALLOWED);
    }

    @Test
    void theDenyOfABucketPolicyAppliesToTheRoleToo() {
        ResourcePolicy tlsOnly = ResourcePolicy.resourceBased(policy("bucket policy", "{\"Sid\":\"DenyRequestsWithoutTls\","
                + "\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3:::bucket/*\","
                + "\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}"));
        PolicySet set = PolicySet.of(IDENTITY).withResource(tlsOnly);

        Decision plain = PolicyEvaluator.evaluate(set, get(SESSION, "").withContext("aws:SecureTransport", "false"));
        Decision tls = PolicyEvaluator.evaluate(set, get(SESSION, "").withContext("aws:SecureTransport", "true"));

        assertThat(plain.outcome()).isEqualTo(EXPLICIT_DENY);
        assertThat(plain.statements()).containsExactly(new StatementRef("bucket policy", "DenyRequestsWithoutTls"));
        assertThat(tls.outcome()).isEqualTo(ALLOWED);
    }

    static Stream<Arguments> trust() {
        String sagemaker = "{\"Sid\":\"SageMaker\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                + "\"sagemaker.amazonaws.com\"},\"Action\":\"sts:AssumeRole\",\"Condition\":{\"StringEquals\":"
                + "{\"aws:SourceAccount\":\"111122223333\"},\"ArnLike\":{\"aws:SourceArn\":"
                + "\"arn:aws:sagemaker:*:111122223333:training-job/*\"}}}";
        String job = "aws:SourceAccount=111122223333;aws:SourceArn=arn:aws:sagemaker:us-east-1:111122223333:"
                + "training-job/j1";
        return Stream.of(
                Arguments.of(sagemaker, "sagemaker.amazonaws.com", job, false, ALLOWED),
                Arguments.of(sagemaker, "sagemaker.amazonaws.com", "aws:SourceAccount=111122223333", false,
                        IMPLICIT_DENY),
                Arguments.of(sagemaker, "sagemaker.amazonaws.com", "aws:SourceAccount=444455556666;aws:SourceArn="
                        + "arn:aws:sagemaker:us-east-1:444455556666:training-job/j1", false, IMPLICIT_DENY),
                Arguments.of(sagemaker, "ec2.amazonaws.com", job, false, IMPLICIT_DENY),
                Arguments.of(sagemaker, ALICE, "", true, IMPLICIT_DENY),
                // a trust policy that names the account delegates to the caller's identity policies
                Arguments.of("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111122223333\"},\"Action\":"
                        + "\"sts:AssumeRole\"}", ALICE, "", false, IMPLICIT_DENY),
                Arguments.of("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111122223333\"},\"Action\":"
                        + "\"sts:AssumeRole\"}", ALICE, "", true, ALLOWED),
                // one that names the user suffices on its own
                Arguments.of("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + ALICE + "\"},\"Action\":"
                        + "\"sts:AssumeRole\"}", ALICE, "", false, ALLOWED));
    }

    @ParameterizedTest(name = "trust {0} for {1} [{2}], caller may assume: {3}: {4}")
    @MethodSource("trust")
    void aTrustPolicyMustAllowAssumingTheRole(String statement, String principal, String context,
            boolean callerMayAssume, Decision.Outcome expected) {
        ParsedPolicy assume = policy("caller", "{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}");
        PolicySet set = new PolicySet(callerMayAssume ? List.of(assume) : List.of(),
                Optional.of(ResourcePolicy.trust(policy("trust policy", statement))), Optional.empty());
        Request r = new Request("sts:AssumeRole", ROLE, Optional.of(principal), Docs.context(context));

        assertThat(Docs.decide(set, r)).isEqualTo(expected);
    }

    @Test
    void aKeyPolicyMustAllowEvenWhenTheIdentityPolicyDoes() {
        ParsedPolicy kms = policy("caller", "{\"Effect\":\"Allow\",\"Action\":\"kms:Decrypt\",\"Resource\":\"*\"}");
        ResourcePolicy keyPolicy = new ResourcePolicy(policy("key policy", "{\"Effect\":\"Allow\",\"Principal\":"
                + "{\"AWS\":\"arn:aws:iam::111122223333:user/admin\"},\"Action\":\"kms:*\",\"Resource\":\"*\"}"),
                ResourcePolicy.Kind.KMS_KEY);
        ResourcePolicy enablesIam = new ResourcePolicy(policy("key policy", "{\"Sid\":\"EnableIamPolicies\","
                + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},\"Action\":\"kms:*\","
                + "\"Resource\":\"*\"}"), ResourcePolicy.Kind.KMS_KEY);
        Request decrypt = new Request("kms:Decrypt", "arn:aws:kms:us-east-1:111122223333:key/k1", Optional.of(ALICE),
                java.util.Map.of());

        assertThat(Docs.decide(PolicySet.of(kms).withResource(keyPolicy), decrypt)).isEqualTo(IMPLICIT_DENY);
        assertThat(Docs.decide(PolicySet.of(kms).withResource(enablesIam), decrypt)).isEqualTo(ALLOWED);
        assertThat(Docs.decide(PolicySet.of().withResource(enablesIam), decrypt)).isEqualTo(IMPLICIT_DENY);
    }

    @Test
    void thePrincipalArnGivesThePrincipalKeys() {
        ParsedPolicy p = Docs.allowWhen("{\"StringEquals\":{\"aws:PrincipalAccount\":\"111122223333\","
                + "\"aws:PrincipalType\":\"AssumedRole\"},\"ArnEquals\":{\"aws:PrincipalArn\":\"" + ROLE + "\"},"
                + "\"Null\":{\"aws:username\":\"true\"}}");
        ParsedPolicy user = Docs.allowWhen("{\"StringEquals\":{\"aws:username\":\"alice\",\"aws:PrincipalType\":\"User\"}}");

        assertThat(Docs.decide(PolicySet.of(p), get(SESSION, ""))).isEqualTo(ALLOWED);
        assertThat(Docs.decide(PolicySet.of(p), get(ALICE, ""))).isEqualTo(IMPLICIT_DENY);
        assertThat(Docs.decide(PolicySet.of(user), get(ALICE, ""))).isEqualTo(ALLOWED);
        assertThat(Docs.decide(PolicySet.of(user), get(SESSION, ""))).isEqualTo(IMPLICIT_DENY);
    }

    @Test
    void nothingIsInventedIntoTheContext() {
        ParsedPolicy p = Docs.allowWhen("{\"Null\":{\"aws:SecureTransport\":\"true\",\"aws:userid\":\"true\","
                + "\"aws:CurrentTime\":\"true\",\"aws:SourceIp\":\"true\"}}");

        assertThat(Docs.decide(PolicySet.of(p), get(ALICE, ""))).isEqualTo(ALLOWED);
    }

    @Test
    void aContextKeyTheRequestGivesWinsOverTheDerivedOne() {
        ParsedPolicy p = Docs.allowWhen("{\"ArnEquals\":{\"aws:PrincipalArn\":\"arn:aws:iam::111122223333:role/ml/trainer\"}}");
        Request withPath = get(SESSION, "").withContext("aws:PrincipalArn", "arn:aws:iam::111122223333:role/ml/trainer");

        assertThat(Docs.decide(PolicySet.of(p), withPath)).isEqualTo(ALLOWED);
    }

    static Stream<Arguments> notPrincipal() {
        String bob = "arn:aws:iam::444455556666:user/Bob";
        return Stream.of(
                Arguments.of("[\"" + bob + "\",\"arn:aws:iam::444455556666:root\"]", bob, false, ALLOWED),
                Arguments.of("[\"" + bob + "\",\"arn:aws:iam::444455556666:root\"]", OTHER_ACCOUNT_USER, false,
                        EXPLICIT_DENY),
                Arguments.of("[\"" + SESSION + "\",\"" + ROLE + "\",\"111122223333\"]", SESSION, false, ALLOWED),
                Arguments.of("[\"" + SESSION + "\",\"" + ROLE + "\",\"111122223333\"]", SESSION, true, EXPLICIT_DENY),
                Arguments.of("\"" + OTHER_ACCOUNT_USER + "\"", ALICE, false, EXPLICIT_DENY));
    }

    /** reference_policies_elements_notprincipal's examples; a boundary makes the Deny apply to everyone. */
    @ParameterizedTest(name = "NotPrincipal {0}, principal {1}, with boundary {2}: {3}")
    @MethodSource("notPrincipal")
    void notPrincipalDeniesEveryoneNotFullyListed(String listed, String principal, boolean boundary,
            Decision.Outcome expected) {
        ResourcePolicy bucket = ResourcePolicy.resourceBased(policy("bucket policy", "{\"Effect\":\"Deny\","
                + "\"NotPrincipal\":{\"AWS\":" + listed + "},\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3:::bucket/*\"},"
                + "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}"));
        ParsedPolicy everything = policy("admin", "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}");
        PolicySet set = new PolicySet(List.of(everything), Optional.of(bucket), boundary ? Optional.of(BOUNDARY_ALLOWS)
                : Optional.empty());
        Request r = new Request("s3:GetObject", OBJECT, Optional.of(principal), Docs.context(
                "aws:ResourceAccount=" + PrincipalArn.parse(principal).account()));

        assertThat(Docs.decide(set, r)).isEqualTo(expected);
    }
}
