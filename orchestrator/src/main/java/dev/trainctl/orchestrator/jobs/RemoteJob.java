package dev.trainctl.orchestrator.jobs;

import dev.trainctl.orchestrator.aws.AwsClients;
import dev.trainctl.orchestrator.aws.CallerIdentity;
import dev.trainctl.orchestrator.cli.Console;
import dev.trainctl.orchestrator.cli.Invocation;
import dev.trainctl.orchestrator.image.DefaultImage;
import dev.trainctl.orchestrator.jobsecurity.JobSecurity;
import dev.trainctl.orchestrator.names.ResourceNames;
import dev.trainctl.orchestrator.names.S3Uri;
import dev.trainctl.orchestrator.roles.RoleArn;
import dev.trainctl.orchestrator.trainingjob.InstanceTypes;
import dev.trainctl.orchestrator.trainingjob.RemoteTrainOptions;
import dev.trainctl.orchestrator.trainingjob.TrainingJobSpec;
import dev.trainctl.training.sagemaker.JobHyperparameters;
import java.util.Optional;
import software.amazon.awssdk.regions.Region;

/**
 * What {@code train --on sagemaker} and {@code tune --on sagemaker} work out before their first request: who the
 * caller is (a placeholder account under {@code --dry-run} without credentials), the region, the names, the training
 * job (for a tuning job: the job every trial is), and its price.
 */
public record RemoteJob(CallerIdentity caller, Region region, ResourceNames names, TrainingJobSpec spec,
        PriceQuote price) {

    /** Reads the remote-training options ({@link RemoteTrainOptions}) and says what a reader must know. */
    public static RemoteJob plan(Invocation invocation, AwsClients aws, String instanceType,
            JobHyperparameters hyperparameters, String name, String jobName) {
        // The user's values are checked against AWS's models before the first call.
        Optional<String> image = RemoteTrainOptions.image(invocation);
        Optional<RoleArn> roleArn = RemoteTrainOptions.roleArn(invocation);
        Console console = invocation.console();
        boolean dryRun = invocation.global().dryRun();
        long maxRuntime = invocation.longValue("max-runtime", TrainingJobSpec.DEFAULT_MAX_RUNTIME_SECONDS, 1,
                TrainingJobSpec.MAX_RUNTIME_LIMIT_SECONDS);
        boolean spot = invocation.has("spot");
        long maxWait = invocation.longValue("max-wait", spot ? TrainingJobSpec.defaultMaxWait(maxRuntime) : 0, 1,
                TrainingJobSpec.MAX_RUNTIME_LIMIT_SECONDS);
        Region region = dryRun ? aws.regionOrPlaceholder(note -> console.warn("note: " + note)) : aws.region();
        Optional<CallerIdentity> identity = dryRun ? CallerIdentity.lookupIfPossible(aws)
                : Optional.of(CallerIdentity.lookup(aws.sts()));
        CallerIdentity caller = identity.orElseGet(() -> CallerIdentity.placeholder(AwsClients.partitionOf(region)));
        if (caller.placeholder()) {
            console.warn("no AWS credentials: the request below uses the placeholder account " + caller.account());
        }
        ResourceNames defaults = ResourceNames.of(caller.partition(), caller.account(), region.id(), name);
        ResourceNames names = defaults.withBucket(invocation.value("bucket", defaults.bucket()));
        TrainingJobSpec isolated = TrainingJobSpec.inLayout(name, new S3Uri(names.bucket(), name + "/"), jobName,
                roleArn.map(RoleArn::toString).orElse(names.roleArn()),
                image.orElseGet(() -> InstanceTypes.hasGpu(instanceType)
                        ? DefaultImage.gpuIn(names.repositoryUri()) : DefaultImage.in(names.repositoryUri())),
                instanceType,
                hyperparameters, maxRuntime, spot, maxWait, spot);
        JobSecurity security = RemoteTrainOptions.security(invocation);
        security.checkRegion(region.id());
        TrainingJobSpec spec = (invocation.has("allow-network") ? isolated.withNetworkAccess() : isolated)
                .withSecurity(security);
        if (!spec.networkIsolation()) {
            console.warn("--allow-network: the container gets network access and AWS credentials; trainctl's"
                    + " caller policy denies a job without network isolation");
        }
        PriceQuote price = caller.placeholder()
                ? PriceQuote.table(instanceType, "no AWS credentials, so no live price")
                : OnDemandPrices.quote(aws.pricing(), instanceType, region.id());
        return new RemoteJob(caller, region, names, spec, price);
    }
}
