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
}
