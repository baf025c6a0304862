package dev.trainctl.orchestrator.emulate;

import static dev.trainctl.orchestrator.cli.TrainctlException.usageIfInvalid;

import dev.trainctl.orchestrator.aws.AwsClients;
import dev.trainctl.orchestrator.aws.CallerIdentity;
import dev.trainctl.orchestrator.cli.Console;
import dev.trainctl.orchestrator.cli.Invocation;
import dev.trainctl.orchestrator.cli.TrainctlException;
import dev.trainctl.orchestrator.iam.ParsedPolicy;
import dev.trainctl.orchestrator.iam.IamRules;
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

    /** The options as given; a file that cannot be read, or that the evaluator cannot evaluate, is a usage error. */
    public static EmulatedRoleOptions read(Invocation invocation) {
        Optional<RoleArn> roleArn = invocation.value("role-arn")
                .map(arn -> usageIfInvalid(() -> RoleArn.forJob(arn)));
        Optional<PolicyDocument> trustFile = PolicyFiles.trust(invocation, "trust-policy-file");
        List<PolicyDocument> policyFiles = PolicyFiles.permissions(invocation, "role-policy-file");
        for (PolicyDocument file : policyFiles) {
            evaluable(() -> ParsedPolicy.parse(file.name(), file.json()));
            evaluable(() -> {
                IamRules.identity(file.name(), file.json(), "an identity policy");
                return file;
            });
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
     * The role, in the job's account ({@link #account}): its documents from the files given, else from IAM where
     * there is one to read, else the ones {@code provision} would create.
     */
    public EmulatedTraining.Role resolve(AwsClients aws, EmulatedTarget target, String name, Console console) {
        return resolve(aws, target, name, console, false);
    }

    /** The serving role ({@code deploy --on emulated}): {@code NAME-serving} unless {@code --role-arn} says. */
    public EmulatedTraining.Role resolveServing(AwsClients aws, EmulatedTarget target, String name, Console console) {
        return resolve(aws, target, name, console, true);
    }

    private EmulatedTraining.Role resolve(AwsClients aws, EmulatedTarget target, String name, Console console,
            boolean serving) {
        String account = account(target);
        boolean local = target.access().local();
        ResourceNames names = ResourceNames.of(roleArn.map(RoleArn::partition).orElse(local ? "aws"
                : aws.partition()), account, target.region(), name).withBucket(target.bucket());
        RoleArn arn = roleArn.orElseGet(() -> RoleArn.parse(serving ? names.servingRoleArn() : names.roleArn()));
        usageIfInvalid(() -> {
            security.checkRegion(target.region());
            return security;
        });
        // The embedded server, or an endpoint used with trainctl's local credentials, has no IAM to read: then the
        // documents provision creates stand in, the serving role's for NAME-serving even when a job is given it.
        boolean servingDocuments = serving || arn.toString().equals(names.servingRoleArn());
        JobRoleDocuments documents = evaluable(() -> RoleDocumentsSource.resolve(target.access().ownsClient()
                ? Optional.empty() : Optional.of(aws.iam()), target.access().s3(), names, arn,
                target.bucketOwner(), trustFile, policyFiles, console, servingDocuments
                        ? JobRoleDocuments.provisionedServing(names) : JobRoleDocuments.provisioned(names, security)));
        evaluable(documents::forAssumeRole);
        evaluable(documents::forS3);
        if (serving) {
            return EmulatedTraining.Role.serving(documents, names);
        }
        // The embedded S3, or an endpoint used with trainctl's local credentials, has no KMS to read key policies from.
        JobKeys keys = JobKeys.resolve(security, target.access().ownsClient() ? Optional.empty()
                : Optional.of(aws.kms()), keyFile, volumeKeyFile, console);
        return EmulatedTraining.Role.of(documents, names, keys);
    }

    /**
     * The account the job runs in, which its aws:SourceAccount and aws:SourceArn name and the role is read in: the
     * caller's where it is known, else the role's ({@code --role-arn}); the placeholder only where neither is known
     * (a local S3 with no role given). A role of another account than the caller's is refused: SageMaker runs a job
     * in the caller's account, and PassRole passes only a role of that account.
     */
    String account(EmulatedTarget target) {
        if (roleArn.isPresent() && target.account().isPresent()
                && !roleArn.get().account().equals(target.account().get())) {
            throw TrainctlException.usage("--role-arn " + roleArn.get() + " is in account "
                    + roleArn.get().account() + ", but your credentials are in account " + target.account().get()
                    + ": a job runs in your account and can be given only a role of that account (iam:PassRole)");
        }
        return target.account().or(() -> roleArn.map(RoleArn::account))
                .orElse(CallerIdentity.PLACEHOLDER_ACCOUNT);
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
