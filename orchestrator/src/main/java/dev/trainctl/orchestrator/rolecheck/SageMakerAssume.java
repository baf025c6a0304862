package dev.trainctl.orchestrator.rolecheck;

import dev.trainctl.orchestrator.iam.Decision;
import dev.trainctl.orchestrator.iam.ParsedPolicy;
import dev.trainctl.orchestrator.iam.PolicyEvaluator;
import dev.trainctl.orchestrator.iam.PolicySet;
import dev.trainctl.orchestrator.iam.Request;
import dev.trainctl.orchestrator.iam.ResourcePolicy;
import dev.trainctl.orchestrator.iam.UnsupportedPolicyException;
import dev.trainctl.orchestrator.roles.PolicyDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * May SageMaker assume a role for a source: asked as SageMaker asks STS ({@link Request#assumeRoleByService}, the
 * request the emulation makes) and decided by the evaluator on the role's trust policy alone. The trust check, the
 * tuning-trials check and the caller's escalation lint all ask it, with the sources below.
 */
final class SageMakerAssume {

    private SageMakerAssume() {}

    /** Throws {@link UnsupportedPolicyException} for a trust the evaluator cannot evaluate. */
    static Decision decide(PolicyDocument trust, String roleArn, String account, String sourceArn) {
        PolicySet set = PolicySet.of().withResource(ResourcePolicy.trust(ParsedPolicy.parse(trust.name(),
                trust.json())));
        return PolicyEvaluator.evaluate(set, Request.assumeRoleByService(TrustCheck.SAGEMAKER, roleArn, account,
                sourceArn));
    }

    static boolean admits(PolicyDocument trust, String roleArn, String account, String sourceArn) {
        return decide(trust, roleArn, account, sourceArn).allowed();
    }

    /** A trial of the tuning job: SageMaker names trials {@code TUNINGJOB-NNN-xxxxxxxx}. */
    static String trialArn(JobScope scope, String tuningJobName) {
        return scope.trainingJobArn(tuningJobName + "-001-0a1b2c3d");
    }

    /**
     * The sources of the training jobs the caller would start: the job's ARN, and for the tuning job its trial's and
     * its own (AWS does not document which a trial presents).
     */
    static List<String> trainingSources(JobScope scope, String jobName, Optional<String> tuningJobName) {
        List<String> sources = new ArrayList<>(List.of(scope.trainingJobArn(jobName)));
        tuningJobName.ifPresent(tuning -> sources.addAll(List.of(trialArn(scope, tuning), scope.tuningJobArn(tuning))));
        return sources;
    }

    /**
     * What SageMaker presents for a model: AWS documents {@code arn:PARTITION:sagemaker:REGION:ACCOUNT:*} for
     * inference (the asterisk is not a wildcard).
     */
    static String inferenceSource(JobScope scope) {
        return "arn:" + scope.partition() + ":sagemaker:" + scope.region() + ":" + scope.account() + ":*";
    }
}
