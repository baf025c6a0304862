package dev.trainctl.orchestrator.emulate;

import dev.trainctl.orchestrator.aws.AwsErrors;
import dev.trainctl.orchestrator.cli.Console;
import dev.trainctl.orchestrator.cli.TrainctlException;
import dev.trainctl.orchestrator.iam.ParsedPolicy;
import dev.trainctl.orchestrator.policy.BucketPolicy;
import dev.trainctl.orchestrator.jobsecurity.JobSecurity;
import dev.trainctl.orchestrator.names.ResourceNames;
import dev.trainctl.orchestrator.roles.PolicyDocument;
import dev.trainctl.orchestrator.roles.RoleArn;
import dev.trainctl.orchestrator.roles.RoleDocuments;
import dev.trainctl.orchestrator.roles.RoleReader;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Where an emulated job's role documents come from: the role's real documents from IAM and the bucket's policy from
 * S3 where the endpoint has them (AWS, or an AWS-compatible server with IAM); the documents {@code provision} would
 * create where it has none (the embedded S3, S3Proxy); and files the user gives instead.
 */
public final class RoleDocumentsSource {

    private RoleDocumentsSource() {}

    /**
     * @param iam empty when there is certainly no IAM (the embedded S3)
     * @param trustFile {@code --trust-policy-file}
     * @param policyFiles {@code --role-policy-file}, repeatable
     * @param security the job's VPC and keys: the documents {@code provision} would create include their statements
     */
    public static JobRoleDocuments resolve(Optional<IamClient> iam, S3Client s3, ResourceNames names, RoleArn role,
            Optional<String> bucketOwner, Optional<PolicyDocument> trustFile, List<PolicyDocument> policyFiles,
            JobSecurity security, Console console) {
        return resolve(iam, s3, names, role, bucketOwner, trustFile, policyFiles, console,
                JobRoleDocuments.provisioned(names, security));
    }

    /** As above, with {@code provisioned} the documents to use where there is no IAM (the serving role's). */
    public static JobRoleDocuments resolve(Optional<IamClient> iam, S3Client s3, ResourceNames names, RoleArn role,
            Optional<String> bucketOwner, Optional<PolicyDocument> trustFile, List<PolicyDocument> policyFiles,
            Console console, JobRoleDocuments provisioned) {
        JobRoleDocuments base = new JobRoleDocuments(role.toString(), provisioned.source(), provisioned.trust(),
                provisioned.permissions(), provisioned.boundary(), provisioned.bucketPolicy());
        boolean fromFiles = trustFile.isPresent() && !policyFiles.isEmpty();
        if (iam.isPresent() && !fromFiles) {
            Optional<RoleDocuments> read = readRole(iam.get(), role);
            if (read.isPresent()) {
                base = JobRoleDocuments.of(read.get(), bucketPolicy(s3, names, bucketOwner, console),
                        "the role's documents in IAM (" + role + ") and the bucket policy of " + names.bucket());
            } else {
                console.say("the endpoint has no IAM: using " + provisioned.source());
            }
        }
        return base.overriddenBy(trustFile, policyFiles);
    }

    private static Optional<RoleDocuments> readRole(IamClient iam, RoleArn role) {
        try {
            return Optional.of(new RoleReader(iam).read(role));
        } catch (TrainctlException e) {
            if (e.getCause() instanceof SdkException cause && AwsErrors.isServiceMissing(cause)) {
                return Optional.empty();
            }
            if (e.getCause() instanceof SdkException cause && AwsErrors.isNotFound(cause)) {
                throw new TrainctlException(e.exitCode(), "the execution role " + role + " does not exist: rehearse"
                        + " it before it exists with --trust-policy-file and --role-policy-file, or create it"
                        + " ('trainctl provision')", e);
            }
            throw e;
        }
    }

    /**
     * The bucket's policy: none when it has none; where the server cannot keep one (S3Proxy answers 501), or the
     * caller may not read it, the one {@code provision} sets, and the output says so.
     */
    static Optional<ParsedPolicy> bucketPolicy(S3Client s3, ResourceNames names, Optional<String> owner,
            Console console) {
        try {
            return Optional.of(JobRoleDocuments.bucketPolicy(s3.getBucketPolicy(b -> b.bucket(names.bucket())
                    .expectedBucketOwner(owner.orElse(null))).policy()));
        } catch (SdkException e) {
            if (e instanceof AwsServiceException service && AwsErrors.errorCode(service).equals("NoSuchBucketPolicy")) {
                return Optional.empty();
            }
            if (!AwsErrors.isNotImplemented(e) && !AwsErrors.isAccessDenied(e)) {
                throw AwsErrors.translate(e, "s3:GetBucketPolicy", names.bucket());
            }
            console.say("bucket policy of " + names.bucket() + " not readable (" + (AwsErrors.isAccessDenied(e)
                    ? "s3:GetBucketPolicy denied" : "the server does not keep bucket policies") + "): using the one"
                    + " 'trainctl provision' sets");
            return Optional.of(JobRoleDocuments.bucketPolicy(BucketPolicy.document(names).toJson()));
        }
    }
}
