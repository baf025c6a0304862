package dev.trainctl.orchestrator.emulate;

import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.TerminalText;
import dev.trainctl.orchestrator.cli.TrainctlException;
import dev.trainctl.orchestrator.iam.Decision;
import dev.trainctl.orchestrator.iam.PolicyEvaluator;
import dev.trainctl.orchestrator.iam.PolicySet;
import dev.trainctl.orchestrator.iam.Request;
import dev.trainctl.orchestrator.iam.StatementRef;
import dev.trainctl.orchestrator.iam.UnsupportedPolicyException;
import dev.trainctl.orchestrator.jobsecurity.JobRequest;
import dev.trainctl.orchestrator.jobsecurity.JobSecurityRequests;
import dev.trainctl.orchestrator.jobsecurity.KmsKeyArn;
import dev.trainctl.orchestrator.names.S3Uri;
import dev.trainctl.orchestrator.names.ResourceNames;
import dev.trainctl.training.files.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * SageMaker acting as the execution role for one job: assuming the role through its trust policy, then every S3
 * request SageMaker makes on the job's behalf (channel download, model upload, checkpoint sync), each authorized
 * with the evaluator against the role's documents and the bucket policy before it is sent, with the context
 * SageMaker's requests carry. The emulation's S3 server allows everything; this class is what says no.
 */
public final class RoleSession {

    /** The session name SageMaker gives the role session it creates for a training job. */
    static final String SESSION_NAME = "SageMaker";
    /** How the failure reason names the instance's setup in the VPC and with the volume key. */
    static final String NETWORK_SETUP = "Could not create the job's network interfaces in the VPC";
    static final String VOLUME_SETUP = "Could not encrypt the job's storage volume with the volume key";

    /**
     * On whose behalf SageMaker acts, in one account and region: a training job, or a model being deployed.
     *
     * @param sourceArn what SageMaker sends as {@code aws:SourceArn} when it assumes the role
     * @param operation the call that fails when the trust does not admit it ({@code CreateTrainingJob})
     */
    public record Job(String partition, String account, String region, String sourceArn, String operation) {

        /** A training job: SageMaker presents the job's ARN. */
        public static Job training(String partition, String account, String region, String jobName) {
            return new Job(partition, account, region, "arn:" + partition + ":sagemaker:" + region + ":" + account
                    + ":training-job/" + jobName, "CreateTrainingJob");
        }

        /**
         * A model: for inference AWS documents {@code arn:PARTITION:sagemaker:REGION:ACCOUNT:*} as the source (the
         * asterisk is not a wildcard), not the model's ARN.
         */
        public static Job model(String partition, String account, String region) {
            return new Job(partition, account, region, "arn:" + partition + ":sagemaker:" + region + ":" + account
                    + ":*", "CreateModel");
        }

        String arn() {
            return sourceArn;
        }
    }

    /** One S3 request, described for authorization before any is sent (so a sync is all or nothing). */
    record Access(String action, String resource, Map<String, List<String>> extraContext) {}

    private final JobRoleDocuments documents;
    private final Job job;
    private final Optional<PolicySet> reference;
    private final S3Client s3;
    private final Optional<String> bucketOwner;
    private final JobKeys keys;
    private final JobSecurityRequests requests;

    /**
     * @param reference the documents {@code provision} would create for this job: where the fix for a denial is
     *     looked up (the statement that would allow it)
     * @param bucketOwner sent as {@code ExpectedBucketOwner}; empty on a local S3
     */
    public RoleSession(JobRoleDocuments documents, Job job, Optional<PolicySet> reference, S3Client s3,
            Optional<String> bucketOwner) {
        this(documents, job, reference, s3, bucketOwner, JobKeys.none());
    }

    /**
     * @param keys the job's VPC and keys: its network interfaces and volume grant are authorized before the container
     *     starts, and every S3 request is authorized against the output key too (as SSE-KMS makes S3 use it)
     */
    public RoleSession(JobRoleDocuments documents, Job job, Optional<PolicySet> reference, S3Client s3,
            Optional<String> bucketOwner, JobKeys keys) {
        this.documents = documents;
        this.job = job;
        this.reference = reference;
        this.s3 = s3;
        this.bucketOwner = bucketOwner;
        this.keys = keys;
        this.requests = new JobSecurityRequests(job.partition(), job.region(), job.account());
    }

    public String principal() {
        String role = documents.roleArn().substring(documents.roleArn().lastIndexOf('/') + 1);
        return "arn:" + job.partition() + ":sts::" + job.account() + ":assumed-role/" + role + "/" + SESSION_NAME;
    }

    public JobRoleDocuments documents() {
        return documents;
    }

    /**
     * SageMaker assumes the role as {@code sagemaker.amazonaws.com}, naming the job ({@code aws:SourceArn}) and its
     * account ({@code aws:SourceAccount}); CreateTrainingJob refuses the job when the trust policy does not allow it.
     */
    public void assume() {
        Request request = Request.assumeRoleByService(ResourceNames.SAGEMAKER_SERVICE, documents.roleArn(),
                job.account(), job.arn());
        Decision decision = decide(documents.forAssumeRole(), request);
        if (!decision.allowed()) {
            // CreateTrainingJob's (and CreateModel's) answer when SageMaker cannot assume the role.
            throw new TrainctlException(ExitCode.AWS_INVALID, job.operation() + " would fail: ValidationException:"
                    + " Could not assume role " + documents.roleArn() + ". Please ensure that the role exists and"
                    + " allows principal '" + ResourceNames.SAGEMAKER_SERVICE + "' to assume the role. (trainctl's"
                    + " evaluator: " + decision.reason() + " for aws:SourceAccount=" + job.account()
                    + ", aws:SourceArn=" + job.arn() + "; 'trainctl policy show " + (job.operation().equals("CreateModel")
                    ? "serving-trust" : "trust") + "' prints a trust policy that allows it)");
        }
    }

    /** Lists the objects under {@code prefix} as the role (ListBucket with {@code s3:prefix}). */
    public List<S3Object> list(S3Uri prefix, String stage) {
        authorize(stage, List.of(listing(prefix)));
        return s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(prefix.bucket()).prefix(prefix.key())
                .expectedBucketOwner(bucketOwner.orElse(null)).build()).contents().stream().toList();
    }

    public void download(S3Uri object, Path target, String stage) {
        authorize(stage, List.of(object("s3:GetObject", object)));
        GetObjectRequest request = GetObjectRequest.builder().bucket(object.bucket()).key(object.key())
                .expectedBucketOwner(bucketOwner.orElse(null)).build();
        try {
            AtomicFiles.write(target, AtomicFiles.SHARED, out -> s3.getObject(request,
                    ResponseTransformer.toOutputStream(out)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /** A PutObject as SageMaker sends it: SSE-KMS with the output key on AWS (a local S3 has no KMS). */
    private PutObjectRequest put(S3Uri uri) {
        PutObjectRequest.Builder put = PutObjectRequest.builder().bucket(uri.bucket()).key(uri.key())
                .expectedBucketOwner(bucketOwner.orElse(null));
        keys.security().outputKey().filter(k -> bucketOwner.isPresent()).ifPresent(key -> put
                .serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(key.arn()));
        return put.build();
    }

    /** Uploads files once all of them (and {@code deletes}) are authorized: a denial leaves S3 as it was. */
    public void upload(Map<S3Uri, Path> files, List<S3Uri> deletes, String stage) {
        List<Access> all = new ArrayList<>();
        files.keySet().forEach(uri -> all.add(object("s3:PutObject", uri)));
        deletes.forEach(uri -> all.add(object("s3:DeleteObject", uri)));
        authorize(stage, all);
        files.forEach((uri, path) -> s3.putObject(put(uri), path));
        deletes.forEach(uri -> s3.deleteObject(DeleteObjectRequest.builder().bucket(uri.bucket()).key(uri.key())
                .expectedBucketOwner(bucketOwner.orElse(null)).build()));
    }

    /**
     * Authorizes requests before any is sent; the first denied one fails the job with SageMaker's ClientError. With
     * an output key, S3 reads and writes as the role with it (SSE-KMS): kms:Decrypt for a read, kms:GenerateDataKey
     * for a write, through S3, and a denial comes back from S3 as its AccessDenied.
     */
    void authorize(String stage, List<Access> accesses) {
        for (Access access : accesses) {
            Request request = request(access);
            Decision decision = decide(documents.forS3(), request);
            if (!decision.allowed()) {
                throw new RoleDeniedException("ClientError: " + stage + ": AccessDenied (403): "
                        + accessDenied(request, decision) + " " + fix(request, decision));
            }
            keys.security().outputKey().ifPresent(key -> {
                String kmsAction = switch (access.action()) {
                    case "s3:GetObject" -> "kms:Decrypt";
                    case "s3:PutObject" -> "kms:GenerateDataKey";
                    default -> null;
                };
                if (kmsAction != null) {
                    authorizeKey(stage + ": AccessDenied (403)", key, requests.s3Kms(kmsAction, key, access.action()));
                }
            });
        }
    }

    /**
     * What SageMaker does as the role before the container starts: the job's network interfaces in its VPC (each EC2
     * request evaluated over the role's policies) and the volume key's grant (over the role's policies and the key's
     * policy). The first denial fails the job.
     */
    public void startInstance() {
        keys.security().vpc().ifPresent(vpc -> {
            for (JobRequest ec2 : requests.networkInterfaces(vpc)) {
                Request request = request(ec2);
                Decision decision = decide(documents.forIdentity(), request);
                if (!decision.allowed()) {
                    // SageMaker's prefix with EC2's own wording for a denied request.
                    throw new RoleDeniedException("ClientError: " + NETWORK_SETUP + ": UnauthorizedOperation: You are"
                            + " not authorized to perform this operation. " + accessDenied(request, decision) + " "
                            + fix(request, decision));
                }
            }
        });
        keys.security().volumeKey().ifPresent(key -> authorizeKey(VOLUME_SETUP + ": AccessDeniedException", key,
                requests.volumeGrant(key)));
    }

    /** SageMaker encrypts the output with the output key ({@code kms:Encrypt}) before it uploads it. */
    public void encryptOutput(String stage) {
        keys.security().outputKey().ifPresent(key -> authorizeKey(stage + ": AccessDeniedException", key,
                requests.outputKey(key).stream().filter(r -> r.action().equals("kms:Encrypt")).findFirst()
                        .orElseThrow()));
    }

    /** A KMS request for the role: allowed only if the role's policies and the key's policy both let it through. */
    private void authorizeKey(String failure, KmsKeyArn key, JobRequest kms) {
        Request request = request(kms);
        Decision decision = decide(keys.forKey(documents, key), request);
        if (decision.allowed()) {
            return;
        }
        boolean identityAllows = decide(documents.forIdentity(), request).allowed();
        String because = identityAllows && decision.outcome() == Decision.Outcome.IMPLICIT_DENY
                ? "User: " + principal() + " is not authorized to perform: " + request.action() + " on resource: "
                        + request.resource() + " because no resource-based policy allows the " + request.action()
                        + " action."
                : accessDenied(request, decision);
        String fixText = identityAllows && decision.outcome() == Decision.Outcome.IMPLICIT_DENY
                ? "The key policy of " + key + " must allow the role too (IAM alone is not enough for KMS): add"
                        + " {\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"" + documents.roleArn() + "\"},"
                        + " \"Action\": \"" + request.action() + "\", \"Resource\": \"*\"} to it."
                : fix(request, decision);
        throw new RoleDeniedException("ClientError: " + failure + ": " + because + " " + fixText);
    }

    private Request request(JobRequest job) {
        Map<String, List<String>> context = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        context.put("aws:SecureTransport", List.of("true"));
        context.put("aws:RequestedRegion", List.of(this.job.region()));
        context.putAll(job.context());
        return new Request(job.action(), job.resource(), Optional.of(principal()), context);
    }

    /**
     * What S3 sees from SageMaker's session: TLS, the bucket owner's account ({@code s3:ResourceAccount}, which S3
     * sets on every request), the region; the principal keys follow from the session ARN.
     */
    private Request request(Access access) {
        Map<String, List<String>> context = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        context.put("aws:SecureTransport", List.of("true"));
        context.put("aws:RequestedRegion", List.of(job.region()));
        context.put("aws:ResourceAccount", List.of(job.account()));
        context.put("s3:ResourceAccount", List.of(job.account()));
        context.putAll(access.extraContext());
        return new Request(access.action(), access.resource(), Optional.of(principal()), context);
    }

    private Access listing(S3Uri prefix) {
        return new Access("s3:ListBucket", "arn:" + job.partition() + ":s3:::" + prefix.bucket(),
                Map.of("s3:prefix", List.of(prefix.key())));
    }

    /** AWS's access-denied wording: "User: P is not authorized to perform: A on resource: "R" because ...". */
    private String accessDenied(Request request, Decision decision) {
        String because;
        if (decision.outcome() == Decision.Outcome.EXPLICIT_DENY) {
            boolean bucket = decision.statements().stream().anyMatch(s -> documents.bucketPolicy()
                    .filter(p -> p.name().equals(s.policy())).isPresent());
            because = "with an explicit deny in a " + (bucket ? "resource-based" : "identity-based") + " policy ("
                    + join(decision.statements()) + ")";
        } else if (decision.reason().contains("permissions boundary")) {
            because = "because no permissions boundary allows the " + request.action() + " action";
        } else {
            because = "because no identity-based policy allows the " + request.action() + " action";
        }
        // The resource holds an S3 key, which whoever writes the bucket chose.
        return "User: " + principal() + " is not authorized to perform: " + request.action() + " on resource: \""
                + TerminalText.escape(request.resource()) + "\" " + because + ".";
    }

    /** The statement that would allow it, from the documents {@code provision} creates for this job. */
    private String fix(Request request, Decision decision) {
        if (decision.outcome() == Decision.Outcome.EXPLICIT_DENY) {
            return "Narrow " + join(decision.statements()) + " so it does not cover this request.";
        }
        Optional<Decision> provisioned = reference.map(r -> decide(r, request)).filter(Decision::allowed);
        String missing = decision.missingContextKeys().isEmpty() ? "" : " (the request had no "
                + String.join(", ", decision.missingContextKeys()) + ")";
        return provisioned.map(d -> "The statement that would allow it: " + join(d.statements().stream()
                .filter(s -> !s.policy().equals("bucket policy")).toList()) + " ('trainctl policy show role')."
                + missing).orElse("Allow " + request.action() + " on " + TerminalText.escape(request.resource())
                + " for the role."
                + missing);
    }

    private static Decision decide(PolicySet policies, Request request) {
        try {
            return PolicyEvaluator.evaluate(policies, request);
        } catch (UnsupportedPolicyException e) {
            throw new TrainctlException(ExitCode.USAGE, "the emulation cannot evaluate the role's documents: "
                    + e.getMessage() + "; it refuses rather than guess", e);
        }
    }

    private Access object(String action, S3Uri uri) {
        return new Access(action, "arn:" + job.partition() + ":s3:::" + uri.bucket() + "/" + uri.key(), Map.of());
    }

    private static String join(List<StatementRef> refs) {
        return String.join(", ", refs.stream().map(StatementRef::toString).toList());
    }

    /** A request SageMaker would make as the role was denied: the job fails with this reason. */
    public static final class RoleDeniedException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        RoleDeniedException(String failureReason) {
            super(failureReason);
        }
    }
}
