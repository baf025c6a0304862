package dev.trainctl.orchestrator.rolecheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.trainctl.orchestrator.roles.PolicyDocument;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrustCheckTest {

    private static List<CheckResult> check(PolicyDocument trust) {
        return TrustCheck.check(trust, Corpus.ACCOUNT);
    }

    @Test
    void trainctlsTrustPolicyPassesAllThreeChecks() {
        assertThat(check(Corpus.oursTrust())).extracting(CheckResult::check, CheckResult::verdict).containsExactly(
                tuple(TrustCheck.RULE_SAGEMAKER, Verdict.PASS),
                tuple(TrustCheck.RULE_DEPUTY, Verdict.PASS),
                tuple(TrustCheck.RULE_PRINCIPALS, Verdict.PASS));
    }

    @Test
    void trustWithoutSourceConditionsWarnsAboutTheConfusedDeputy() {
        List<Finding> findings = TrustCheck.findings(PolicyDocument.trust(Corpus.read("trust-no-conditions.json")),
                Corpus.ACCOUNT);

        assertThat(findings).extracting(Finding::rule, Finding::verdict, Finding::location)
                .containsExactly(tuple(TrustCheck.RULE_DEPUTY, Verdict.WARN, "trust policy / #1"));
        assertThat(findings.get(0).message()).contains("confused deputy");
        assertThat(findings.get(0).fix()).contains("\"aws:SourceAccount\": \"111122223333\"").contains("aws:SourceArn");
    }

    @Test
    void trustForStarFailsAndSageMakerIsNotEvenTrusted() {
        List<Finding> findings = TrustCheck.findings(PolicyDocument.trust(Corpus.read("trust-star.json")),
                Corpus.ACCOUNT);

        assertThat(findings).extracting(Finding::rule, Finding::verdict, Finding::statement).containsExactly(
                tuple(TrustCheck.RULE_SAGEMAKER, Verdict.FAIL, "(none)"),
                tuple(TrustCheck.RULE_PRINCIPALS, Verdict.FAIL, "AnyoneAtAll"));
        assertThat(findings.get(1).message()).contains("lets anyone, in any account, assume the role");
    }

    @Test
    void anotherAccountsPrincipalFailsNamingTheAccount() {
        List<Finding> findings = TrustCheck.findings(PolicyDocument.trust(Corpus.read("trust-foreign-account.json")),
                Corpus.ACCOUNT);

        assertThat(findings).extracting(Finding::rule, Finding::verdict, Finding::statement)
                .containsExactly(tuple(TrustCheck.RULE_PRINCIPALS, Verdict.FAIL, "PartnerAccount"));
        assertThat(findings.get(0).message()).contains("arn:aws:iam::444455556666:root outside account 111122223333");
    }

    @Test
    void sourceAccountOfAnotherAccountFails() {
        PolicyDocument trust = PolicyDocument.trust("""
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                  "Principal": {"Service": "sagemaker.amazonaws.com"}, "Action": "sts:AssumeRole",
                  "Condition": {"StringEquals": {"aws:SourceAccount": "444455556666"}}}]}""");

        assertThat(TrustCheck.findings(trust, Corpus.ACCOUNT)).extracting(Finding::rule, Finding::verdict)
                .containsExactly(tuple(TrustCheck.RULE_DEPUTY, Verdict.FAIL));
    }

    @Test
    void sameAccountPrincipalAndOtherServicesWarn() {
        PolicyDocument trust = PolicyDocument.trust("""
                {"Version": "2012-10-17", "Statement": [{"Sid": "Both", "Effect": "Allow",
                  "Principal": {"Service": ["sagemaker.amazonaws.com", "lambda.amazonaws.com"],
                                "AWS": "arn:aws:iam::111122223333:root"},
                  "Action": "sts:AssumeRole",
                  "Condition": {"StringEquals": {"aws:SourceAccount": "111122223333"}}}]}""");

        assertThat(TrustCheck.findings(trust, Corpus.ACCOUNT)).extracting(Finding::rule, Finding::verdict)
                .containsExactlyInAnyOrder(tuple(TrustCheck.RULE_PRINCIPALS, Verdict.WARN),
                        tuple(TrustCheck.RULE_PRINCIPALS, Verdict.WARN));
    }

    private static List<CheckResult> evaluated(String trust) {
        return TrustCheck.check(PolicyDocument.trust(trust), Corpus.ROLE, Corpus.SCOPE, Corpus.JOB_NAME, false);
    }

    @Test
    void theTrustIsEvaluatedForTheJobTheCallerWouldStart() {
        String otherNames = """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                  "Principal": {"Service": "sagemaker.amazonaws.com"}, "Action": "sts:AssumeRole",
                  "Condition": {"ArnLike": {"aws:SourceArn":
                    "arn:aws:sagemaker:us-east-1:111122223333:training-job/other-*"}}}]}""";

        assertThat(evaluated(Corpus.oursTrust().json())).extracting(CheckResult::verdict).containsOnly(Verdict.PASS);
        assertThat(evaluated(otherNames)).filteredOn(c -> c.check().equals(TrustCheck.RULE_SAGEMAKER)).singleElement()
                .satisfies(c -> {
                    assertThat(c.verdict()).isEqualTo(Verdict.FAIL);
                    assertThat(c.reason()).contains("may not assume the role for training job " + Corpus.JOB_NAME)
                            .contains("so CreateTrainingJob fails with \"Could not assume role\"");
                });
    }

    @Test
    void aTrustConditionOnAKeyTheCheckDoesNotSupplyIsAWarningNotAFailure() {
        List<CheckResult> rows = evaluated("""
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                  "Principal": {"Service": "sagemaker.amazonaws.com"}, "Action": "sts:AssumeRole",
                  "Condition": {"StringEquals": {"aws:SourceAccount": "111122223333",
                                                 "aws:SourceOrgID": "o-a1b2c3d4e5"}}}]}""");

        assertThat(rows).filteredOn(c -> c.check().equals(TrustCheck.RULE_SAGEMAKER)).singleElement()
                .satisfies(c -> {
                    assertThat(c.verdict()).isEqualTo(Verdict.WARN);
                    assertThat(c.reason()).contains("was not decided: the trust's conditions use aws:SourceOrgID");
                });
    }
}
