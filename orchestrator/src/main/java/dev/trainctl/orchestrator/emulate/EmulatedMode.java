package dev.trainctl.orchestrator.emulate;

import dev.trainctl.orchestrator.aws.AwsClients;
import dev.trainctl.orchestrator.aws.AwsErrors;
import dev.trainctl.orchestrator.aws.CallerIdentity;
import dev.trainctl.orchestrator.cli.Console;
import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.Invocation;
import dev.trainctl.orchestrator.cli.TrainctlException;
import dev.trainctl.orchestrator.jobs.JobNames;
import dev.trainctl.orchestrator.jobs.RemoteTrainOptions;
import dev.trainctl.orchestrator.policy.ResourceNames;
import dev.trainctl.orchestrator.s3serve.EmbeddedS3;
import dev.trainctl.orchestrator.s3serve.S3Access;
import dev.trainctl.orchestrator.train.EngineOptions;
import dev.trainctl.training.sagemaker.JobHyperparameters;
import dev.trainctl.training.train.Hyperparameters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code trainctl train --on emulated}: wires the CLI to {@link EmulatedTraining}. */
public final class EmulatedMode {

    private EmulatedMode() {}

    public static ExitCode run(Invocation invocation, Hyperparameters training) throws Exception {
        Console console = invocation.console();
        String name = RemoteTrainOptions.name(invocation);
        JobHyperparameters hyperparameters = RemoteTrainOptions.hyperparameters(invocation, training);
        String jobName = JobNames.generate(name, Instant.now());
        EngineOptions.configureThreads(invocation); // the child JVM gets the setting (EntryPointProcess)
        List<Path> files = RemoteTrainOptions.dataFiles(invocation);
        try (AwsClients aws = AwsClients.create(invocation.global(), console);
                S3Access access = S3Access.open(aws, console)) {
            EmulatedTarget target = EmulatedTarget.resolve(invocation, aws, access);
            String bucket = target.bucket();
            Optional<String> owner = target.bucketOwner();
            console.say("emulating SageMaker training job " + jobName + " against " + access.description()
                    + ", bucket " + bucket);
            Path work = Files.createTempDirectory("trainctl-emulated");
            EmulatedTraining.Result result;
            try {
                result = new EmulatedTraining(access.s3(), EntryPointProcess.current(), console::say)
                        .run(new EmulatedTraining.Plan(jobName, bucket, owner, name, files, hyperparameters, work));
            } catch (SdkException e) {
                throw AwsErrors.translate(e, "s3", "s3://" + bucket + "/" + name + "/");
            } finally {
                try {
                    // Empty unless a failed job's files were kept for inspection; a Ctrl-C removes them first.
                    Files.deleteIfExists(work);
                } catch (java.nio.file.DirectoryNotEmptyException kept) {
                    // the failure message names the directory
                }
            }
            console.say(String.format(Locale.ROOT, "test accuracy %.4f (%d/%d); model: %s", result.testAccuracy(),
                    result.testCorrect(), result.testCount(), result.model()));
            console.say("evaluate it: trainctl " + target.endpointOption() + "evaluate --model " + result.model());
            console.result(result);
            return ExitCode.OK;
        }
    }
}
