package dev.trainctl.orchestrator.rolecheck;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trainctl.orchestrator.jobsecurity.JobRequest;
import dev.trainctl.orchestrator.jobsecurity.JobSecurity;
import dev.trainctl.orchestrator.jobsecurity.JobSecurityRequests;
import dev.trainctl.orchestrator.jobsecurity.KmsKeyArn;
import dev.trainctl.orchestrator.names.ResourceNames;
import dev.trainctl.orchestrator.policy.JobSecurityStatements;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;
import software.amazon.awssdk.policybuilder.iam.IamStatement;

/**
 * What a job in a VPC and with keys adds to check 3 and check 4: the ec2 and kms requests SageMaker makes as the role
 * ({@link JobSecurityRequests}), each with the statement trainctl provisions for it as the fix, and the condition
 * keys the caller's CreateTrainingJob carries for them.
 */
final class JobSecurityCases {

    private JobSecurityCases() {}

    /** The role's ec2 and kms requests, to be allowed; none without a VPC or key. */
    static List<SimulationCase> required(JobScope scope, JobSecurity security) {
        // The ec2 and kms statements depend on the partition, account and region only, not on the name.
        ResourceNames names = ResourceNames.of(scope.partition(), scope.account(), scope.region(),
                ResourceNames.DEFAULT_NAME);
        Map<String, IamStatement> provisioned = new java.util.HashMap<>();
        JobSecurityStatements.forRole(names, security).forEach(s -> provisioned.put(s.sid(), s));
        List<SimulationCase> cases = new ArrayList<>();
        for (JobRequest request : new JobSecurityRequests(scope.partition(), scope.region(), scope.account())
                .all(security)) {
            cases.add(new SimulationCase(request.action(), request.resource(), context(request),
                    Expectation.ALLOWED, request.purpose(), json(provisioned.get(request.statement()))));
        }
        return cases;
    }

    /** The requests that use {@code key}, for the key policy check. */
    static List<JobRequest> keyRequests(JobScope scope, JobSecurity security, KmsKeyArn key) {
        return new JobSecurityRequests(scope.partition(), scope.region(), scope.account()).all(security).stream()
                .filter(r -> r.resource().equals(key.arn())).toList();
    }

    /** The caller's CreateTrainingJob / CreateHyperParameterTuningJob context for the job's VPC and keys. */
    static List<ContextValue> callerContext(JobSecurity security) {
        List<ContextValue> context = new ArrayList<>();
        security.vpc().ifPresent(vpc -> {
            context.add(ContextValue.stringList("sagemaker:VpcSubnets", vpc.subnets().toArray(String[]::new)));
            context.add(ContextValue.stringList("sagemaker:VpcSecurityGroupIds",
                    vpc.securityGroupIds().toArray(String[]::new)));
        });
        security.outputKey().ifPresent(k -> context.add(ContextValue.string("sagemaker:OutputKmsKey", k.arn())));
        security.volumeKey().ifPresent(k -> context.add(ContextValue.string("sagemaker:VolumeKmsKey", k.arn())));
        return context;
    }

    private static List<ContextValue> context(JobRequest request) {
        List<ContextValue> values = new ArrayList<>();
        request.context().forEach((key, v) -> values.add(key.equals("kms:GrantIsForAWSResource")
                ? ContextValue.bool(key, Boolean.parseBoolean(v.get(0))) : ContextValue.string(key, v.get(0))));
        return values;
    }

    /** One statement as the JSON a policy holds, the fix a denied request prints. */
    static String json(IamStatement statement) {
        JsonObject policy = JsonParser.parseString(IamPolicy.builder().addStatement(statement).build().toJson())
                .getAsJsonObject();
        // The builder writes a single statement as an object, not a one-element array.
        JsonElement statements = policy.get("Statement");
        return (statements.isJsonArray() ? statements.getAsJsonArray().get(0) : statements).toString();
    }
}
