package dev.trainctl.orchestrator.rolecheck;

import dev.trainctl.orchestrator.cli.Console;
import dev.trainctl.orchestrator.cli.TrainctlException;
import dev.trainctl.orchestrator.emulate.EmulatedTraining;
import dev.trainctl.orchestrator.emulate.JobKeys;
import dev.trainctl.orchestrator.iam.ParsedPolicy;
import dev.trainctl.orchestrator.jobsecurity.JobSecurity;
import dev.trainctl.orchestrator.jobsecurity.KmsKeyArn;
import dev.trainctl.orchestrator.roles.KeyPolicies;
import dev.trainctl.orchestrator.roles.PolicyDocument;
import dev.trainctl.orchestrator.emulate.RoleSession;
import dev.trainctl.orchestrator.names.S3Uri;
import dev.trainctl.orchestrator.emulate.EntryPointProcess;
import dev.trainctl.orchestrator.emulate.JobRoleDocuments;
import dev.trainctl.orchestrator.names.ResourceNames;
import dev.trainctl.orchestrator.policy.BucketPolicy;
import dev.trainctl.orchestrator.roles.RoleDocuments;
import dev.trainctl.orchestrator.s3serve.EmbeddedS3;
import dev.trainctl.training.files.Directories;
import dev.trainctl.training.sagemaker.JobHyperparameters;
import dev.trainctl.training.train.DeviceChoice;
import dev.trainctl.training.train.Hyperparameters;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code role check --emulate}: the smallest emulated job that exercises what the role must allow (read the data,
 * write the model, sync checkpoints up and restore them after one spot interruption), run under the role's documents
 * and the bucket policy {@code provision} sets, against an embedded S3 in a temporary directory: offline and free.
 */
final class EmulateCheck {

    static final String RULE = "emulate";
    static final int SAMPLES = 300;

    private final Supplier<List<Path>> dataFiles;
    private final Console console;

    EmulateCheck(Supplier<List<Path>> dataFiles, Console console) {
        this.dataFiles = dataFiles;
        this.console = console;
    }

    /**
     * The serving case: SageMaker assumes the role for a model (its trust) and fetches the model artifact as the
     * role, against an embedded S3 holding one under the name's {@code output/} prefix.
     */
    CheckResult runServing(RoleDocuments role, JobScope scope, String name, String endpoint) {
        ResourceNames names = ResourceNames.of(scope.partition(), scope.account(), scope.region(), name)
                .withBucket(scope.bucket());
        JobRoleDocuments documents = JobRoleDocuments.of(role, Optional.of(JobRoleDocuments.bucketPolicy(
                BucketPolicy.document(names).toJson())), "the role's documents checked above, and the bucket policy"
                + " 'trainctl provision' sets");
        String key = scope.keyPrefix("output") + endpoint + "/output/model.tar.gz";
        Path work = null;
        try {
            work = java.nio.file.Files.createTempDirectory("trainctl-rolecheck-serving");
            try (EmbeddedS3 server = EmbeddedS3.start(work.resolve("s3"), "127.0.0.1", 0);
                    S3Client s3 = server.client()) {
                s3.createBucket(b -> b.bucket(scope.bucket()));
                s3.putObject(b -> b.bucket(scope.bucket()).key(key), software.amazon.awssdk.core.sync.RequestBody
                        .fromString("a stand-in for the model"));
                RoleSession session = EmulatedTraining.Role.serving(documents, names).modelSession(s3,
                        Optional.empty());
                session.assume();
                session.download(new S3Uri(scope.bucket(), key), work.resolve("model.tar.gz"),
                        "Could not download the model data");
                return CheckResult.pass(RULE, "emulated deploy as the role: SageMaker assumed it for a model and"
                        + " fetched s3://" + scope.bucket() + "/" + key);
            }
        } catch (TrainctlException | RoleSession.RoleDeniedException e) {
            return CheckResult.fail(RULE, "emulated deploy failed: " + e.getMessage(), "grant what the reason"
                    + " names; 'trainctl policy show serving-role' and 'serving-trust' print the serving role");
        } catch (IOException e) {
            return CheckResult.warn(RULE, "emulated deploy not run: " + e.getMessage(), "check the temporary"
                    + " directory");
        } finally {
            if (work != null) {
                try {
                    Directories.deleteRecursively(work);
                } catch (IOException ignored) {
                    // a temporary directory; the OS cleans it
                }
            }
        }
    }

    CheckResult run(RoleDocuments role, JobScope scope, String name, String jobName) throws InterruptedException {
        return run(role, scope, name, jobName, JobSecurity.none(), Map.of());
    }

    /**
     * With the job's VPC and keys: their requests are authorized as in {@code train --on emulated}; a key whose
     * policy was not read is emulated with KMS's default key policy, and the row says so.
     */
    CheckResult run(RoleDocuments role, JobScope scope, String name, String jobName, JobSecurity security,
            Map<KmsKeyArn, Optional<PolicyDocument>> keyPolicies) throws InterruptedException {
        ResourceNames names = ResourceNames.of(scope.partition(), scope.account(), scope.region(), name)
                .withBucket(scope.bucket());
        JobRoleDocuments documents = JobRoleDocuments.of(role, Optional.of(JobRoleDocuments.bucketPolicy(
                BucketPolicy.document(names).toJson())), "the role's documents checked above, and the bucket policy"
                + " 'trainctl provision' sets");
        // The entry point accepts any four IDX files as "custom"; the files come verified from the data cache.
        JobHyperparameters hyperparameters = new JobHyperparameters(Hyperparameters.defaults().withEpochs(1),
                JobHyperparameters.CUSTOM_DATASET, SAMPLES, DeviceChoice.CPU);
        Path work = null;
        try {
            List<Path> files = dataFiles.get();
            work = java.nio.file.Files.createTempDirectory("trainctl-rolecheck-emulate");
            try (EmbeddedS3 server = EmbeddedS3.start(work.resolve("s3"), "127.0.0.1", 0);
                    S3Client s3 = server.client()) {
                s3.createBucket(b -> b.bucket(scope.bucket()));
                EmulatedTraining.Plan plan = new EmulatedTraining.Plan(jobName, scope.bucket(), Optional.empty(),
                        scope.prefix(), files, hyperparameters, work.resolve("jobs"), true, Optional.of(1), true);
                List<String> defaulted = new ArrayList<>();
                Map<String, ParsedPolicy> policies = new LinkedHashMap<>();
                for (KmsKeyArn key : security.keys()) {
                    PolicyDocument policy = keyPolicies.getOrDefault(key, Optional.empty()).orElseGet(() -> {
                        defaulted.add(key.arn());
                        return PolicyDocument.keyPolicy(key.arn(), KeyPolicies.defaultPolicy(key.partition(),
                                key.account()));
                    });
                    policies.put(key.arn(), ParsedPolicy.parse(policy.name(), policy.json()));
                }
                EmulatedTraining.Result result = new EmulatedTraining(s3, EmulatedTraining.Role.of(
                        documents, names, new JobKeys(security, policies)), EntryPointProcess.current(),
                        console::verbose).run(plan);
                return CheckResult.pass(RULE, "emulated job " + jobName + " completed as the role: read "
                        + scope.s3Uri("data") + ", " + result.containerRuns() + " container runs (one spot"
                        + " interruption, checkpoints synced and restored), model.tar.gz written"
                        + (security.vpc().isPresent() ? "; network interfaces in the VPC authorized" : "")
                        + (security.keys().isEmpty() ? "" : "; the keys authorized with their key policies")
                        + (defaulted.isEmpty() ? "" : " (KMS's default key policy for " + String.join(", ", defaulted)
                        + ", whose own policy was not read)"));
            }
        } catch (TrainctlException e) {
            return CheckResult.fail(RULE, "emulated job failed: " + e.getMessage(), "grant what the reason"
                    + " names; 'trainctl policy show role' prints the statements a training job needs");
        } catch (IOException e) {
            return CheckResult.warn(RULE, "emulated job not run: " + e.getMessage(), "check the data cache"
                    + " ('trainctl data fetch') and the temporary directory");
        } finally {
            if (work != null) {
                try {
                    Directories.deleteRecursively(work);
                } catch (IOException ignored) {
                    // a temporary directory; the OS cleans it
                }
            }
        }
    }
}
