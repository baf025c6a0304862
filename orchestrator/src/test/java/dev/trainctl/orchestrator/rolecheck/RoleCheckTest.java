package dev.trainctl.orchestrator.rolecheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.trainctl.orchestrator.fakes.FakeSts;
import dev.trainctl.orchestrator.roles.PolicyDocument;
import dev.trainctl.orchestrator.roles.PolicyKind;
import dev.trainctl.orchestrator.roles.RoleDocuments;
import dev.trainctl.orchestrator.roles.RoleReader;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.ContextEntry;
import software.amazon.awssdk.services.iam.model.ContextKeyTypeEnum;
import software.amazon.awssdk.services.iam.model.GetRoleRequest;
import software.amazon.awssdk.services.iam.model.ListAttachedRolePoliciesRequest;
import software.amazon.awssdk.services.iam.model.SimulatePrincipalPolicyRequest;

class RoleCheckTest {

    private static RoleCheckReport check(SimulatingIam iam) {
        return new RoleCheck(iam, new FakeSts(Corpus.CALLER)).run(Corpus.request());
    }

    @Test
    void trainctlsRolePassesEveryCheckWithNoWarning() {
        RoleCheckReport report = check(Corpus.iam(Corpus.ours()));

        assertThat(report.checks()).extracting(CheckResult::verdict).containsOnly(Verdict.PASS);
        assertThat(report.checks()).extracting(CheckResult::check).containsExactly(
                "trust.sagemaker", "trust.confused-deputy", "trust.principals", "trust.tuning-trials",
                "lint.action-wildcard", "lint.resource-wildcard", "lint.iam-write", "lint.not-action",
                "lint.managed-policy", "lint.s3-object-arn", "lint.ec2-without-vpc",
                "simulate.required", "simulate.probes",
                "caller.escalation", "caller.escalation", "caller.pass-role", "caller.create-training-job",
                "caller.create-tuning-job");
        assertThat(report.roleMatrix()).hasSize(14 + 15).allMatch(r -> r.verdict() == Verdict.PASS);
        assertThat(report.notes()).isEmpty();
        assertThat(report.exitCode().code()).isZero();
    }

    @Test
    void documentsAreReadThroughThePaginatorsAndUrlDecoded() {
        SimulatingIam iam = Corpus.iam(Corpus.role(Corpus.oursTrust(), Corpus.oursPermissions(), Corpus.s3FullAccess(),
                Corpus.sageMakerFullAccess()));

        RoleDocuments documents = new RoleReader(iam).read(Corpus.ROLE);

        assertThat(documents.permissions()).extracting(PolicyDocument::name, PolicyDocument::kind).containsExactly(
                tuple("trainctl-mnist-training-job", PolicyKind.INLINE),
                tuple("AmazonS3FullAccess", PolicyKind.AWS_MANAGED),
                tuple("AmazonSageMakerFullAccess", PolicyKind.AWS_MANAGED));
        assertThat(documents.trust().json()).isEqualTo(Corpus.oursTrust().json());
        // one attached policy per page: the second page was asked for with the first page's marker
        assertThat(iam.requests).filteredOn(ListAttachedRolePoliciesRequest.class::isInstance)
                .extracting(r -> ((ListAttachedRolePoliciesRequest) r).marker()).containsExactly(null, "1");
        assertThat(iam.requests).filteredOn(GetRoleRequest.class::isInstance)
                .extracting(r -> ((GetRoleRequest) r).roleName()).containsExactly("trainctl-mnist-execution");
    }

    @Test
    void simulateRequestsCarryTheJobsResourcesAndConditionContext() {
        SimulatingIam iam = Corpus.iam(Corpus.ours());

        check(iam);

        List<SimulatePrincipalPolicyRequest> requests = iam.simulations();
        SimulatePrincipalPolicyRequest list = requests.get(0);
        assertThat(list.policySourceArn()).isEqualTo("arn:aws:iam::111122223333:role/trainctl-mnist-execution");
        assertThat(list.actionNames()).containsExactly("s3:ListBucket");
        assertThat(list.resourceArns()).containsExactly("arn:aws:s3:::trainctl-111122223333-us-east-1");
        assertThat(list.contextEntries()).containsExactly(ContextEntry.builder().contextKeyName("s3:prefix")
                .contextKeyType(ContextKeyTypeEnum.STRING).contextKeyValues("trainctl-mnist/data/").build(),
                ContextEntry.builder().contextKeyName("s3:ResourceAccount").contextKeyType(ContextKeyTypeEnum.STRING)
                        .contextKeyValues("111122223333").build());

        assertThat(requests).filteredOn(r -> r.actionNames().contains("s3:PutObject")
                && r.resourceArns().get(0).contains("/output/")).singleElement()
                .satisfies(r -> assertThat(r.resourceArns()).containsExactly(
                        "arn:aws:s3:::trainctl-111122223333-us-east-1/trainctl-mnist/output/"
                                + Corpus.JOB_NAME + "/output/model.tar.gz"));
        // the three ECR pull actions and the push probe share a resource and context, so they go in one request
        assertThat(requests).filteredOn(r -> r.actionNames().contains("ecr:BatchGetImage")).singleElement()
                .satisfies(r -> {
                    assertThat(r.actionNames()).containsExactly("ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer",
                            "ecr:BatchCheckLayerAvailability", "ecr:PutImage");
                    assertThat(r.resourceArns())
                            .containsExactly("arn:aws:ecr:us-east-1:111122223333:repository/trainctl-mnist");
                });
        assertThat(requests).filteredOn(r -> r.actionNames().contains("cloudwatch:PutMetricData")).singleElement()
                .satisfies(r -> {
                    assertThat(r.hasResourceArns()).isFalse();
                    assertThat(r.contextEntries()).extracting(ContextEntry::contextKeyName, ContextEntry::contextKeyValues)
                            .containsExactly(tuple("cloudwatch:namespace", List.of("/aws/sagemaker/TrainingJobs")));
                });
        assertThat(requests).filteredOn(r -> r.actionNames().contains("kms:Decrypt")).singleElement()
                .satisfies(r -> assertThat(r.resourceArns()).containsExactly(
                        "arn:aws:kms:us-east-1:111122223333:key/00000000-0000-4000-8000-000000000000"));

        SimulatePrincipalPolicyRequest passRole = requests.stream()
                .filter(r -> r.actionNames().contains("iam:PassRole") && r.policySourceArn().equals(Corpus.CALLER))
                .findFirst().orElseThrow();
        assertThat(passRole.resourceArns()).containsExactly("arn:aws:iam::111122223333:role/trainctl-mnist-execution");
        assertThat(passRole.contextEntries()).extracting(ContextEntry::contextKeyName, ContextEntry::contextKeyValues)
                .containsExactly(tuple("iam:PassedToService", List.of("sagemaker.amazonaws.com")));
        SimulatePrincipalPolicyRequest create = requests.get(requests.size() - 2);
        assertThat(requests.get(requests.size() - 1).actionNames())
                .containsExactly("sagemaker:CreateHyperParameterTuningJob");
        assertThat(requests.get(requests.size() - 1).resourceArns()).containsExactly(
                "arn:aws:sagemaker:us-east-1:111122223333:hyper-parameter-tuning-job/" + Corpus.TUNING_JOB_NAME);
        assertThat(create.actionNames()).containsExactly("sagemaker:CreateTrainingJob");
        assertThat(create.resourceArns())
                .containsExactly("arn:aws:sagemaker:us-east-1:111122223333:training-job/" + Corpus.JOB_NAME);
        assertThat(create.contextEntries())
                .extracting(ContextEntry::contextKeyName, ContextEntry::contextKeyType, ContextEntry::contextKeyValues)
                .containsExactly(tuple("sagemaker:InstanceTypes", ContextKeyTypeEnum.STRING_LIST, List.of("ml.t3.medium")),
                        tuple("sagemaker:MaxRuntimeInSeconds", ContextKeyTypeEnum.NUMERIC, List.of("900")),
                        tuple("sagemaker:NetworkIsolation", ContextKeyTypeEnum.BOOLEAN, List.of("true")));
    }

    @Test
    void requiredActionDeniedFailsNamingTheActionAndTheStatementToAdd() {
        RoleCheckReport report = check(Corpus.iam(Corpus.role(Corpus.oursTrust(),
                Corpus.inlineFile("trainctl-mnist-training-job", "missing-output-wildcard.json"))));

        assertThat(report.checks()).filteredOn(c -> c.check().equals("simulate.required")).singleElement()
                .satisfies(c -> {
                    assertThat(c.verdict()).isEqualTo(Verdict.FAIL);
                    assertThat(c.reason()).startsWith("s3:PutObject on arn:aws:s3:::trainctl-111122223333-us-east-1/"
                            + "trainctl-mnist/output/" + Corpus.JOB_NAME + "/output/model.tar.gz "
                            + "(write the model artifact) is implicitDeny");
                    assertThat(c.fix()).isEqualTo("add {\"Effect\": \"Allow\", \"Action\": \"s3:PutObject\", "
                            + "\"Resource\": \"arn:aws:s3:::trainctl-111122223333-us-east-1/trainctl-mnist/output/*\"}");
                });
        assertThat(report.exitCode().code()).isEqualTo(11);
    }

    @Test
    void probeAllowedFailsNamingThePolicyThatAllowsIt() {
        RoleCheckReport report = check(Corpus.iam(Corpus.role(Corpus.oursTrust(), Corpus.oursPermissions(),
                Corpus.s3FullAccess())));

        assertThat(report.checks()).filteredOn(c -> c.check().equals("simulate.probes"))
                .extracting(CheckResult::verdict, CheckResult::reason).contains(
                        tuple(Verdict.FAIL, "s3:DeleteBucket on arn:aws:s3:::trainctl-111122223333-us-east-1 "
                                + "(delete the bucket) is allowed by AmazonS3FullAccess"),
                        tuple(Verdict.FAIL, "s3:PutBucketPolicy on arn:aws:s3:::trainctl-111122223333-us-east-1 "
                                + "(change the bucket policy) is allowed by AmazonS3FullAccess"))
                .hasSize(5);
        assertThat(report.checks()).filteredOn(c -> c.check().equals("simulate.probes")).first()
                .satisfies(c -> assertThat(c.fix()).startsWith("remove s3:GetObject from AmazonS3FullAccess"));
    }

    @Test
    void scriptedProbeDecisionIsReportedEvenWithoutAMatchedPolicy() {
        RoleCheckReport report = check(Corpus.iam(Corpus.ours())
                .script("ec2:RunInstances", "arn:aws:ec2:us-east-1:111122223333:instance/*", "allowed"));

        assertThat(report.checks()).filteredOn(c -> c.verdict() == Verdict.FAIL).singleElement()
                .satisfies(c -> {
                    assertThat(c.check()).isEqualTo("simulate.probes");
                    assertThat(c.reason()).startsWith("ec2:RunInstances on").endsWith("is allowed");
                });
    }

    @Test
    void accessDeniedOnSimulateSimulatesOnTheEvaluatorAndSaysSo() {
        RoleCheckReport report = check(Corpus.iam(Corpus.role(Corpus.oursTrust(), Corpus.sageMakerFullAccess()))
                .denySimulation());

        assertThat(report.roleMatrix()).isNotEmpty();
        assertThat(report.checks()).filteredOn(c -> c.check().equals("simulate")).singleElement().satisfies(c -> {
            assertThat(c.verdict()).isEqualTo(Verdict.WARN);
            assertThat(c.reason()).contains("lacks iam:SimulatePrincipalPolicy on "
                    + "arn:aws:iam::111122223333:role/trainctl-mnist-execution")
                    .contains("simulated with trainctl's evaluator");
        });
        assertThat(report.notes()).anyMatch(n -> n.startsWith("simulated with trainctl's IAM evaluator"));
        // AmazonSageMakerFullAccess reads only buckets with "sagemaker" in their name: the data read is denied.
        assertThat(report.checks()).filteredOn(c -> c.check().equals("simulate.required"))
                .anyMatch(c -> c.verdict() == Verdict.FAIL && c.reason().startsWith("s3:GetObject on "
                        + "arn:aws:s3:::trainctl-111122223333-us-east-1/trainctl-mnist/data/"));
        assertThat(ReportPrinter.text(report)).contains("Simulated as the execution role (trainctl's evaluator)");
        assertThat(report.checks()).filteredOn(c -> c.check().equals("caller.simulate")).singleElement()
                .satisfies(c -> assertThat(c.reason()).contains("iam:SimulatePrincipalPolicy on " + Corpus.CALLER));
        // the lint still ran and still fails the broad managed policy
        assertThat(report.checks()).filteredOn(c -> c.check().equals("lint.managed-policy"))
                .extracting(CheckResult::verdict).containsExactly(Verdict.FAIL);
        assertThat(report.exitCode().code()).isEqualTo(11);
    }

    @Test
    void callerWithoutPassRoleFailsWithTheStatementItNeeds() {
        SimulatingIam iam = new SimulatingIam(Corpus.ours()).withPrincipal(Corpus.CALLER, PolicyDocument.inline("readonly", """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:GetRole", "Resource": "*"}]}
                """));

        RoleCheckReport report = check(iam);

        assertThat(report.checks()).filteredOn(c -> c.check().startsWith("caller."))
                .extracting(CheckResult::check, CheckResult::verdict).containsExactly(
                        tuple("caller.escalation", Verdict.PASS),
                        tuple("caller.pass-role", Verdict.FAIL), tuple("caller.create-training-job", Verdict.FAIL),
                        tuple("caller.create-tuning-job", Verdict.FAIL));
        assertThat(report.checks()).filteredOn(c -> c.check().equals("caller.pass-role")).singleElement()
                .satisfies(c -> assertThat(c.fix()).contains("\"iam:PassedToService\": \"sagemaker.amazonaws.com\""));
    }

    @Test
    void assumedRoleCallerIsSimulatedAsItsRoleWithThePathFromGetRole() {
        SimulatingIam iam = Corpus.iam(Corpus.ours());
        RoleCheckReport report = new RoleCheck(iam, new FakeSts(
                "arn:aws:sts::111122223333:assumed-role/trainctl-mnist-execution/session-1")).run(Corpus.request());

        assertThat(report.callerArn()).isEqualTo("arn:aws:sts::111122223333:assumed-role/trainctl-mnist-execution/session-1");
        assertThat(iam.simulations()).extracting(SimulatePrincipalPolicyRequest::policySourceArn)
                .contains("arn:aws:iam::111122223333:role/trainctl-mnist-execution");
    }

    @Test
    void rootCallerIsWarnedAboutAndNotSimulated() {
        SimulatingIam iam = Corpus.iam(Corpus.ours());
        RoleCheckReport report = new RoleCheck(iam, new FakeSts("arn:aws:iam::111122223333:root"))
                .run(Corpus.request());

        assertThat(report.checks()).filteredOn(c -> c.check().equals("caller.simulate")).singleElement()
                .satisfies(c -> {
                    assertThat(c.verdict()).isEqualTo(Verdict.WARN);
                    assertThat(c.fix()).contains("do not use the root user");
                });
        assertThat(iam.simulations()).noneMatch(r -> r.policySourceArn().endsWith(":root"));
    }
}
