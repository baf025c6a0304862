package dev.trainctl.orchestrator.jobs;

import dev.trainctl.orchestrator.Trainctl;
import dev.trainctl.orchestrator.aws.AwsClients;
import dev.trainctl.orchestrator.aws.AwsErrors;
import dev.trainctl.orchestrator.aws.AwsRequestJson;
import dev.trainctl.orchestrator.aws.CallerIdentity;
import dev.trainctl.orchestrator.aws.Sleeper;
import dev.trainctl.orchestrator.cli.Console;
import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.Invocation;
import dev.trainctl.orchestrator.cli.TrainctlException;
import dev.trainctl.orchestrator.policy.ResourceNames;
import dev.trainctl.training.sagemaker.JobHyperparameters;
import dev.trainctl.training.train.Hyperparameters;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemaker.model.TrainingInstanceType;

/**
 * {@code trainctl train --on sagemaker}: validate, upload the data (only what is missing or changed), submit
 * {@code CreateTrainingJob}, then follow the job to its end (or return at once with {@code --detach}). With
 * {@code --dry-run} it prints the exact request and sends nothing.
 */
public final class SageMakerMode {

    private SageMakerMode() {}

    /** The tag 'trainctl image push' gives this build's image, so the default image is the one it pushed. */
    private static String imageTag() {
        try {
            return dev.trainctl.orchestrator.image.ImageContents.discover(Trainctl.version()).tag();
        } catch (java.io.IOException e) {
            return Trainctl.version();
        }
    }

    public static ExitCode run(Invocation invocation, Hyperparameters training) throws Exception {
        return run(invocation, training, JobsSupport.DEFAULT_CLIENTS, Sleeper.SYSTEM, Instant.now());
    }

    static ExitCode run(Invocation invocation, Hyperparameters training, Function<Invocation, AwsClients> clients,
            Sleeper sleeper, Instant now) throws Exception {
        Console console = invocation.console();
        // Everything that can be checked without AWS is checked before the first call.
        TrainingInstanceType instanceType = InstanceTypes.choose(invocation.value("instance-type").orElse(null),
                invocation.has("gpu"));
        String name = RemoteTrainOptions.name(invocation);
        JobHyperparameters hyperparameters = RemoteTrainOptions.hyperparameters(invocation, training);
        long maxRuntime = invocation.longValue("max-runtime", TrainingJobSpec.DEFAULT_MAX_RUNTIME_SECONDS);
        boolean spot = invocation.has("spot");
        long maxWait = invocation.longValue("max-wait", spot ? 2 * maxRuntime : 0);
        String jobName = JobNames.generate(name, now);
        boolean dryRun = invocation.global().dryRun();

        try (AwsClients aws = clients.apply(invocation)) {
            Region region = dryRun ? aws.configuredRegion().orElse(Region.US_EAST_1) : aws.region();
            Optional<CallerIdentity> identity = dryRun ? CallerIdentity.lookupIfPossible(aws.sts())
                    : Optional.of(CallerIdentity.lookup(aws.sts()));
            CallerIdentity caller = identity.orElseGet(() -> CallerIdentity.placeholder(AwsClients.partitionOf(region)));
            if (caller.placeholder()) {
                console.warn("no AWS credentials: the request below uses the placeholder account "
                        + caller.account());
            }
            ResourceNames names = ResourceNames.of(caller.partition(), caller.account(), region.id(), name);
            names = names.withBucket(invocation.value("bucket", names.bucket()));
            S3Uri bucket = new S3Uri(names.bucket(), "");
            TrainingJobSpec spec = new TrainingJobSpec(jobName, invocation.value("role-arn", names.roleArn()),
                    invocation.value("image", names.repositoryUri() + ":" + imageTag()), instanceType,
                    TrainingJobSpec.DEFAULT_VOLUME_GB, hyperparameters.toStrings(), bucket.resolve(names.dataPrefix()),
                    bucket.resolve(names.outputPrefix()), maxRuntime, spot, maxWait,
                    spot ? Optional.of(bucket.resolve(names.checkpointsPrefix() + jobName + "/")) : Optional.empty(),
                    TrainingJobRequests.tags(name));
            console.warn(PriceTable.worstCase(instanceType.toString(), maxRuntime));
            if (dryRun) {
                console.warn("--dry-run: the data would be uploaded to " + spec.trainData()
                        + " (only files missing or changed), then this request sent:");
                console.out().println(AwsRequestJson.print(TrainingJobRequests.create(spec)));
                return ExitCode.OK;
            }
            List<Path> files = RemoteTrainOptions.dataFiles(invocation);
            try {
                new DataUpload(aws.s3(), console::say).sync(files, spec.trainData());
            } catch (SdkException e) {
                throw AwsErrors.translate(e, "s3:PutObject", spec.trainData().toString());
            }
            String arn = new TrainingJobSubmitter(aws.sageMaker()).submit(spec);
            console.say("submitted " + arn);
            if (invocation.has("detach")) {
                console.say("detached; follow it with: trainctl jobs wait " + jobName + "   stop it with: trainctl"
                        + " jobs stop " + jobName);
                console.result(Map.of("jobName", jobName, "arn", arn, "model", spec.modelArtifact().toString()));
                return ExitCode.OK;
            }
            return JobsSupport.followToEnd(aws, console, jobName, JobsSupport.poll(invocation), sleeper, true);
        } catch (IllegalArgumentException e) {
            throw TrainctlException.usage(e.getMessage());
        }
    }
}
