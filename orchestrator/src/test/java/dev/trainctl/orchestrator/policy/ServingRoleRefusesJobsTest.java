package dev.trainctl.orchestrator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainctl.orchestrator.emulate.RoleSession;
import dev.trainctl.orchestrator.iam.Decision;
import dev.trainctl.orchestrator.iam.ParsedPolicy;
import dev.trainctl.orchestrator.iam.PolicyEvaluator;
import dev.trainctl.orchestrator.iam.PolicySet;
import dev.trainctl.orchestrator.iam.Request;
import dev.trainctl.orchestrator.iam.ResourcePolicy;
import dev.trainctl.orchestrator.names.ResourceNames;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The serving role's trust on the evaluator, with SageMaker's AssumeRole as the emulation sends it
 * ({@link Request#assumeRoleByService}): inference of this account and region gets in, by AWS's documented
 * {@code arn:PARTITION:sagemaker:REGION:ACCOUNT:*} or by a narrower ARN; no job of any kind does, so a caller who may
 * pass the role cannot start a training job (or a tuning, processing, transform or compilation job) that runs as it.
 * And its bucket-key grant works only through S3.
 */
class ServingRoleRefusesJobsTest {

    private static final ResourceNames NAMES = ResourceNames.of("aws", "123456789012", "eu-west-1", "trainctl-mnist");
    private static final String ARN = "arn:aws:sagemaker:eu-west-1:123456789012:";
    private static final String KEY = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    private static Decision.Outcome assume(String role, String trustJson, String sourceArn) {
        PolicySet trust = PolicySet.of().withResource(ResourcePolicy.trust(ParsedPolicy.parse("trust", trustJson)));
        return PolicyEvaluator.evaluate(trust, Request.assumeRoleByService(ResourceNames.SAGEMAKER_SERVICE, role,
                NAMES.account(), sourceArn)).outcome();
    }

    private static Decision.Outcome assumeServing(String sourceArn) {
        return assume(NAMES.servingRoleArn(), ServingRolePolicies.trust(NAMES).toJson(), sourceArn);
    }

    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource({
        "AWS's documented inference source (what the emulated deploy presents), *, ALLOWED",
        "a model of the name, model/trainctl-mnist-20261205-120000-000, ALLOWED",
        "an endpoint of the name, endpoint/trainctl-mnist-20261205-120000-000, ALLOWED",
        "a training job of this name, training-job/trainctl-mnist-20261205-120000-000, IMPLICIT_DENY",
        "a role-check job of this name, training-job/trainctl-mnist-rolecheck-20261205-120000-000, IMPLICIT_DENY",
        "a tuning trial (by its own ARN), training-job/trainctl-mnist-261205-120000-001-0a1b2c3d, IMPLICIT_DENY",
        "a tuning trial (by its tuning job's ARN), hyper-parameter-tuning-job/trainctl-mnist-261205-120000,"
                + " IMPLICIT_DENY",
        "a processing job, processing-job/anything, IMPLICIT_DENY",
        "a batch transform job, transform-job/trainctl-mnist-20261205-120000-000, IMPLICIT_DENY",
        "a Neo compilation job, compilation-job/anything, IMPLICIT_DENY"})
    void inferenceMayAssumeTheServingRoleAndNoJobMay(String what, String resource, Decision.Outcome expected) {
        assertThat(assumeServing(ARN + resource)).isEqualTo(expected);
    }

    @Test
    void theEmulationsDeployMayAssumeTheServingRoleAndItsTrainingJobMayNot() {
        assertThat(assumeServing(RoleSession.Job.model("aws", NAMES.account(), NAMES.region()).sourceArn()))
                .isEqualTo(Decision.Outcome.ALLOWED);
        assertThat(assumeServing(RoleSession.Job.training("aws", NAMES.account(), NAMES.region(),
                "trainctl-mnist-20261205-120000-000").sourceArn())).isEqualTo(Decision.Outcome.IMPLICIT_DENY);
    }

    @Test
    void theExecutionRoleStillAdmitsThisNamesTrainingJobs() {
        String trust = ExecutionRolePolicies.trust(NAMES).toJson();
        assertThat(assume(NAMES.roleArn(), trust, ARN + "training-job/trainctl-mnist-20261205-120000-000"))
                .isEqualTo(Decision.Outcome.ALLOWED);
        assertThat(assume(NAMES.roleArn(), trust, ARN + "*")).isEqualTo(Decision.Outcome.IMPLICIT_DENY);
    }

    private static Decision.Outcome decrypt(String key, Map<String, List<String>> context) {
        PolicySet role = PolicySet.of(ParsedPolicy.parse("serving", ServingRolePolicies.permissions(NAMES,
                Optional.of(KEY)).toJson()));
        return PolicyEvaluator.evaluate(role, new Request("kms:Decrypt", key, Optional.of(
                "arn:aws:sts::123456789012:assumed-role/" + NAMES.servingRoleName() + "/SageMaker"), context))
                .outcome();
    }

    @Test
    void theServingRoleDecryptsWithTheBucketKeyOnlyThroughS3InTheRegion() {
        Map<String, List<String>> viaS3 = Map.of("kms:ViaService", List.of("s3.eu-west-1.amazonaws.com"));

        assertThat(decrypt(KEY, viaS3)).isEqualTo(Decision.Outcome.ALLOWED);
        assertThat(decrypt(KEY, Map.of())).as("a direct kms:Decrypt with the role's credentials")
                .isEqualTo(Decision.Outcome.IMPLICIT_DENY);
        assertThat(decrypt(KEY, Map.of("kms:ViaService", List.of("s3.us-east-1.amazonaws.com"))))
                .as("S3 in another region").isEqualTo(Decision.Outcome.IMPLICIT_DENY);
        assertThat(decrypt(KEY, Map.of("kms:ViaService", List.of("sagemaker.eu-west-1.amazonaws.com"))))
                .as("another service").isEqualTo(Decision.Outcome.IMPLICIT_DENY);
        assertThat(decrypt(KEY.replace("1234abcd", "9999abcd"), viaS3)).as("another key")
                .isEqualTo(Decision.Outcome.IMPLICIT_DENY);
    }
}
