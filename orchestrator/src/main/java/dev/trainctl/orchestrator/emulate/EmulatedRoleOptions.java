package dev.trainctl.orchestrator.emulate;

import static dev.trainctl.orchestrator.cli.TrainctlException.usageIfInvalid;

import dev.trainctl.orchestrator.aws.AwsClients;
import dev.trainctl.orchestrator.aws.CallerIdentity;
import dev.trainctl.orchestrator.cli.Console;
import dev.trainctl.orchestrator.cli.Invocation;
import dev.trainctl.orchestrator.cli.TrainctlException;
import dev.trainctl.orchestrator.iam.ParsedPolicy;
import dev.trainctl.orchestrator.iam.ResourcePolicy;
import dev.trainctl.orchestrator.iam.UnsupportedPolicyException;
import dev.trainctl.orchestrator.jobsecurity.JobSecurity;
import dev.trainctl.orchestrator.names.ResourceNames;
import dev.trainctl.orchestrator.roles.PolicyDocument;
import dev.trainctl.orchestrator.roles.PolicyFiles;
import dev.trainctl.orchestrator.roles.RoleArn;
import dev.trainctl.orchestrator.trainingjob.RemoteTrainOptions;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Who an emulated job runs as, as the user chose it: {@code --role-arn}, and documents given as files instead of the
 * role's ({@code --trust-policy-file}, {@code --role-policy-file}). Read and checked before any long work; resolved
 * against the target's account once the S3 is known. {@code train --on emulated} and every trial of
 * {@code tune --on emulated} run as the role this gives.
 */
public record EmulatedRoleOptions(Optional<RoleArn> roleArn, Optional<PolicyDocument> trustFile,
        List<PolicyDocument> policyFiles, JobSecurity security, Optional<PolicyDocument> keyFile,
        Optional<PolicyDocument> volumeKeyFile) {

    /** A local S3 has no region; the job's ARN still has one (the embedded server's). */
    static final String LOCAL_REGION = "us-east-1";

    /** The options as given; a file that cannot be read, or that the evaluator cannot evaluate, is a usage error. */
    public static EmulatedRoleOptions read(Invocation invocation) {
        Optional<RoleArn> roleArn = invocation.value("role-arn")
                .map(arn -> usageIfInvalid(() -> RoleArn.parse(arn)));
        Optional<PolicyDocument> trustFile = PolicyFiles.trust(invocation, "trust-policy-file");
        List<PolicyDocument> policyFiles = PolicyFiles.permissions(invocation, "role-policy-file");
        for (PolicyDocument file : policyFiles) {
            evaluable(() -> ParsedPolicy.parse(file.name(), file.json()));
        }
        trustFile.ifPresent(file -> evaluable(() -> ResourcePolicy.trust(ParsedPolicy.parse(file.name(),
                file.json()))));
        JobSecurity security = RemoteTrainOptions.security(invocation);
        Optional<PolicyDocument> keyFile = PolicyFiles.keyPolicy(invocation, "key-policy-file", "kms-key");
        Optional<PolicyDocument> volumeKeyFile = PolicyFiles.keyPolicy(invocation, "volume-key-policy-file",
                "volume-kms-key");
        for (PolicyDocument file : keyFile.stream().toList()) {
            evaluable(() -> ResourcePolicy.key(ParsedPolicy.parse(file.name(), file.json())));
        }
        for (PolicyDocument file : volumeKeyFile.stream().toList()) {
            evaluable(() -> ResourcePolicy.key(ParsedPolicy.parse(file.name(), file.json())));
        }
        return new EmulatedRoleOptions(roleArn, trustFile, policyFiles, security, keyFile, volumeKeyFile);
    }

    /**
     * The role, in the target's account: its documents from the files given, else from IAM where there is one to
     * read, else the ones {@code provision} would create.
     */
    public EmulatedTraining.Role resolve(AwsClients aws, EmulatedTarget target, String name, Console console) {
        // With no account (a local S3), the placeholder account stands in everywhere: role, job and bucket owner.
        String account = target.bucketOwner().orElse(CallerIdentity.PLACEHOLDER_ACCOUNT);
        boolean local = target.access().local();
        String region = local ? aws.configuredRegion().map(r -> r.id()).orElse(LOCAL_REGION) : aws.region().id();
        ResourceNames names = ResourceNames.of(local ? "aws" : aws.partition(), account, region, name)
                .withBucket(target.bucket());
        RoleArn arn = roleArn.orElseGet(() -> RoleArn.parse(names.roleArn()));
        // The embedded server, or an endpoint used with trainctl's local credentials, has no IAM to read.
        usageIfInvalid(() -> {
            security.checkRegion(region);
            return security;
        });
        JobRoleDocuments documents = evaluable(() -> RoleDocumentsSource.resolve(target.access().ownsClient()
                ? Optional.empty() : Optional.of(aws.iam()), target.access().s3(), names, arn,
                target.bucketOwner(), trustFile, policyFiles, security, console));
        evaluable(documents::forAssumeRole);
        evaluable(documents::forS3);
        // The embedded S3, or an endpoint used with trainctl's local credentials, has no KMS to read key policies from.
        JobKeys keys = JobKeys.resolve(security, target.access().ownsClient() ? Optional.empty()
                : Optional.of(aws.kms()), keyFile, volumeKeyFile, console);
        return EmulatedTraining.Role.of(documents, names, keys);
    }

    /** Runs {@code step}; a document the evaluator cannot evaluate is a usage error, before anything runs. */
    private static <T> T evaluable(Supplier<T> step) {
        try {
            return step.get();
        } catch (UnsupportedPolicyException e) {
            throw TrainctlException.usage("the emulation cannot evaluate the role's documents: " + e.getMessage()
                    + "; it refuses rather than guess");
        }
    }

}
