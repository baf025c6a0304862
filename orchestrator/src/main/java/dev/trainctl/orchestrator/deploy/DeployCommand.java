package dev.trainctl.orchestrator.deploy;

import static dev.trainctl.orchestrator.cli.TrainctlException.usageIfInvalid;

import dev.trainctl.orchestrator.aws.AwsClients;
import dev.trainctl.orchestrator.aws.AwsErrors;
import dev.trainctl.orchestrator.aws.AwsRequestJson;
import dev.trainctl.orchestrator.cli.Command;
import dev.trainctl.orchestrator.cli.Console;
import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.Invocation;
import dev.trainctl.orchestrator.cli.OptionRules;
import dev.trainctl.orchestrator.cli.TrainctlException;
import dev.trainctl.orchestrator.emulate.EmulatedRoleOptions;
import dev.trainctl.orchestrator.emulate.EmulatedTarget;
import dev.trainctl.orchestrator.emulate.EmulatedTraining;
import dev.trainctl.orchestrator.endpoints.EmulatedEndpoints;
import dev.trainctl.orchestrator.endpoints.EndpointRequests;
import dev.trainctl.orchestrator.endpoints.EndpointSpec;
import dev.trainctl.orchestrator.endpoints.ServerlessSettings;
import dev.trainctl.orchestrator.image.DefaultImage;
import dev.trainctl.orchestrator.names.JobNames;
import dev.trainctl.orchestrator.names.ResourceNames;
import dev.trainctl.orchestrator.names.S3Uri;
import dev.trainctl.orchestrator.names.Target;
import dev.trainctl.orchestrator.s3serve.S3Access;
import dev.trainctl.orchestrator.trainingjob.RemoteTrainOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sagemaker.model.SortBy;
import software.amazon.awssdk.services.sagemaker.model.SortOrder;
import software.amazon.awssdk.services.sagemaker.model.TrainingJobStatus;

/**
 * {@code trainctl deploy --on sagemaker|emulated}: serves a trained model. On SageMaker, a serverless endpoint (no
 * charge while idle): CreateModel with the training image's {@code serve} entry point and the serving role,
 * CreateEndpointConfig, CreateEndpoint, then the wait until it is InService. Emulated, the same container contract
 * on this machine, in the foreground until Ctrl-C or {@code undeploy --on emulated}.
 */
public final class DeployCommand implements Command {

    private final Function<Invocation, AwsClients> clients;
    private final Map<String, String> environment;

    public DeployCommand() {
        this(invocation -> AwsClients.create(invocation.global(), invocation.console()), System.getenv());
    }

    /** For tests: fake clients and the environment that locates the emulated endpoints' registry. */
    public DeployCommand(Function<Invocation, AwsClients> clients, Map<String, String> environment) {
        this.clients = clients;
        this.environment = environment;
    }

    @Override
    public List<String> path() {
        return List.of("deploy");
    }

    @Override
    public String summary() {
        return "serve a trained model: a SageMaker serverless endpoint, or the same container emulated here";
    }

    @Override
    public OptionRules rules() {
        return OptionRules.modes("on", "sagemaker", "emulated")
                .onlyIn(Set.of("sagemaker"), "image", "memory", "max-concurrency", "poll", "dry-run")
                .onlyIn(Set.of("emulated"), "port", "role-policy-file", "trust-policy-file")
                .conflicts("job", "model")
                .repeatable("role-policy-file");
    }

    @Override
    public Options options() {
        return Target.addOptions(new Options())
                .addOption(Option.builder().longOpt("on").hasArg().argName("sagemaker|emulated")
                        .desc("where to serve (required): a SageMaker serverless endpoint, or emulated on this machine")
                        .get())
                .addOption(Option.builder().longOpt("job").hasArg().argName("JOB")
                        .desc("serve the model of this training job (default: the newest of --name)").get())
                .addOption(Option.builder().longOpt("model").hasArg().argName("S3_URI")
                        .desc("serve s3://BUCKET/NAME/output/JOB/output/model.tar.gz").get())
                .addOption(Option.builder().longOpt("memory").hasArg().argName("MB")
                        .desc("sagemaker: the endpoint's memory, 1024-6144 in steps of 1024 (default "
                                + ServerlessSettings.DEFAULT_MEMORY_MB + ")").get())
                .addOption(Option.builder().longOpt("max-concurrency").hasArg().argName("N")
                        .desc("sagemaker: at most N invocations at once, 1-200 (default "
                                + ServerlessSettings.DEFAULT_MAX_CONCURRENCY + ")").get())
                .addOption(Option.builder().longOpt("image").hasArg().argName("URI")
                        .desc("sagemaker: the image to serve with (default: the one 'image push' pushed, which"
                                + " also trains)").get())
                .addOption(Option.builder().longOpt("role-arn").hasArg().argName("ARN")
                        .desc("the role SageMaker assumes for the model (default: the provisioned NAME-serving)").get())
                .addOption(Option.builder().longOpt("poll").hasArg().argName("SECONDS")
                        .desc("sagemaker: seconds between status checks while waiting (default: 10)").get())
                .addOption(Option.builder().longOpt("port").hasArg().argName("PORT")
                        .desc("emulated: the local port (default: a free one)").get())
                .addOption(Option.builder().longOpt("role-policy-file").hasArg().argName("FILE")
                        .desc("emulated: authorize the model's download against this policy instead of the role's"
                                + " (repeatable)").get())
                .addOption(Option.builder().longOpt("trust-policy-file").hasArg().argName("FILE")
                        .desc("emulated: assume the role through this trust policy instead of the role's").get());
    }

    @Override
    public ExitCode run(Invocation invocation) throws Exception {
        String on = invocation.value("on").orElseThrow(() -> TrainctlException.usage("give --on sagemaker (a"
                + " serverless endpoint, billed per request) or --on emulated (this machine)")).trim();
        String name = RemoteTrainOptions.name(invocation);
        invocation.value("job").ifPresent(job -> {
            if (!JobNames.isOf(name, job)) {
                throw TrainctlException.usage("--job '" + job + "' is not a training job of '" + name + "' ("
                        + name + "-yyyyMMdd-HHmmss-SSS, as 'trainctl jobs list' shows; or pass --name)");
            }
        });
        Optional<S3Uri> model = invocation.value("model").map(uri -> usageIfInvalid(() -> S3Uri.parse(uri)));
        return switch (on) {
            case "sagemaker" -> onSageMaker(invocation, name, model);
            case "emulated" -> emulated(invocation, name, model);
            default -> throw TrainctlException.usage("--on must be sagemaker or emulated, got '" + on + "'");
        };
    }

    private ExitCode onSageMaker(Invocation invocation, String name, Optional<S3Uri> model) {
        Console console = invocation.console();
        ServerlessSettings serverless = usageIfInvalid(() -> new ServerlessSettings(
                invocation.intValue("memory", ServerlessSettings.DEFAULT_MEMORY_MB, 1, Integer.MAX_VALUE),
                invocation.intValue("max-concurrency", ServerlessSettings.DEFAULT_MAX_CONCURRENCY, 1,
                        Integer.MAX_VALUE)));
        Duration poll = Duration.ofSeconds(invocation.intValue("poll", 10, 0, 3600));
        boolean dryRun = invocation.global().dryRun();
        try (AwsClients aws = clients.apply(invocation)) {
            Target target = Target.resolve(aws, invocation, dryRun, Optional.empty());
            target.notes().forEach(note -> console.warn("note: " + note));
            ResourceNames names = target.names();
            String job = job(invocation, names, model, () -> newestJob(aws, names, dryRun));
            EndpointSpec spec = usageIfInvalid(() -> EndpointSpec.forJob(names, job,
                    invocation.value("image").orElseGet(() -> DefaultImage.in(names.repositoryUri())),
                    invocation.value("role-arn", names.servingRoleArn()), serverless));
            requireModel(aws, spec, names, dryRun, console);
            if (dryRun) {
                List<SdkRequest> requests = List.of(EndpointRequests.createModel(spec),
                        EndpointRequests.createEndpointConfig(spec), EndpointRequests.createEndpoint(spec));
                if (console.json()) {
                    // One document, the requests exactly as they would be sent.
                    com.google.gson.JsonArray calls = new com.google.gson.JsonArray();
                    requests.forEach(r -> calls.add(AwsRequestJson.describe(r, AwsRequestJson.Form.EXACT)));
                    com.google.gson.JsonObject document = new com.google.gson.JsonObject();
                    document.addProperty("dry_run", true);
                    document.add("requests", calls);
                    console.out().println(Console.gson().toJson(document));
                    return ExitCode.OK;
                }
                console.warn("--dry-run: these requests would be sent (each only if what it creates is not there"
                        + " yet), then DescribeEndpoint until the endpoint is InService:");
                requests.forEach(r -> console.out().println(AwsRequestJson.print(r, AwsRequestJson.Form.READABLE)));
                return ExitCode.OK;
            }
            console.say("deploying the model of " + job + " (" + spec.model() + ") as serverless endpoint "
                    + spec.name());
            SageMakerDeployment.Result result = new SageMakerDeployment(aws.sageMaker(), console::say, poll)
                    .deploy(spec, names);
            EndpointReport.sageMaker(spec, result).forEach(console::say);
            console.result(EndpointReport.json(spec, result));
            return ExitCode.OK;
        }
    }

    /**
     * Fails before anything is created when the model artifact is not in S3 (exit 3). Under {@code --dry-run}
     * without access to S3 the check is skipped with a note.
     */
    private static void requireModel(AwsClients aws, EndpointSpec spec, ResourceNames names, boolean dryRun,
            Console console) {
        try {
            aws.s3().headObject(EndpointRequests.headModel(spec, names.account()));
        } catch (AwsServiceException e) {
            if (e.statusCode() == 404) {
                throw new TrainctlException(ExitCode.DATA, "the model " + spec.model() + " does not exist: deploy"
                        + " the model of a completed training job ('trainctl jobs list'), or train one");
            }
            skipOrFail(e, spec, dryRun, console);
        } catch (SdkException e) {
            skipOrFail(e, spec, dryRun, console);
        }
    }

    private static void skipOrFail(SdkException e, EndpointSpec spec, boolean dryRun, Console console) {
        if (!dryRun) {
            throw AwsErrors.translate(e, "s3:GetObject", spec.model().toString());
        }
        console.warn("note: --dry-run could not check that " + spec.model() + " exists (" + e.getMessage() + ")");
    }

    private ExitCode emulated(Invocation invocation, String name, Optional<S3Uri> model) throws Exception {
        Console console = invocation.console();
        int port = invocation.intValue("port", 0, 1, 65535);
        EmulatedRoleOptions roleOptions = EmulatedRoleOptions.read(invocation);
        if (port != 0) {
            requireFree(port);
        }
        try (AwsClients aws = clients.apply(invocation);
                S3Access access = S3Access.open(aws, console)) {
            EmulatedTarget target = EmulatedTarget.resolve(invocation, aws, access);
            EmulatedTraining.Role role = roleOptions.resolveServing(aws, target, name, console);
            ResourceNames names = ResourceNames.of(role.partition(), role.account(), role.region(), name)
                    .withBucket(target.bucket());
            String job = job(invocation, names, model, () -> newestModel(access, names));
            S3Uri artifact = EndpointSpec.modelOf(names, job);
            console.say("emulating serverless endpoint " + job + " for " + artifact + " against "
                    + access.description());
            EmulatedEndpoints registry = EmulatedEndpoints.forUser(environment);
            EmulatedEndpoints.Lookup lookup = registry.lookup(job);
            if (lookup.running().isPresent()) {
                return alreadyRunning(console, lookup.running().get(), artifact);
            }
            if (lookup.removedStale().isPresent()) {
                console.say(lookup.staleRemoved() + "; deploying it again");
            }
            EmulatedDeployment deployment = new EmulatedDeployment(access.s3(), role, target.bucketOwner(), registry,
                    console::say);
            boolean stopped;
            try {
                stopped = deployment.run(new EmulatedDeployment.Plan(job, artifact, port), entry -> {
                    EndpointReport.emulated(entry).forEach(console::say);
                    console.result(EndpointReport.json(entry, false));
                });
            } catch (SdkException e) {
                throw AwsErrors.translate(e, "s3:GetObject", artifact.toString());
            }
            if (!stopped) {
                throw new TrainctlException(ExitCode.FAILURE, "the serving container of " + job + " stopped on its"
                        + " own (its output is above); the emulated endpoint is gone");
            }
            console.say("emulated endpoint " + job + " stopped; nothing is left running");
            return ExitCode.OK;
        }
    }

    /** Fails before any download when {@code --port} is taken: bound and released at once. */
    static void requireFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", port));
        } catch (IOException e) {
            throw portInUse(port);
        }
    }

    static TrainctlException portInUse(int port) {
        return TrainctlException.refused("port " + port + " on 127.0.0.1 is in use: pass another --port, or leave"
                + " --port out for a free one", null);
    }

    /** A second deployment of a running emulated endpoint: nothing to do for its model, refused for another. */
    private static ExitCode alreadyRunning(Console console, EmulatedEndpoints.Entry running, S3Uri artifact) {
        if (!running.model().equals(artifact.toString())) {
            throw EmulatedEndpoints.alreadyRunning(running);
        }
        console.say("emulated endpoint " + running.name() + " is already running for " + artifact + " (process "
                + running.pid() + "): nothing to do");
        EndpointReport.emulated(running).forEach(console::say);
        console.result(EndpointReport.json(running, true));
        return ExitCode.OK;
    }

    /** The job whose model to serve: {@code --job}, the job of {@code --model}, or the newest. */
    private static String job(Invocation invocation, ResourceNames names, Optional<S3Uri> model,
            java.util.function.Supplier<String> newest) {
        if (invocation.has("job")) {
            return invocation.value("job", "");
        }
        return model.map(uri -> usageIfInvalid(() -> EndpointSpec.jobOf(names, uri))).orElseGet(newest);
    }

    /** The newest completed training job of the name in SageMaker. */
    private static String newestJob(AwsClients aws, ResourceNames names, boolean dryRun) {
        try {
            return aws.sageMaker().listTrainingJobsPaginator(r -> r.nameContains(names.name())
                            .statusEquals(TrainingJobStatus.COMPLETED).sortBy(SortBy.CREATION_TIME)
                            .sortOrder(SortOrder.DESCENDING))
                    .trainingJobSummaries().stream().map(s -> s.trainingJobName())
                    .filter(job -> JobNames.isOf(names.name(), job)).findFirst()
                    .orElseThrow(() -> new TrainctlException(ExitCode.DATA, "no completed training job of '"
                            + names.name() + "' to deploy: train one ('trainctl train --on sagemaker'), or pass"
                            + " --job JOB"));
        } catch (SdkException e) {
            if (dryRun) {
                throw TrainctlException.usage("--dry-run without access to SageMaker cannot find the newest job:"
                        + " pass --job JOB or --model S3_URI");
            }
            throw AwsErrors.translate(e, "sagemaker:ListTrainingJobs", names.name());
        }
    }

    /** The newest model.tar.gz of the name's jobs in the bucket (what emulated training wrote). */
    private static String newestModel(S3Access access, ResourceNames names) {
        Map<String, S3Object> models = new LinkedHashMap<>();
        try {
            access.s3().listObjectsV2Paginator(r -> r.bucket(names.bucket()).prefix(names.outputPrefix())).contents()
                    .forEach(object -> models.put(object.key(), object));
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "s3:ListBucket", names.bucket());
        }
        return models.values().stream()
                .filter(object -> object.key().endsWith("/output/model.tar.gz"))
                .sorted((a, b) -> b.lastModified().compareTo(a.lastModified()))
                .map(object -> {
                    try {
                        return EndpointSpec.jobOf(names, new S3Uri(names.bucket(), object.key()));
                    } catch (IllegalArgumentException e) {
                        return null;
                    }
                })
                .filter(job -> job != null).findFirst()
                .orElseThrow(() -> new TrainctlException(ExitCode.DATA, "no model of '" + names.name() + "' in s3://"
                        + names.bucket() + "/" + names.outputPrefix() + ": train one ('trainctl train --on"
                        + " emulated'), or pass --model or --job"));
    }
}
