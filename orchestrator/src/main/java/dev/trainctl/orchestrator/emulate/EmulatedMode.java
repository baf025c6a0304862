package dev.trainctl.orchestrator.emulate;

import dev.trainctl.orchestrator.aws.AwsClients;
import dev.trainctl.orchestrator.aws.AwsErrors;
import dev.trainctl.orchestrator.aws.CallerIdentity;
import dev.trainctl.orchestrator.cli.Console;
import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.Invocation;
import dev.trainctl.orchestrator.cli.TrainctlException;
import dev.trainctl.orchestrator.iam.ParsedPolicy;
import dev.trainctl.orchestrator.iam.ResourcePolicy;
import dev.trainctl.orchestrator.iam.UnsupportedPolicyException;
import dev.trainctl.orchestrator.jobs.JobNames;
import dev.trainctl.orchestrator.jobs.RemoteTrainOptions;
import dev.trainctl.orchestrator.policy.ResourceNames;
import dev.trainctl.orchestrator.rolecheck.PolicyDocument;
import dev.trainctl.orchestrator.rolecheck.PolicyFiles;
import dev.trainctl.orchestrator.rolecheck.RoleArn;
import dev.trainctl.orchestrator.s3serve.EmbeddedS3;
import dev.trainctl.orchestrator.s3serve.S3Access;
import dev.trainctl.training.sagemaker.JobHyperparameters;
import dev.trainctl.training.train.Hyperparameters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code trainctl train --on emulated}: wires the CLI to {@link EmulatedTraining}. */
public final class EmulatedMode {

    static final String LOCAL_REGION = "us-east-1";

    private EmulatedMode() {}

    public static ExitCode run(Invocation invocation, Hyperparameters training) throws Exception {
        Console console = invocation.console();
        String name = RemoteTrainOptions.name(invocation);
        JobHyperparameters hyperparameters = RemoteTrainOptions.hyperparameters(invocation, training);
        String jobName = JobNames.generate(name, Instant.now());
        if (invocation.global().dryRun()) {
            throw TrainctlException.usage("--dry-run is not supported with --on emulated (it only talks to S3); "
                    + "use --on sagemaker --dry-run to see the CreateTrainingJob request");
        }
        Optional<Integer> interruptAt = invocation.value("interrupt-at-epoch").map(v -> invocation.intValue(
                "interrupt-at-epoch", 0));
        boolean spot = invocation.has("spot");
        if (interruptAt.isPresent() && !spot) {
            throw TrainctlException.usage("--interrupt-at-epoch rehearses a spot interruption: add --spot");
        }
        Optional<PolicyDocument> trustFile = PolicyFiles.trust(invocation, "trust-policy-file");
        List<PolicyDocument> policyFiles = PolicyFiles.permissions(invocation, "role-policy-file");
        for (PolicyDocument file : policyFiles) {
            evaluable(() -> ParsedPolicy.parse(file.name(), file.json()));
        }
        trustFile.ifPresent(file -> evaluable(() -> ResourcePolicy.trust(ParsedPolicy.parse(file.name(),
                file.json()))));
        List<Path> files = RemoteTrainOptions.dataFiles(invocation);
        try (AwsClients aws = AwsClients.create(invocation.global(), console);
                S3Access access = S3Access.open(aws, console)) {
            // On AWS every S3 call names the account that must own the bucket; a local S3 has no accounts.
            Optional<String> owner = access.local() ? Optional.empty()
                    : Optional.of(CallerIdentity.lookup(aws.sts()).account());
            String bucket = invocation.value("bucket").orElseGet(() -> owner.isEmpty() ? EmbeddedS3.LOCAL_BUCKET
                    : ResourceNames.defaultBucket(owner.get(), aws.region().id()));
            console.say("emulating SageMaker training job " + jobName + " against " + access.description()
                    + ", bucket " + bucket);
            ensureBucket(access, bucket, owner, console);
            // With no account (a local S3), the placeholder account stands in everywhere: role, job and bucket owner.
            String account = owner.orElse(CallerIdentity.PLACEHOLDER_ACCOUNT);
            // A local S3 needs no region; the job's ARN still has one (the embedded server's, us-east-1).
            String region = access.local() ? aws.configuredRegion().map(r -> r.id()).orElse(LOCAL_REGION)
                    : aws.region().id();
            ResourceNames names = ResourceNames.of(access.local() ? "aws" : aws.partition(), account, region, name)
                    .withBucket(bucket);
            RoleArn roleArn = invocation.value("role-arn").map(RoleArn::parse)
                    .orElseGet(() -> RoleArn.parse(names.roleArn()));
            // The embedded server, or an endpoint used with trainctl's local credentials, has no IAM to read.
            JobRoleDocuments documents = evaluable(() -> RoleDocumentsSource.resolve(access.ownsClient()
                    ? Optional.empty() : Optional.of(aws.iam()), access.s3(), names, roleArn, owner, trustFile,
                    policyFiles, console));
            evaluable(documents::forAssumeRole);
            evaluable(documents::forS3);
            EmulatedTraining.Role role = EmulatedTraining.Role.of(documents, names);
            EmulatedTraining.Plan plan;
            try {
                plan = new EmulatedTraining.Plan(jobName, bucket, owner, name, files, hyperparameters,
                        Files.createTempDirectory("trainctl-emulated"), spot, interruptAt,
                        !invocation.has("allow-network"));
            } catch (IllegalArgumentException e) {
                throw TrainctlException.usage(e.getMessage());
            }
            Path work = plan.workDir();
            EmulatedTraining.Result result;
            try {
                result = new EmulatedTraining(access.s3(), role, EntryPointProcess.current(), console::say)
                        .run(plan);
            } catch (SdkException e) {
                throw AwsErrors.translate(e, "s3", "s3://" + bucket + "/" + name + "/");
            } finally {
                try {
                    Files.deleteIfExists(work); // empty unless a failed job's files were kept for inspection
                } catch (java.nio.file.DirectoryNotEmptyException kept) {
                    // the failure message names the directory
                }
            }
            console.say(String.format(Locale.ROOT, "test accuracy %.4f (%d/%d); model: %s", result.testAccuracy(),
                    result.testCorrect(), result.testCount(), result.model()));
            String endpoint = access.embedded().isEmpty() && access.endpoint().isPresent()
                    ? "--endpoint-url " + access.endpoint().get() + " " : "";
            console.say("evaluate it: trainctl " + endpoint + "evaluate --model " + result.model());
            console.result(result);
            return ExitCode.OK;
        }
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

    /** A local S3 gets the bucket created on first use; on AWS the bucket is provisioned, never created here. */
    private static void ensureBucket(S3Access access, String bucket, Optional<String> owner, Console console) {
        S3Client s3 = access.s3();
        try {
            s3.headBucket(b -> b.bucket(bucket).expectedBucketOwner(owner.orElse(null)));
        } catch (SdkException e) {
            if (!AwsErrors.isNotFound(e)) {
                throw AwsErrors.translate(e, "s3:ListBucket", bucket);
            }
            if (!access.local()) {
                throw new TrainctlException(ExitCode.AWS_INVALID, "bucket " + bucket + " does not exist: run"
                        + " 'trainctl provision' first (or pass --bucket)", e);
            }
            s3.createBucket(b -> b.bucket(bucket));
            console.say("created bucket " + bucket + " on the local S3");
        }
    }
}
