package dev.trainctl.orchestrator.policy;

import dev.trainctl.orchestrator.jobsecurity.JobSecurity;
import dev.trainctl.orchestrator.names.ResourceNames;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.policybuilder.iam.IamCondition;
import software.amazon.awssdk.policybuilder.iam.IamConditionOperator;
import software.amazon.awssdk.policybuilder.iam.IamEffect;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;
import software.amazon.awssdk.policybuilder.iam.IamStatement;

/**
 * The least-privilege identity policies for the person or CI that runs trainctl: pass the one execution role to
 * SageMaker only, start training jobs only on allowed instance types and with capped run time ({@code caller}); use
 * the name's objects in the bucket, read the logs, push the image ({@code caller-resources}); deploy
 * ({@code caller-serving}, {@link ServingCallerStatements}). Three managed policies, because one would exceed IAM's
 * 6,144 characters for a managed policy (and a user's 2,048 for inline policies) at the option extremes. Provisioning is deliberately not here (see
 * {@link ProvisionerPolicy}): whoever may rewrite the execution role and also pass it could give a training job any
 * permission, so the two belong to different principals.
 */
public final class CallerPolicy {

    /** The instance types a caller may train on unless {@code --instance-types} says otherwise. */
    public static final List<String> DEFAULT_INSTANCE_TYPES = List.of("ml.t3.medium", "ml.t3.large", "ml.t3.xlarge",
            "ml.m5.large", "ml.p3.2xlarge", "ml.g4dn.xlarge");

    /** Default cap on a job's {@code StoppingCondition.MaxRuntimeInSeconds}: 4 hours. */
    public static final int DEFAULT_MAX_RUNTIME_SECONDS = 4 * 3600;

    /**
     * The guardrails on {@code sagemaker:CreateTrainingJob}.
     *
     * @param instanceTypes the allowed {@code sagemaker:InstanceTypes}
     * @param maxRuntimeSeconds the largest allowed {@code sagemaker:MaxRuntimeInSeconds}
     * @param security the VPC and keys every job must use (the bucket's key is {@code security.outputKey()})
     */
    public record Options(List<String> instanceTypes, int maxRuntimeSeconds, JobSecurity security) {
        public Options {
            instanceTypes = List.copyOf(instanceTypes);
            if (instanceTypes.isEmpty() || instanceTypes.stream().anyMatch(t -> !t.matches("ml\\.[a-z0-9-]+\\.[a-z0-9]+"))) {
                throw new IllegalArgumentException("instance types look like ml.t3.medium, got " + instanceTypes);
            }
            // SageMaker's own limit on MaxRuntimeInSeconds is 28 days.
            if (maxRuntimeSeconds < 1 || maxRuntimeSeconds > 28 * 24 * 3600) {
                throw new IllegalArgumentException("max runtime must be 1 second to 28 days, got " + maxRuntimeSeconds);
            }
        }

        /** Guardrails with only the bucket's key, when it has one. */
        public Options(List<String> instanceTypes, int maxRuntimeSeconds, Optional<String> kmsKeyArn) {
            this(instanceTypes, maxRuntimeSeconds, JobSecurity.outputKey(kmsKeyArn));
        }

        public static Options defaults() {
            return new Options(DEFAULT_INSTANCE_TYPES, DEFAULT_MAX_RUNTIME_SECONDS, Optional.empty());
        }
    }

    private CallerPolicy() {}

    public static IamPolicy document(ResourceNames names) {
        return document(names, Options.defaults());
    }

    /**
     * What every job the caller starts must satisfy: allowed instance types, capped run time, network isolation.
     * InstanceTypes is multi-valued: every instance type in the request must be on the list; ForAllValues is also
     * true when the key is absent, so Null=false requires it (AWS's "Single-valued vs. multivalued context keys" warns
     * of exactly this). With network isolation the container has no network and gets no credentials.
     */
    private static List<IamCondition> guardrails(Options options) {
        List<IamCondition> conditions = new java.util.ArrayList<>();
        conditions.add(IamCondition.create(IamConditionOperator.NULL, "sagemaker:InstanceTypes", "false"));
        options.instanceTypes().forEach(type -> conditions.add(IamCondition.create(
                IamConditionOperator.STRING_EQUALS.addPrefix("ForAllValues:"), "sagemaker:InstanceTypes", type)));
        conditions.add(IamCondition.create(IamConditionOperator.NUMERIC_LESS_THAN_EQUALS,
                "sagemaker:MaxRuntimeInSeconds", String.valueOf(options.maxRuntimeSeconds())));
        conditions.add(IamCondition.create(IamConditionOperator.BOOL, "sagemaker:NetworkIsolation", "true"));
        conditions.addAll(JobSecurityStatements.callerGuardrails(options.security()));
        return conditions;
    }

    /** {@code iam:PassRole} on one role, only to SageMaker ({@code iam:PassedToService}). */
    static IamStatement passToSageMakerOnly(String sid, String roleArn) {
        return IamStatement.builder().sid(sid).effect(IamEffect.ALLOW).addAction("iam:PassRole").addResource(roleArn)
                .addCondition(IamConditionOperator.STRING_EQUALS, "iam:PassedToService", ResourceNames.SAGEMAKER_SERVICE)
                .build();
    }

    /**
     * {@code policy show caller}: run this name's training and tuning jobs within the guardrails, tag, watch, stop and
     * list them. The caller's permissions come as three managed policies ({@link #documents}), each within IAM's
     * 6,144 characters at every option extreme; IAM allows what any of them allows.
     */
    public static IamPolicy document(ResourceNames names, Options options) {
        List<String> jobs = new java.util.ArrayList<>(names.trainingJobArnPatterns());
        jobs.add(names.tuningJobArnPattern());
        List<String> allJobs = new java.util.ArrayList<>(names.allTrainingJobArnPatterns());
        allJobs.add(names.tuningJobArnPattern());
        return IamPolicy.builder().version(ExecutionRolePolicies.VERSION)
                .addStatement(passToSageMakerOnly("PassTheExecutionRoleToSageMakerOnly", names.roleArn()))
                .addStatement(s -> s.sid("StartJobsWithinGuardrails").effect(IamEffect.ALLOW)
                        // One statement for training jobs and tuning jobs (whose trials get the same guardrails from
                        // the training job definition), so the guardrails, the longest part, are written once. Each
                        // action is authorized only on its own resource type, and each ARN pattern names its type, so
                        // neither action gains a resource.
                        .actionIds(List.of("sagemaker:CreateTrainingJob", "sagemaker:CreateHyperParameterTuningJob"))
                        .resourceIds(jobs)
                        .conditions(guardrails(options))
                        // No warm pool (it bills after the job, outside MaxRuntime) and no remote shell into the
                        // container: trainctl uses neither. IfExists is needed here: SageMaker sends these keys only
                        // when the request sets them (a job without a warm pool has no KeepAlivePeriod), and such a
                        // request is exactly what is allowed.
                        .addCondition(IamConditionOperator.NUMERIC_EQUALS.addSuffix("IfExists"),
                                "sagemaker:KeepAlivePeriod", "0")
                        .addCondition(IamConditionOperator.BOOL.addSuffix("IfExists"),
                                "sagemaker:EnableRemoteDebug", "false"))
                .addStatement(s -> s.sid("TagOwnJobs").effect(IamEffect.ALLOW)
                        // Tags on the Create calls are authorised as sagemaker:AddTags, which carries none of the
                        // guardrail keys: a separate statement, so the guardrail conditions do not deny it.
                        .addAction("sagemaker:AddTags")
                        .resourceIds(jobs))
                .addStatement(s -> s.sid("WatchAndStopOwnJobs").effect(IamEffect.ALLOW)
                        // Training-job actions match only the training-job patterns, tuning-job actions only the
                        // tuning-job pattern: one statement grants exactly what two would.
                        .actionIds(List.of("sagemaker:DescribeTrainingJob", "sagemaker:StopTrainingJob",
                                "sagemaker:DescribeHyperParameterTuningJob",
                                "sagemaker:ListTrainingJobsForHyperParameterTuningJob",
                                "sagemaker:StopHyperParameterTuningJob"))
                        .resourceIds(allJobs))
                .addStatement(s -> s.sid("ListTrainingJobs").effect(IamEffect.ALLOW)
                        // sagemaker:ListTrainingJobs has no resource type: "*" is the only valid value.
                        .actionIds(List.of("sagemaker:ListTrainingJobs", "sagemaker:ListHyperParameterTuningJobs"))
                        .addResource("*"))
                .build();
    }

    /**
     * {@code policy show caller-resources}: what training needs around the jobs: the name's objects in the bucket,
     * cleaning up after {@code role check --live}, the jobs' logs, pushing the image, and the bucket's key.
     */
    public static IamPolicy resources(ResourceNames names, Options options) {
        IamPolicy.Builder policy = IamPolicy.builder().version(ExecutionRolePolicies.VERSION)
                .addStatement(s -> ExecutionRolePolicies.inTheAccountsBucket(s.sid("UseTheBucket")
                        .effect(IamEffect.ALLOW)
                        // Also what HeadBucket needs, so no s3:prefix condition here; objects are limited below.
                        .addAction("s3:ListBucket")
                        .addResource(names.bucketArn()), names))
                .addStatement(s -> ExecutionRolePolicies.inTheAccountsBucket(s.sid("ReadAndWriteThisNamesObjects")
                        .effect(IamEffect.ALLOW)
                        .actionIds(List.of("s3:GetObject", "s3:PutObject"))
                        .addResource(names.objectsArn(names.name() + "/")), names))
                .addStatement(s -> ExecutionRolePolicies.inTheAccountsBucket(s.sid("CleanUpRoleCheckJobs")
                        .effect(IamEffect.ALLOW)
                        // 'role check --live' deletes what its own job wrote, and nothing else.
                        .addAction("s3:DeleteObject")
                        .addResource(names.objectsArn(names.outputPrefix() + names.roleCheckJobNamePattern() + "/"))
                        .addResource(names.objectsArn(names.checkpointsPrefix() + names.roleCheckJobNamePattern()
                                + "/")), names))
                .addStatement(s -> s.sid("FindTrainingLogStreams").effect(IamEffect.ALLOW)
                        .addAction("logs:DescribeLogStreams")
                        .addResource(names.logGroupArn()))
                .addStatement(s -> s.sid("ReadTrainingLogs").effect(IamEffect.ALLOW)
                        // GetLogEvents is authorised on the log stream: this name's jobs' streams only.
                        .addAction("logs:GetLogEvents")
                        .resourceIds(names.logStreamsArns()))
                .addStatement(s -> s.sid("PushTrainingImage").effect(IamEffect.ALLOW)
                        .actionIds(List.of("ecr:BatchCheckLayerAvailability", "ecr:InitiateLayerUpload",
                                "ecr:UploadLayerPart", "ecr:CompleteLayerUpload", "ecr:PutImage",
                                "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:DescribeImages",
                                "ecr:ListImages"))
                        .addResource(names.repositoryArn()))
                .addStatement(s -> s.sid("GetRegistryLoginToken").effect(IamEffect.ALLOW)
                        // AWS defines ecr:GetAuthorizationToken on no resource type: "*" is the only valid value.
                        .addAction("ecr:GetAuthorizationToken")
                        .addResource("*"));
        options.security().outputKey().ifPresent(key -> policy.addStatement(JobSecurityStatements.bucketKey(names,
                key)));
        return policy.build();
    }

    /**
     * Every document of the caller's permissions, by the name {@code policy show} gives it: {@code caller},
     * {@code caller-resources}, {@code caller-serving}. Attach all three (or those for what the caller does).
     */
    public static java.util.Map<String, IamPolicy> documents(ResourceNames names, Options options) {
        java.util.Map<String, IamPolicy> documents = new java.util.LinkedHashMap<>();
        documents.put("caller", document(names, options));
        documents.put("caller-resources", resources(names, options));
        documents.put("caller-serving", ServingCallerStatements.document(names));
        return documents;
    }

    /** {@link #documents(ResourceNames, Options)} with the default guardrails. */
    public static java.util.Map<String, IamPolicy> documents(ResourceNames names) {
        return documents(names, Options.defaults());
    }
}
