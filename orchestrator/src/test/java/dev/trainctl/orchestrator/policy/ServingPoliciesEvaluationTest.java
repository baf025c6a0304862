package dev.trainctl.orchestrator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainctl.orchestrator.iam.Decision;
import dev.trainctl.orchestrator.iam.ParsedPolicy;
import dev.trainctl.orchestrator.iam.PolicyEvaluator;
import dev.trainctl.orchestrator.iam.PolicySet;
import dev.trainctl.orchestrator.iam.Request;
import dev.trainctl.orchestrator.iam.ResourcePolicy;
import dev.trainctl.orchestrator.names.ResourceNames;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The serving documents on the evaluator: the caller may deploy this name's models only as serverless endpoints
 * within the caps and tagged as trainctl's, never an instance-backed one; the serving role only reads models.
 */
class ServingPoliciesEvaluationTest {

    private static final ResourceNames NAMES = ResourceNames.of("aws", "111122223333", "us-east-1", "trainctl-mnist");
    private static final String JOB = "trainctl-mnist-20261205-120000-000";
    /** The caller's three documents ('policy show caller', 'caller-resources', 'caller-serving'), all attached. */
    private static final PolicySet CALLER = new PolicySet(CallerPolicy.documents(NAMES).entrySet().stream()
            .map(e -> ParsedPolicy.parse(e.getKey(), e.getValue().toJson())).toList(), java.util.Optional.empty(),
            java.util.Optional.empty());
    private static final PolicySet SERVING = PolicySet.of(ParsedPolicy.parse("serving",
            ServingRolePolicies.permissions(NAMES).toJson()));

    private static Map<String, List<String>> tagged(String name) {
        Map<String, List<String>> context = new HashMap<>();
        context.put("aws:RequestTag/managed-by", List.of("trainctl"));
        context.put("aws:RequestTag/trainctl:name", List.of(name));
        return context;
    }

    private static Map<String, List<String>> serverless(int memory, int concurrency) {
        Map<String, List<String>> context = tagged("trainctl-mnist");
        context.put("sagemaker:ServerlessMemorySize", List.of(Integer.toString(memory)));
        context.put("sagemaker:ServerlessMaxConcurrency", List.of(Integer.toString(concurrency)));
        context.put("sagemaker:ModelArn", List.of(NAMES.modelArn(JOB)));
        return context;
    }

    private static Decision.Outcome caller(String action, String resource, Map<String, List<String>> context) {
        return PolicyEvaluator.evaluate(CALLER, new Request(action, resource, Optional.empty(), context)).outcome();
    }

    @Test
    void theCallerMayCheckThatTheModelExistsBeforeCreateModel() {
        String model = NAMES.bucketArn() + "/trainctl-mnist/output/" + JOB + "/output/model.tar.gz";
        assertThat(caller("s3:GetObject", model, Map.of("s3:ResourceAccount", List.of(NAMES.account()))))
                .isEqualTo(Decision.Outcome.ALLOWED);
    }

    @Test
    void theCallerMayCreateAServerlessEndpointConfigWithinTheCaps() {
        assertThat(caller("sagemaker:CreateEndpointConfig", NAMES.endpointConfigArn(JOB), serverless(2048, 2)))
                .isEqualTo(Decision.Outcome.ALLOWED);
        assertThat(caller("sagemaker:CreateEndpointConfig", NAMES.endpointConfigArn(JOB),
                serverless(ServingCallerStatements.MAX_MEMORY_MB, ServingCallerStatements.MAX_CONCURRENCY)))
                .isEqualTo(Decision.Outcome.ALLOWED);
    }

    @Test
    void theCallerCannotCreateAnInstanceBackedEndpointConfig() {
        Map<String, List<String>> instance = tagged("trainctl-mnist");
        instance.put("sagemaker:InstanceTypes", List.of("ml.m5.large"));
        instance.put("sagemaker:ModelArn", List.of(NAMES.modelArn(JOB)));
        assertThat(caller("sagemaker:CreateEndpointConfig", NAMES.endpointConfigArn(JOB), instance))
                .isEqualTo(Decision.Outcome.IMPLICIT_DENY);

        Map<String, List<String>> mixed = serverless(2048, 2);
        mixed.put("sagemaker:InstanceTypes", List.of("ml.g5.xlarge"));
        assertThat(caller("sagemaker:CreateEndpointConfig", NAMES.endpointConfigArn(JOB), mixed))
                .as("a serverless variant beside an instance-backed one").isEqualTo(Decision.Outcome.IMPLICIT_DENY);
    }

    @Test
    void theCallerCannotGoAboveTheCapsOrServeAnotherNamesModel() {
        assertThat(caller("sagemaker:CreateEndpointConfig", NAMES.endpointConfigArn(JOB),
                serverless(ServingCallerStatements.MAX_MEMORY_MB + 1024, 1))).isEqualTo(Decision.Outcome.IMPLICIT_DENY);
        assertThat(caller("sagemaker:CreateEndpointConfig", NAMES.endpointConfigArn(JOB),
                serverless(1024, ServingCallerStatements.MAX_CONCURRENCY + 1))).isEqualTo(Decision.Outcome.IMPLICIT_DENY);
        Map<String, List<String>> other = serverless(1024, 1);
        other.put("sagemaker:ModelArn", List.of(NAMES.modelArn("someone-else-20261205-120000-000")));
        assertThat(caller("sagemaker:CreateEndpointConfig", NAMES.endpointConfigArn(JOB), other))
                .isEqualTo(Decision.Outcome.IMPLICIT_DENY);
        assertThat(caller("sagemaker:CreateEndpointConfig", NAMES.endpointConfigArn("other-20261205-120000-000"),
                serverless(1024, 1))).isEqualTo(Decision.Outcome.IMPLICIT_DENY);
    }

    @Test
    void everyCreateNeedsTrainctlsTags() {
        assertThat(caller("sagemaker:CreateModel", NAMES.modelArn(JOB), tagged("trainctl-mnist")))
                .isEqualTo(Decision.Outcome.ALLOWED);
        assertThat(caller("sagemaker:CreateModel", NAMES.modelArn(JOB), Map.of()))
                .isEqualTo(Decision.Outcome.IMPLICIT_DENY);
        assertThat(caller("sagemaker:CreateEndpoint", NAMES.endpointArn(JOB), tagged("another-name")))
                .isEqualTo(Decision.Outcome.IMPLICIT_DENY);
        assertThat(caller("sagemaker:CreateEndpoint", NAMES.endpointArn(JOB), tagged("trainctl-mnist")))
                .isEqualTo(Decision.Outcome.ALLOWED);
        Map<String, List<String>> noConfigKeys = tagged("trainctl-mnist");
        assertThat(caller("sagemaker:CreateEndpointConfig", NAMES.endpointConfigArn(JOB), noConfigKeys))
                .as("no ServerlessConfig at all").isEqualTo(Decision.Outcome.IMPLICIT_DENY);
    }

    @Test
    void theCallerDeletesOnlyWhatCarriesTrainctlsTags() {
        Map<String, List<String>> ours = Map.of("sagemaker:ResourceTag/managed-by", List.of("trainctl"),
                "sagemaker:ResourceTag/trainctl:name", List.of("trainctl-mnist"));
        assertThat(caller("sagemaker:DeleteEndpoint", NAMES.endpointArn(JOB), ours))
                .isEqualTo(Decision.Outcome.ALLOWED);
        assertThat(caller("sagemaker:DeleteEndpoint", NAMES.endpointArn(JOB), Map.of()))
                .isEqualTo(Decision.Outcome.IMPLICIT_DENY);
        assertThat(caller("sagemaker:DeleteModel", NAMES.modelArn(JOB), Map.of("sagemaker:ResourceTag/managed-by",
                List.of("someone")))).isEqualTo(Decision.Outcome.IMPLICIT_DENY);
    }

    @Test
    void theCallerPassesTheServingRoleToSageMakerOnlyAndInvokesOnlyThisNamesEndpoints() {
        assertThat(caller("iam:PassRole", NAMES.servingRoleArn(), Map.of("iam:PassedToService",
                List.of("sagemaker.amazonaws.com")))).isEqualTo(Decision.Outcome.ALLOWED);
        assertThat(caller("iam:PassRole", NAMES.servingRoleArn(), Map.of("iam:PassedToService",
                List.of("ec2.amazonaws.com")))).isEqualTo(Decision.Outcome.IMPLICIT_DENY);
        assertThat(caller("sagemaker:InvokeEndpoint", NAMES.endpointArn(JOB), Map.of()))
                .isEqualTo(Decision.Outcome.ALLOWED);
        assertThat(caller("sagemaker:InvokeEndpoint", NAMES.endpointArn("prod-fraud-model"), Map.of()))
                .isEqualTo(Decision.Outcome.IMPLICIT_DENY);
    }

    private static Decision.Outcome serving(String action, String resource) {
        return PolicyEvaluator.evaluate(SERVING, new Request(action, resource, Optional.of(
                "arn:aws:sts::111122223333:assumed-role/" + NAMES.servingRoleName() + "/SageMaker"),
                Map.of("s3:ResourceAccount", List.of("111122223333")))).outcome();
    }

    @Test
    void theServingRoleReadsModelsAndNothingElse() {
        String model = NAMES.bucketArn() + "/" + NAMES.outputPrefix() + JOB + "/output/model.tar.gz";
        assertThat(serving("s3:GetObject", model)).isEqualTo(Decision.Outcome.ALLOWED);
        assertThat(serving("s3:PutObject", model)).isEqualTo(Decision.Outcome.IMPLICIT_DENY);
        assertThat(serving("s3:GetObject", NAMES.bucketArn() + "/" + NAMES.dataPrefix() + "train.gz"))
                .isEqualTo(Decision.Outcome.IMPLICIT_DENY);
        assertThat(serving("s3:GetObject", NAMES.bucketArn() + "/" + NAMES.checkpointsPrefix() + JOB + "/x"))
                .isEqualTo(Decision.Outcome.IMPLICIT_DENY);
        assertThat(serving("logs:PutLogEvents", NAMES.endpointLogStreamArns().get(0).replace("????????-??????-???",
                "20261205-120000-000").replace("*", "AllTraffic/i-1"))).isEqualTo(Decision.Outcome.ALLOWED);
        assertThat(serving("sagemaker:CreateEndpoint", NAMES.endpointArn(JOB))).isEqualTo(Decision.Outcome.IMPLICIT_DENY);
    }

    @Test
    void theServingTrustAdmitsSageMakerInferenceOfThisAccountAndRegionOnly() {
        PolicySet trust = PolicySet.of().withResource(ResourcePolicy.trust(ParsedPolicy.parse("trust",
                ServingRolePolicies.trust(NAMES).toJson())));
        Request ours = new Request("sts:AssumeRole", NAMES.servingRoleArn(), Optional.of(
                ResourceNames.SAGEMAKER_SERVICE), Map.of("aws:SourceAccount", List.of("111122223333"),
                "aws:SourceArn", List.of("arn:aws:sagemaker:us-east-1:111122223333:*")));
        Request otherAccount = new Request("sts:AssumeRole", NAMES.servingRoleArn(), Optional.of(
                ResourceNames.SAGEMAKER_SERVICE), Map.of("aws:SourceAccount", List.of("444455556666"),
                "aws:SourceArn", List.of("arn:aws:sagemaker:us-east-1:444455556666:*")));
        Request otherRegion = new Request("sts:AssumeRole", NAMES.servingRoleArn(), Optional.of(
                ResourceNames.SAGEMAKER_SERVICE), Map.of("aws:SourceAccount", List.of("111122223333"),
                "aws:SourceArn", List.of("arn:aws:sagemaker:eu-west-1:111122223333:*")));

        assertThat(PolicyEvaluator.evaluate(trust, ours).outcome()).isEqualTo(Decision.Outcome.ALLOWED);
        assertThat(PolicyEvaluator.evaluate(trust, otherAccount).outcome()).isEqualTo(Decision.Outcome.IMPLICIT_DENY);
        assertThat(PolicyEvaluator.evaluate(trust, otherRegion).outcome()).isEqualTo(Decision.Outcome.IMPLICIT_DENY);
    }
}
