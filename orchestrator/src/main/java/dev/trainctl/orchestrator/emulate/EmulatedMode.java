package dev.trainctl.orchestrator.emulate;

import dev.trainctl.orchestrator.aws.AwsClients;
import dev.trainctl.orchestrator.aws.AwsErrors;
import dev.trainctl.orchestrator.cli.Console;
import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.Invocation;
import dev.trainctl.orchestrator.cli.TrainctlException;
import dev.trainctl.orchestrator.names.JobNames;
import dev.trainctl.orchestrator.s3serve.S3Access;
import dev.trainctl.orchestrator.train.EngineOptions;
import dev.trainctl.orchestrator.trainingjob.RemoteTrainOptions;
import dev.trainctl.training.sagemaker.JobHyperparameters;
import dev.trainctl.training.text.ShellWords;
import dev.trainctl.training.train.Hyperparameters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;

/** {@code trainctl train --on emulated}: wires the CLI to {@link EmulatedTraining}. */
public final class EmulatedMode {

    private EmulatedMode() {}

    public static ExitCode run(Invocation invocation, Hyperparameters training) throws Exception {
        Console console = invocation.console();
        String name = RemoteTrainOptions.name(invocation);
        JobHyperparameters hyperparameters = RemoteTrainOptions.hyperparameters(invocation, training);
        String jobName = JobNames.generate(name, Instant.now());
        EngineOptions.configureThreads(invocation); // the child JVM gets the setting (EntryPointProcess)
        Optional<Integer> interruptAt = invocation.value("interrupt-at-epoch").map(v -> invocation.intValue(
                "interrupt-at-epoch", 0, 1, training.epochs()));
        EmulatedRoleOptions roleOptions = EmulatedRoleOptions.read(invocation);
        List<Path> files = RemoteTrainOptions.dataFiles(invocation);
        try (AwsClients aws = AwsClients.create(invocation.global(), console);
                S3Access access = S3Access.open(aws, console)) {
            EmulatedTarget target = EmulatedTarget.resolve(invocation, aws, access);
            String bucket = target.bucket();
            console.say("emulating SageMaker training job " + jobName + " against " + access.description()
                    + ", bucket " + bucket);
            EmulatedTraining.Role role = roleOptions.resolve(aws, target, name, console);
            EmulatedTraining.Plan plan;
            try {
                plan = new EmulatedTraining.Plan(jobName, bucket, target.bucketOwner(), name, files, hyperparameters,
                        Files.createTempDirectory("trainctl-emulated"), invocation.has("spot"), interruptAt,
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
                    // Empty unless a failed job's files were kept for inspection; a Ctrl-C removes them first.
                    Files.deleteIfExists(work);
                } catch (java.nio.file.DirectoryNotEmptyException kept) {
                    // the failure message names the directory
                }
            }
            console.say(String.format(Locale.ROOT, "test accuracy %.4f (%d/%d); model: %s", result.testAccuracy(),
                    result.testCorrect(), result.testCount(), result.model()));
            console.say("evaluate it: trainctl " + target.endpointOption() + "evaluate --model "
                    + ShellWords.quote(result.model()));
            console.result(result);
            return ExitCode.OK;
        }
    }
}
