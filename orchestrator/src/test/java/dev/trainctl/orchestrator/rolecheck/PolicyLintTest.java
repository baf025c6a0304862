package dev.trainctl.orchestrator.rolecheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.trainctl.orchestrator.roles.PolicyDocument;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PolicyLintTest {

    private static List<Finding> lint(PolicyDocument... documents) {
        return PolicyLint.findings(List.of(documents), Optional.of(Corpus.SCOPE));
    }

    @Test
    void trainctlsOwnPolicyHasNoFindingAndEveryLintRowPasses() {
        assertThat(lint(Corpus.oursPermissions())).isEmpty();
        assertThat(PolicyLint.check(List.of(Corpus.oursPermissions()), Optional.of(Corpus.SCOPE)))
                .extracting(CheckResult::verdict).containsOnly(Verdict.PASS).hasSize(6);
    }

    @Test
    void awsDocumentedCreateTrainingJobExampleFailsOnlyForResourceStarOnScopableActions() {
        List<Finding> findings = lint(Corpus.inlineFile("aws-example", "aws-create-training-job-example.json"));

        assertThat(findings).extracting(Finding::rule, Finding::verdict, Finding::statement)
                .containsExactly(tuple(PolicyLint.RULE_RESOURCE_WILDCARD, Verdict.FAIL, "#1"));
        assertThat(findings.get(0).message()).contains("logs:CreateLogStream").contains("and 6 more")
                .doesNotContain("ecr:GetAuthorizationToken").doesNotContain("cloudwatch:PutMetricData");
    }

    @Test
    void wildcardAdminFailsActionWildcardIamWriteAndResourceWildcard() {
        List<Finding> findings = lint(Corpus.inlineFile("admin", "wildcard-admin.json"));

        assertThat(findings).extracting(Finding::rule, Finding::verdict, Finding::location).containsExactly(
                tuple(PolicyLint.RULE_ACTION_WILDCARD, Verdict.FAIL, "admin / EverythingEverywhere"),
                tuple(PolicyLint.RULE_IAM_WRITE, Verdict.FAIL, "admin / EverythingEverywhere"),
                tuple(PolicyLint.RULE_RESOURCE_WILDCARD, Verdict.FAIL, "admin / EverythingEverywhere"));
        assertThat(findings.get(0).message()).contains("every action of every service");
    }

    @Test
    void notActionAllowFailsAndNamesWhatItExcludes() {
        List<Finding> findings = lint(Corpus.inlineFile("trick", "not-action-trick.json"));

        assertThat(findings).extracting(Finding::rule, Finding::verdict, Finding::statement)
                .containsExactly(tuple(PolicyLint.RULE_NOT_ACTION, Verdict.FAIL, "AllButIam"));
        assertThat(findings.get(0).message()).contains("every action except iam:*, organizations:*");
        assertThat(findings.get(0).fix()).contains("Action list");
    }

    @Test
    void outputPrefixWithoutSlashStarFailsWithTheCorrectedArn() {
        List<Finding> findings = lint(Corpus.inlineFile("typo", "missing-output-wildcard.json"));

        assertThat(findings).extracting(Finding::rule, Finding::verdict, Finding::statement)
                .containsExactly(tuple(PolicyLint.RULE_S3_OBJECT_ARN, Verdict.FAIL, "WriteTheModel"));
        assertThat(findings.get(0).message()).contains("names the output prefix itself");
        assertThat(findings.get(0).fix())
                .contains("arn:aws:s3:::trainctl-111122223333-us-east-1/trainctl-mnist/output/*");
    }

    @Test
    void amazonSageMakerFullAccessFailsEveryBreadthCheck() {
        List<Finding> findings = lint(Corpus.sageMakerFullAccess());

        assertThat(findings).filteredOn(f -> f.verdict() == Verdict.FAIL).extracting(Finding::rule)
                .contains(PolicyLint.RULE_MANAGED, PolicyLint.RULE_ACTION_WILDCARD, PolicyLint.RULE_RESOURCE_WILDCARD,
                        PolicyLint.RULE_IAM_WRITE, PolicyLint.RULE_NOT_ACTION);
        assertThat(findings).extracting(Finding::rule, Finding::verdict, Finding::statement).contains(
                tuple(PolicyLint.RULE_MANAGED, Verdict.FAIL, "(attached)"),
                tuple(PolicyLint.RULE_NOT_ACTION, Verdict.FAIL, "AllowAllNonAdminSageMakerActions"),
                tuple(PolicyLint.RULE_ACTION_WILDCARD, Verdict.FAIL, "AllowAllNonAdminSageMakerActions"),
                tuple(PolicyLint.RULE_ACTION_WILDCARD, Verdict.FAIL, "AllowFlowDefinitionActions"),
                tuple(PolicyLint.RULE_ACTION_WILDCARD, Verdict.WARN, "AllowAWSServiceActions"),
                tuple(PolicyLint.RULE_RESOURCE_WILDCARD, Verdict.FAIL, "AllowAWSServiceActions"),
                tuple(PolicyLint.RULE_RESOURCE_WILDCARD, Verdict.FAIL, "AllowS3BucketActions"));
        assertThat(findings).filteredOn(f -> f.rule().equals(PolicyLint.RULE_IAM_WRITE)).extracting(Finding::statement)
                .containsExactlyInAnyOrder("AllowCreateServiceLinkedRoleForSageMakerApplicationAutoscaling",
                        "AllowCreateServiceLinkedRoleForRobomaker", "AllowPassRoleForSageMakerRoles",
                        "AllowPassRoleToSageMaker");
        assertThat(findings).filteredOn(f -> f.statement().equals("AllowPassRoleToSageMaker")
                && f.rule().equals(PolicyLint.RULE_IAM_WRITE)).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("iam:PassRole").contains("privilege escalation"));
        assertThat(findings).filteredOn(f -> f.rule().equals(PolicyLint.RULE_MANAGED)).singleElement()
                .satisfies(f -> assertThat(f.fix()).contains("inline policy").contains("policy show role"));
    }

    @Test
    void amazonS3FullAccessFailsAsManagedPolicyActionWildcardAndResourceStar() {
        List<Finding> findings = lint(Corpus.s3FullAccess());

        assertThat(findings).extracting(Finding::rule, Finding::verdict, Finding::statement).containsExactly(
                tuple(PolicyLint.RULE_MANAGED, Verdict.FAIL, "(attached)"),
                tuple(PolicyLint.RULE_ACTION_WILDCARD, Verdict.FAIL, "#1"),
                tuple(PolicyLint.RULE_RESOURCE_WILDCARD, Verdict.FAIL, "#1"));
        assertThat(findings.get(0).fix()).contains("s3:GetObject on BUCKET/PREFIX/data/*");
    }

    @Test
    void starOnlyActionsMayUseResourceStarButPartialWriteWildcardsFail() {
        PolicyDocument document = PolicyDocument.inline("mixed", """
                {"Version": "2012-10-17", "Statement": [
                  {"Sid": "Token", "Effect": "Allow", "Action": ["ecr:GetAuthorizationToken", "cloudwatch:PutMetricData"],
                   "Resource": "*"},
                  {"Sid": "Puts", "Effect": "Allow", "Action": "s3:Put*",
                   "Resource": "arn:aws:s3:::trainctl-111122223333-us-east-1/trainctl-mnist/output/*"},
                  {"Sid": "Reads", "Effect": "Allow", "Action": "s3:Get*",
                   "Resource": "arn:aws:s3:::trainctl-111122223333-us-east-1/trainctl-mnist/data/*"},
                  {"Sid": "DenyIsNotAGrant", "Effect": "Deny", "Action": "*", "Resource": "*"}
                ]}""");

        assertThat(lint(document)).extracting(Finding::rule, Finding::verdict, Finding::statement).containsExactly(
                tuple(PolicyLint.RULE_ACTION_WILDCARD, Verdict.FAIL, "Puts"),
                tuple(PolicyLint.RULE_ACTION_WILDCARD, Verdict.WARN, "Reads"));
    }

    @Test
    void objectActionsOnABucketArnFailButBucketArnsBesideListBucketDoNot() {
        PolicyDocument document = PolicyDocument.inline("buckets", """
                {"Version": "2012-10-17", "Statement": [
                  {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::some-bucket"},
                  {"Effect": "Allow", "Action": ["s3:ListBucket", "s3:GetObject"],
                   "Resource": ["arn:aws:s3:::some-bucket", "arn:aws:s3:::some-bucket/*"]}
                ]}""");

        assertThat(lint(document)).extracting(Finding::rule, Finding::statement, Finding::message)
                .containsExactly(tuple(PolicyLint.RULE_S3_OBJECT_ARN, "#1",
                        "s3:GetObject on arn:aws:s3:::some-bucket: a bucket ARN matches no object"));
    }
}
