package dev.trainctl.orchestrator.rolecheck;

import dev.trainctl.orchestrator.roles.PolicyDocument;
import dev.trainctl.orchestrator.roles.RoleArn;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.policybuilder.iam.IamCondition;
import software.amazon.awssdk.policybuilder.iam.IamStatement;

/**
 * Check 3's requests: what a training job does with the role on its own resources (each must be allowed) and a probe
 * set of what it must never be able to do (each must be denied). Pure: builds the cases, sends nothing.
 */
public final class SimulationPlan {

    /** A bucket name no one is expected to grant: the probe for "another bucket's objects". */
    static final String OTHER_BUCKET = "rolecheck-probe-another-teams-bucket";
    /** A KMS key ID that belongs to nothing the job uses. */
    static final String UNRELATED_KEY = "00000000-0000-4000-8000-000000000000";

    private SimulationPlan() {}

    /** The actions a training job named {@code jobName} needs on the scope's resources. */
    public static List<SimulationCase> required(JobScope scope, String jobName) {
        String stream = scope.logGroupArn() + ":log-stream:*";
        String repository = scope.repositoryArn();
        return List.of(
                SimulationCase.allowed("s3:ListBucket", scope.bucketArn(),
                        statement("s3:ListBucket", scope.bucketArn(), "\"StringLike\": {\"s3:prefix\": \""
                                + scope.keyPrefix("data") + "*\"}"),
                        "list the training data", ContextValue.string("s3:prefix", scope.keyPrefix("data"))),
                SimulationCase.allowed("s3:GetObject", scope.objectArn("data", "train-images-idx3-ubyte.gz"),
                        statement("s3:GetObject", scope.objectArn("data", "*"), null), "read the training data"),
                SimulationCase.allowed("s3:PutObject", scope.objectArn("output", jobName + "/output/model.tar.gz"),
                        statement("s3:PutObject", scope.objectArn("output", "*"), null), "write the model artifact"),
                SimulationCase.allowed("s3:PutObject", checkpoint(scope, jobName),
                        statement("s3:PutObject", scope.objectArn("checkpoints", "*"), null), "write checkpoints"),
                // A restarted spot job gets its checkpoints back, and deletes in the container are mirrored to S3,
                // both done by SageMaker as the role.
                SimulationCase.allowed("s3:ListBucket", scope.bucketArn(),
                        statement("s3:ListBucket", scope.bucketArn(), "\"StringLike\": {\"s3:prefix\": \""
                                + scope.keyPrefix("checkpoints") + "*\"}"),
                        "list the checkpoints to restore them",
                        ContextValue.string("s3:prefix", scope.keyPrefix("checkpoints") + jobName + "/")),
                SimulationCase.allowed("s3:GetObject", checkpoint(scope, jobName),
                        statement("s3:GetObject", scope.objectArn("checkpoints", "*"), null),
                        "restore checkpoints after a spot interruption"),
                SimulationCase.allowed("s3:DeleteObject", checkpoint(scope, jobName),
                        statement("s3:DeleteObject", scope.objectArn("checkpoints", "*"), null),
                        "mirror checkpoint deletes"),
                SimulationCase.allowed("ecr:GetAuthorizationToken", "*",
                        statement("ecr:GetAuthorizationToken", "*", null), "log in to ECR"),
                SimulationCase.allowed("ecr:BatchGetImage", repository,
                        statement("ecr:BatchGetImage", repository, null), "pull the training image"),
                SimulationCase.allowed("ecr:GetDownloadUrlForLayer", repository,
                        statement("ecr:GetDownloadUrlForLayer", repository, null), "pull the image layers"),
                SimulationCase.allowed("ecr:BatchCheckLayerAvailability", repository,
                        statement("ecr:BatchCheckLayerAvailability", repository, null), "pull the image layers"),
                SimulationCase.allowed("logs:CreateLogStream", scope.logStreamArn(jobName),
                        statement("logs:CreateLogStream", stream, null), "create the job's log stream"),
                SimulationCase.allowed("logs:PutLogEvents", scope.logStreamArn(jobName),
                        statement("logs:PutLogEvents", stream, null), "write the job's logs"),
                SimulationCase.allowed("cloudwatch:PutMetricData", "*",
                        statement("cloudwatch:PutMetricData", "*", "\"StringEquals\": {\"cloudwatch:namespace\": \""
                                + JobScope.METRIC_NAMESPACE + "\"}"),
                        "publish training metrics",
                        ContextValue.string("cloudwatch:namespace", JobScope.METRIC_NAMESPACE)));
    }

    private static String checkpoint(JobScope scope, String jobName) {
        return scope.objectArn("checkpoints", jobName + "/checkpoint.ndlist");
    }

    /** The statement that grants a required action: the fix printed when the simulation denies it. */
    static String statement(String action, String resource, String condition) {
        return "{\"Effect\": \"Allow\", \"Action\": \"" + action + "\", \"Resource\": \"" + resource + "\""
                + (condition == null ? "" : ", \"Condition\": {" + condition + "}") + "}";
    }

    /** What the role must not allow, whatever else it grants. */
    public static List<SimulationCase> probes(JobScope scope, RoleArn role) {
        String p = scope.partition();
        String iam = "arn:" + p + ":iam::" + scope.account() + ":";
        List<SimulationCase> probes = new ArrayList<>(List.of(
                SimulationCase.denied("s3:GetObject", "arn:" + p + ":s3:::" + OTHER_BUCKET + "/data/train.gz",
                        "read another bucket's objects"),
                SimulationCase.denied("s3:PutObject", "arn:" + p + ":s3:::" + OTHER_BUCKET + "/upload.bin",
                        "write another bucket's objects"),
                SimulationCase.denied("s3:DeleteBucket", scope.bucketArn(), "delete the bucket"),
                SimulationCase.denied("s3:PutBucketPolicy", scope.bucketArn(), "change the bucket policy")));
        if (!scope.prefix().isEmpty()) {
            probes.add(SimulationCase.denied("s3:GetObject", scope.bucketArn() + "/rolecheck-probe-outside-prefix/x",
                    "read outside the job prefix"));
        }
        probes.addAll(List.of(
                SimulationCase.denied("ecr:PutImage", scope.repositoryArn(), "push to the repository"),
                SimulationCase.denied("iam:PassRole", iam + "role/rolecheck-probe", "pass a role to a service"),
                SimulationCase.denied("iam:CreateRole", iam + "role/rolecheck-probe", "create a role"),
                SimulationCase.denied("iam:PutRolePolicy", role.toString(), "widen its own permissions"),
                SimulationCase.denied("iam:AttachRolePolicy", role.toString(), "attach a policy to itself"),
                SimulationCase.denied("iam:CreateAccessKey", iam + "user/rolecheck-probe", "create access keys"),
                SimulationCase.denied("sagemaker:CreateTrainingJob", scope.trainingJobArn("rolecheck-probe"),
                        "start training jobs itself"),
                SimulationCase.denied("ec2:RunInstances", "arn:" + p + ":ec2:" + scope.region() + ":"
                        + scope.account() + ":instance/*", "launch EC2 instances"),
                SimulationCase.denied("kms:Decrypt", "arn:" + p + ":kms:" + scope.region() + ":" + scope.account()
                        + ":key/" + UNRELATED_KEY, "decrypt with an unrelated KMS key"),
                SimulationCase.denied("sts:AssumeRole", iam + "role/rolecheck-probe", "assume another role")));
        return probes;
    }

    /**
     * Context for the condition keys the documents use and whose value the check knows (the request's account,
     * region, TLS); applied to every case that does not set the key itself. {@code aws:ResourceAccount} is only
     * known for the job's own resources, so it goes to required cases only.
     */
    public static List<SimulationCase> withDocumentContext(List<SimulationCase> cases, List<PolicyDocument> documents,
            JobScope scope, RoleArn role) {
        Set<String> used = conditionKeys(documents);
        Map<String, ContextValue> known = Map.of(
                "aws:principalaccount", ContextValue.string("aws:PrincipalAccount", scope.account()),
                "aws:principalarn", ContextValue.string("aws:PrincipalArn", role.toString()),
                "aws:sourceaccount", ContextValue.string("aws:SourceAccount", scope.account()),
                "aws:requestedregion", ContextValue.string("aws:RequestedRegion", scope.region()),
                "aws:securetransport", ContextValue.bool("aws:SecureTransport", true));
        List<ContextValue> global = new ArrayList<>();
        for (String key : used) {
            ContextValue value = known.get(key);
            if (value != null) {
                global.add(value);
            }
        }
        List<ContextValue> ownResources = new ArrayList<>(global);
        if (used.contains("aws:resourceaccount")) {
            ownResources.add(ContextValue.string("aws:ResourceAccount", scope.account()));
        }
        // S3 sets s3:ResourceAccount on S3 requests only: the bucket owner, the job's account for its own bucket.
        List<ContextValue> ownBucket = new ArrayList<>(ownResources);
        if (used.contains("s3:resourceaccount")) {
            ownBucket.add(ContextValue.string("s3:ResourceAccount", scope.account()));
        }
        return cases.stream().map(c -> c.withContext(c.expectation() != Expectation.ALLOWED ? global
                : c.action().startsWith("s3:") ? ownBucket : ownResources)).toList();
    }

    /** Condition keys the documents use that the simulation cannot fill in (reported, so a deny can be explained). */
    public static Set<String> unsuppliedKeys(List<PolicyDocument> documents, List<SimulationCase> cases) {
        Set<String> supplied = new TreeSet<>();
        cases.forEach(c -> c.context().forEach(v -> supplied.add(v.key().toLowerCase(Locale.ROOT))));
        Set<String> missing = new TreeSet<>();
        for (PolicyDocument document : documents) {
            for (IamStatement s : document.parsed().statements()) {
                for (IamCondition c : s.conditions()) {
                    if (!supplied.contains(c.key().value().toLowerCase(Locale.ROOT))) {
                        missing.add(c.key().value());
                    }
                }
            }
        }
        return missing;
    }

    static Set<String> conditionKeys(List<PolicyDocument> documents) {
        Set<String> keys = new LinkedHashSet<>();
        for (PolicyDocument document : documents) {
            for (IamStatement s : document.parsed().statements()) {
                s.conditions().forEach(c -> keys.add(c.key().value().toLowerCase(Locale.ROOT)));
            }
        }
        return keys;
    }
}
