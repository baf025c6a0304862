package dev.trainctl.orchestrator.jobs;

import dev.trainctl.orchestrator.account.QuotaPreflight;
import dev.trainctl.orchestrator.aws.AwsClients;
import dev.trainctl.orchestrator.aws.Sleeper;
import dev.trainctl.orchestrator.cli.Console;
import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.Invocation;
import dev.trainctl.orchestrator.cli.TrainctlException;
import dev.trainctl.orchestrator.names.JobNames;
import dev.trainctl.orchestrator.names.ResourceNames;
import dev.trainctl.orchestrator.trainingjob.InstanceTypes;
import dev.trainctl.orchestrator.trainingjob.RemoteTrainOptions;
import dev.trainctl.orchestrator.trainingjob.TrainingJobRequests;
import dev.trainctl.orchestrator.trainingjob.TrainingJobSpec;
import dev.trainctl.training.sagemaker.JobHyperparameters;
import dev.trainctl.training.train.Hyperparameters;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.regions.Region;

/**
 * {@code trainctl train --on sagemaker}: validate, upload the data (only what is missing or changed), submit
 * {@code CreateTrainingJob}, then follow the job to its end (or return at once with {@code --detach}). With
 * {@code --dry-run} it prints the exact request and sends nothing.
 */
public final class SageMakerMode {

    private SageMakerMode() {}

    /**
     * @param dataFiles the local files to upload (the verified data set; tests pass small files)
     * @param now the time the job name is made from
     */
    public static ExitCode run(Invocation invocation, Hyperparameters training,
            Function<Invocation, AwsClients> clients, Function<Invocation, List<Path>> dataFiles, Sleeper sleeper,
            Instant now) throws Exception {
        Console console = invocation.console();
        // Everything that can be checked without AWS is checked before the first call.
        String instanceType = InstanceTypes.choose(invocation.value("instance-type").orElse(null),
                invocation.has("gpu"));
        String name = RemoteTrainOptions.name(invocation);
        RemoteTrainOptions.security(invocation).checkInstanceType(instanceType);
        JobHyperparameters requested = RemoteTrainOptions.hyperparameters(invocation, training);
        JobHyperparameters hyperparameters = new JobHyperparameters(requested.training(), requested.dataset(),
                requested.maxTrainSamples(), InstanceTypes.deviceFor(instanceType, requested.device(),
                        invocation.value("image")));
        long maxRuntime = invocation.longValue("max-runtime", TrainingJobSpec.DEFAULT_MAX_RUNTIME_SECONDS, 1,
                TrainingJobSpec.MAX_RUNTIME_LIMIT_SECONDS);
        boolean spot = invocation.has("spot");
        String jobName = JobNames.generate(name, now);
        boolean dryRun = invocation.global().dryRun();

        try (AwsClients aws = clients.apply(invocation)) {
            RemoteJob job = RemoteJob.plan(invocation, aws, instanceType, hyperparameters, name, jobName);
            ResourceNames names = job.names();
            Region region = job.region();
            TrainingJobSpec spec = job.spec();
            console.warn(job.price().worstCase(maxRuntime));
            // Before any upload: a quota of 0 for the instance type would only fail at CreateTrainingJob.
            new QuotaPreflight(aws.serviceQuotas(), console).check(instanceType, spot, region.id(), dryRun);
            if (dryRun) {
                SubmissionDryRun.print(console, aws.s3(), Optional.of(names.account()), dataFiles.apply(invocation),
                        spec.trainData(), spec.security().outputKey(), !job.caller().placeholder(),
                        TrainingJobRequests.create(spec));
                return ExitCode.OK;
            }
            String arn = new TrainingJobSubmitter(aws.sageMaker()).uploadAndSubmit(aws.s3(), names.account(),
                    dataFiles.apply(invocation), spec, console::say);
            if (invocation.has("detach")) {
                console.say("detached; follow it with: trainctl jobs wait " + jobName + "   stop it with: trainctl"
                        + " jobs stop " + jobName);
                console.result(Map.of("job_name", jobName, "arn", arn, "model", spec.modelArtifact().toString()));
                return ExitCode.OK;
            }
            return JobsSupport.followToEnd(aws, console, jobName, JobsSupport.poll(invocation), sleeper, true);
        } catch (IllegalArgumentException e) {
            throw TrainctlException.usage(e.getMessage());
        }
    }
}
