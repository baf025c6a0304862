package dev.trainctl.orchestrator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainctl.orchestrator.iam.Decision;
import dev.trainctl.orchestrator.iam.ParsedPolicy;
import dev.trainctl.orchestrator.iam.PolicyEvaluator;
import dev.trainctl.orchestrator.iam.PolicySet;
import dev.trainctl.orchestrator.iam.Request;
import dev.trainctl.orchestrator.iam.ResourcePolicy;
import dev.trainctl.orchestrator.iam.StatementRef;
import dev.trainctl.orchestrator.names.ResourceNames;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The documents trainctl provisions, on the evaluator: what a training job does is allowed, the rest is not. */
class ProjectPoliciesEvaluationTest {

    private static final ResourceNames NAMES = ResourceNames.of("aws", "111122223333", "us-east-1", "trainctl-mnist");
    private static final String SESSION = "arn:aws:sts::111122223333:assumed-role/" + NAMES.roleName() + "/SageMaker";
    private static final PolicySet ROLE = PolicySet.of(ParsedPolicy.parse("inline",
            ExecutionRolePolicies.permissions(NAMES).toJson()))
            .withResource(ResourcePolicy.resourceBased(ParsedPolicy.parse("bucket policy",
                    BucketPolicy.document(NAMES).toJson())));

    private static Decision asRole(String action, String resource, boolean tls) {
        return PolicyEvaluator.evaluate(ROLE, new Request(action, resource, Optional.of(SESSION),
                Map.of("aws:SecureTransport", List.of(String.valueOf(tls)),
                        // S3 sets it on every request: the bucket owner's account.
                        "s3:ResourceAccount", List.of("111122223333"))));
    }

    @Test
    void theRoleReadsItsTrainingData() {
        assertThat(asRole("s3:GetObject", NAMES.bucketArn() + "/" + NAMES.dataPrefix() + "train.gz", true).outcome())
                .isEqualTo(Decision.Outcome.ALLOWED);
    }

    @Test
    void theRoleCannotDeleteItsTrainingData() {
        assertThat(asRole("s3:DeleteObject", NAMES.bucketArn() + "/" + NAMES.dataPrefix() + "train.gz", true)
                .outcome()).isEqualTo(Decision.Outcome.IMPLICIT_DENY);
    }

    @Test
    void theRoleCannotWriteIntoItsTrainingData() {
        assertThat(asRole("s3:PutObject", NAMES.bucketArn() + "/" + NAMES.dataPrefix() + "x", true).outcome())
                .isEqualTo(Decision.Outcome.IMPLICIT_DENY);
    }

    @Test
    void theBucketPolicyDeniesPlainHttpEvenForWhatTheRoleMayDo() {
        Decision d = asRole("s3:GetObject", NAMES.bucketArn() + "/" + NAMES.dataPrefix() + "train.gz", false);

        assertThat(d.outcome()).isEqualTo(Decision.Outcome.EXPLICIT_DENY);
        assertThat(d.statements()).containsExactly(new StatementRef("bucket policy", "DenyRequestsWithoutTls"));
    }

    @Test
    void theTrustPolicyLetsSageMakerAssumeTheRoleOnlyForThisAccountsJobs() {
        PolicySet trust = PolicySet.of().withResource(ResourcePolicy.trust(ParsedPolicy.parse("trust policy",
                ExecutionRolePolicies.trust(NAMES).toJson())));
        Request ours = new Request("sts:AssumeRole", NAMES.roleArn(), Optional.of(ResourceNames.SAGEMAKER_SERVICE),
                Map.of("aws:SourceAccount", List.of("111122223333"), "aws:SourceArn",
                        List.of(NAMES.trainingJobArn(NAMES.trainingJobName(java.time.Instant.EPOCH)))));
        Request theirs = new Request("sts:AssumeRole", NAMES.roleArn(), Optional.of(ResourceNames.SAGEMAKER_SERVICE),
                Map.of("aws:SourceAccount", List.of("444455556666"), "aws:SourceArn",
                        List.of("arn:aws:sagemaker:us-east-1:444455556666:training-job/trainctl-mnist-19700101-000000-000")));

        assertThat(PolicyEvaluator.evaluate(trust, ours).outcome()).isEqualTo(Decision.Outcome.ALLOWED);
        assertThat(PolicyEvaluator.evaluate(trust, theirs).outcome()).isEqualTo(Decision.Outcome.IMPLICIT_DENY);
    }

    @Test
    void theCallerMayPassTheRoleToSageMakerOnly() {
        PolicySet caller = PolicySet.of(ParsedPolicy.parse("caller", CallerPolicy.document(NAMES).toJson()));
        Request toSageMaker = Request.of("iam:PassRole", NAMES.roleArn())
                .withContext("iam:PassedToService", ResourceNames.SAGEMAKER_SERVICE);
        Request toEc2 = Request.of("iam:PassRole", NAMES.roleArn()).withContext("iam:PassedToService",
                "ec2.amazonaws.com");

        assertThat(PolicyEvaluator.evaluate(caller, toSageMaker).outcome()).isEqualTo(Decision.Outcome.ALLOWED);
        assertThat(PolicyEvaluator.evaluate(caller, toEc2).outcome()).isEqualTo(Decision.Outcome.IMPLICIT_DENY);
    }

    @Test
    void theCallerStartsJobsOnlyOnTheAllowedInstanceTypes() {
        PolicySet caller = PolicySet.of(ParsedPolicy.parse("caller", CallerPolicy.document(NAMES).toJson()));
        String job = NAMES.trainingJobArn(NAMES.trainingJobName(java.time.Instant.EPOCH));
        Request small = Request.of("sagemaker:CreateTrainingJob", job)
                .withContext("sagemaker:InstanceTypes", "ml.t3.medium").withContext("sagemaker:MaxRuntimeInSeconds",
                        "3600").withContext("sagemaker:NetworkIsolation", "true");
        Request large = small.withContext("sagemaker:InstanceTypes", "ml.p4d.24xlarge");

        assertThat(PolicyEvaluator.evaluate(caller, small).outcome()).isEqualTo(Decision.Outcome.ALLOWED);
        assertThat(PolicyEvaluator.evaluate(caller, large).outcome()).isEqualTo(Decision.Outcome.IMPLICIT_DENY);
    }
}
