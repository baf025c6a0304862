package dev.trainctl.orchestrator.rolecheck;

import dev.trainctl.orchestrator.aws.CallerIdentity;
import dev.trainctl.orchestrator.roles.RoleArn;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Check 4: whether the person or CI running trainctl may hand the role to SageMaker ({@code iam:PassRole} with
 * {@code iam:PassedToService}) and start a training job on the chosen instance type ({@code sagemaker:InstanceTypes}).
 * Pure: the ARN to simulate and the cases; {@link RoleCheck} sends them.
 */
public final class CallerCheck {

    static final String RULE_PASS_ROLE = "caller.pass-role";
    static final String RULE_CREATE_JOB = "caller.create-training-job";
    static final String RULE_SIMULATE = "caller.simulate";
    static final String RULE_CREATE_TUNING = "caller.create-tuning-job";
    static final String RULE_DEPLOY = "caller.deploy";

    private CallerCheck() {}

    /**
     * The ARN the simulator accepts for the caller: a user as it is; an assumed-role session as its role (without the
     * path, which the session ARN does not carry: {@link RoleCheck} looks it up); nothing for the root user or a
     * federated user, which the simulator cannot evaluate.
     */
    public static Optional<String> simulationArn(CallerIdentity caller) {
        return switch (caller.kind()) {
            case USER -> Optional.of(caller.arn());
            case ASSUMED_ROLE -> caller.roleArn();
            default -> Optional.empty();
        };
    }

    public static List<SimulationCase> cases(RoleArn role, JobScope scope, String jobName, String instanceType,
            int maxRuntimeSeconds) {
        return List.of(
                SimulationCase.allowed("iam:PassRole", role.toString(),
                        SimulationPlan.statement("iam:PassRole", role.toString(),
                                "\"StringEquals\": {\"iam:PassedToService\": \"" + TrustCheck.SAGEMAKER + "\"}"),
                        "pass the role to SageMaker",
                        ContextValue.string("iam:PassedToService", TrustCheck.SAGEMAKER)),
                SimulationCase.allowed("sagemaker:CreateTrainingJob", scope.trainingJobArn(jobName),
                        SimulationPlan.statement("sagemaker:CreateTrainingJob", scope.trainingJobArn("*"),
                                "\"ForAllValues:StringEquals\": {\"sagemaker:InstanceTypes\": [\"" + instanceType
                                        + "\"]}"),
                        "start a training job on " + instanceType,
                        ContextValue.stringList("sagemaker:InstanceTypes", instanceType),
                        ContextValue.numeric("sagemaker:MaxRuntimeInSeconds", maxRuntimeSeconds),
                        // trainctl always asks for network isolation; trainctl's caller policy requires it.
                        ContextValue.bool("sagemaker:NetworkIsolation", true)));
    }

    /** Whether the caller may start a tuning job whose trials stay within the same guardrails. */
    public static SimulationCase tuningCase(JobScope scope, String tuningJobName, String instanceType,
            int maxRuntimeSeconds) {
        return SimulationCase.allowed("sagemaker:CreateHyperParameterTuningJob", scope.tuningJobArn(tuningJobName),
                SimulationPlan.statement("sagemaker:CreateHyperParameterTuningJob", scope.tuningJobArn("*"),
                        "\"ForAllValues:StringEquals\": {\"sagemaker:InstanceTypes\": [\"" + instanceType + "\"]}"),
                "start a tuning job on " + instanceType,
                ContextValue.stringList("sagemaker:InstanceTypes", instanceType),
                ContextValue.numeric("sagemaker:MaxRuntimeInSeconds", maxRuntimeSeconds),
                ContextValue.bool("sagemaker:NetworkIsolation", true));
    }

    /** One row per caller action: PASS when allowed, FAIL with the statement the caller's policy needs. */
    public static List<CheckResult> rows(String callerArn, List<SimulationRow> matrix) {
        List<CheckResult> rows = new ArrayList<>();
        for (SimulationRow row : matrix) {
            SimulationCase c = row.request();
            String rule = c.action().equals("iam:PassRole") ? RULE_PASS_ROLE
                    : c.action().equals("sagemaker:CreateHyperParameterTuningJob") ? RULE_CREATE_TUNING
                    : c.action().equals("sagemaker:CreateTrainingJob") ? RULE_CREATE_JOB : RULE_DEPLOY;
            if (c.expectation() == Expectation.DENIED) {
                rows.add(row.verdict() == Verdict.PASS
                        ? CheckResult.pass(rule, callerArn + " may not " + c.purpose() + " (" + c.action()
                                + " denied)")
                        : CheckResult.fail(rule, callerArn + " may " + c.purpose() + ": " + c.action() + " on "
                                + c.resource() + " is " + row.decision(), "allow only serverless configs"
                                + " (Null sagemaker:InstanceTypes = true); 'trainctl policy show caller' prints the"
                                + " statement"));
            } else if (row.verdict() == Verdict.PASS) {
                rows.add(CheckResult.pass(rule, callerArn + " may " + c.purpose()));
            } else {
                rows.add(CheckResult.fail(rule, callerArn + " may not " + c.purpose() + ": " + c.action() + " on "
                        + c.resource() + " is " + row.decision(),
                        "give the caller " + c.grant() + "; 'trainctl policy show caller' prints the whole "
                                + "least-privilege caller policy"));
            }
        }
        return rows;
    }
}
