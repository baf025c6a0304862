package dev.trainctl.orchestrator.rolecheck;

import dev.trainctl.orchestrator.account.QuotaPreflight;
import dev.trainctl.orchestrator.aws.AwsClients;
import dev.trainctl.orchestrator.aws.CallerIdentity;
import dev.trainctl.orchestrator.aws.ModelConstraints;
import dev.trainctl.orchestrator.aws.Sleeper;
import dev.trainctl.orchestrator.cli.Command;
import dev.trainctl.orchestrator.cli.Console;
import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.Invocation;
import dev.trainctl.orchestrator.cli.OptionRules;
import dev.trainctl.orchestrator.cli.TrainctlException;
import dev.trainctl.orchestrator.iam.IamRules;
import dev.trainctl.orchestrator.iam.UnsupportedPolicyException;
import dev.trainctl.orchestrator.image.DefaultImage;
import dev.trainctl.orchestrator.jobs.JobFollower;
import dev.trainctl.orchestrator.jobs.JobsSupport;
import dev.trainctl.orchestrator.jobs.OnDemandPrices;
import dev.trainctl.orchestrator.jobs.PriceQuote;
import dev.trainctl.orchestrator.jobsecurity.JobSecurity;
import dev.trainctl.orchestrator.jobsecurity.KmsKeyArn;
import dev.trainctl.orchestrator.names.JobNames;
import dev.trainctl.orchestrator.names.ResourceNames;
import dev.trainctl.orchestrator.roles.KeyPolicies;
import dev.trainctl.orchestrator.roles.PolicyDocument;
import dev.trainctl.orchestrator.roles.PolicyFiles;
import dev.trainctl.orchestrator.roles.RoleArn;
import dev.trainctl.orchestrator.roles.RoleDocuments;
import dev.trainctl.orchestrator.roles.RoleReader;
import dev.trainctl.orchestrator.trainingjob.InstanceTypes;
import dev.trainctl.orchestrator.trainingjob.RemoteTrainOptions;
import dev.trainctl.orchestrator.trainingjob.TrainingJobSpec;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code trainctl role check}: checks any SageMaker execution role (trust, lint, simulation, caller) and prints a
 * PASS/WARN/FAIL table; exits {@link ExitCode#CHECK_FAILED} when a check fails. {@code --live} runs a tiny real job.
 */
public final class RoleCheckCommand implements Command {

    /** The live job's hard limit, and the default runtime the caller's CreateTrainingJob is simulated with. */
    static final int LIVE_MAX_RUNTIME_SECONDS = 900;
    /** The region of a role check on files when --region is not given: only job and log ARNs depend on it. */
    static final String OFFLINE_REGION = "us-east-1";

    private final Function<Invocation, AwsClients> clients;
    private final Function<Invocation, List<Path>> dataFiles;
    private final Sleeper sleeper;
    private final Clock clock;

    /** The command as it ships: real AWS clients, MNIST from the cache (fetched if missing), real waiting. */
    public RoleCheckCommand() {
        this(JobsSupport.DEFAULT_CLIENTS, RemoteTrainOptions::dataFiles, Sleeper.SYSTEM, Clock.systemUTC());
    }

    /**
     * With another way to get clients (tests pass {@code AwsClients.using(fake)}), the local data files the live job
     * uploads, and how to wait between status checks.
     */
    public RoleCheckCommand(Function<Invocation, AwsClients> clients, Function<Invocation, List<Path>> dataFiles,
            Sleeper sleeper, Clock clock) {
        this.clients = clients;
        this.dataFiles = dataFiles;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    @Override
    public List<String> path() {
        return List.of("role", "check");
    }

    @Override
    public String summary() {
        return "check a SageMaker execution role: trust, breadth, what a job needs, what it must not do";
    }

    @Override
    public OptionRules rules() {
        return OptionRules.none().repeatable("policy-file", "caller-policy-file", "role-trust-file")
                .requires("dry-run", "live")
                // From files with the role's ARN given, nothing is asked from AWS; without it, STS gives the account.
                .onlyWhen(given -> !given.has("trust-file") || !given.has("role-arn"), false, "does nothing with"
                        + " --trust-file and --role-arn: nothing is read from AWS", "profile", "endpoint-url")
                .requires("image", "live")
                .requires("data-dir", "live").requires("yes", "live")
                .requires("key-policy-file", "kms-key").requires("volume-key-policy-file", "volume-kms-key")
                // The serving role runs no training job: no VPC, no volume, and its key is checked by provision.
                .conflicts("subnets", "serving").conflicts("security-group-ids", "serving")
                .conflicts("kms-key", "serving").conflicts("volume-kms-key", "serving");
    }

    @Override
    public Options options() {
        return new Options()
                .addOption(Option.builder().longOpt("role-arn").hasArg().argName("ARN")
                        .desc("the execution role to check (any role, not only trainctl's); with --trust-file, the"
                                + " ARN the role will have (default then: NAME-execution in account "
                                + CallerIdentity.PLACEHOLDER_ACCOUNT + ")").get())
                .addOption(Option.builder().longOpt("trust-file").hasArg().argName("FILE")
                        .desc("check this trust policy (with --policy-file) instead of reading a role from IAM:"
                                + " before the role exists, offline").get())
                .addOption(Option.builder().longOpt("policy-file").hasArg().argName("FILE")
                        .desc("with --trust-file: a permission policy of the role (repeatable)").get())
                .addOption(Option.builder().longOpt("serving")
                        .desc("check the role as the serving role (CreateModel's): what an endpoint of the name needs,"
                                + " what it must not do, and the caller's deploy (serverless only)").get())
                .addOption(Option.builder().longOpt("emulate")
                        .desc("also run a tiny emulated job under the role's documents (1 epoch, 300 images, one"
                                + " spot interruption; free, offline)").get())
                .addOption(Option.builder().longOpt("name").hasArg().argName("NAME")
                        .desc("trainctl name: the defaults below and the job name NAME-rolecheck-STAMP (default: "
                                + ResourceNames.DEFAULT_NAME + ")").get())
                .addOption(Option.builder().longOpt("bucket").hasArg().argName("BUCKET")
                        .desc("bucket with the data, output and checkpoints (default: trainctl-ACCOUNT-REGION)").get())
                .addOption(Option.builder().longOpt("prefix").hasArg().argName("PREFIX")
                        .desc("key prefix: data under PREFIX/data/, output under PREFIX/output/, checkpoints under "
                                + "PREFIX/checkpoints/ (default: NAME)").get())
                .addOption(Option.builder().longOpt("repository").hasArg().argName("REPOSITORY")
                        .desc("ECR repository name or ARN of the training image (default: NAME)").get())
                .addOption(Option.builder().longOpt("instance-type").hasArg().argName("TYPE")
                        .desc("instance type the caller's CreateTrainingJob is simulated with (default: "
                                + InstanceTypes.DEFAULT + ")").get())
                .addOption(Option.builder().longOpt("max-runtime").hasArg().argName("SECONDS")
                        .desc("MaxRuntimeInSeconds the caller's CreateTrainingJob is simulated with (default: "
                                + LIVE_MAX_RUNTIME_SECONDS + ")").get())
                .addOption(Option.builder().longOpt("subnets").hasArg().argName("ID,...")
                        .desc("the job runs in these subnets of a private VPC (with --security-group-ids): simulate"
                                + " its network interfaces").get())
                .addOption(Option.builder().longOpt("security-group-ids").hasArg().argName("ID,...")
                        .desc("the security groups of the job's network interfaces (with --subnets)").get())
                .addOption(Option.builder().longOpt("kms-key").hasArg().argName("KEY_ARN")
                        .desc("the job's bucket and output key: simulate its use, and check its key policy").get())
                .addOption(Option.builder().longOpt("volume-kms-key").hasArg().argName("KEY_ARN")
                        .desc("the job's storage volume key: simulate its grant, and check its key policy").get())
                .addOption(Option.builder().longOpt("key-policy-file").hasArg().argName("FILE")
                        .desc("the key policy of --kms-key (default: read with kms:GetKeyPolicy where permitted)")
                        .get())
                .addOption(Option.builder().longOpt("volume-key-policy-file").hasArg().argName("FILE")
                        .desc("the key policy of --volume-kms-key (default: read with kms:GetKeyPolicy where"
                                + " permitted)").get())
                .addOption(Option.builder().longOpt("caller-policy-file").hasArg().argName("FILE")
                        .desc("a policy of the caller, linted for SageMaker escalation paths (repeatable; default:"
                                + " an assumed role's own, read from IAM where permitted)").get())
                .addOption(Option.builder().longOpt("role-trust-file").hasArg().argName("ROLE_ARN=FILE")
                        .desc("the trust policy of another role the caller may pass (repeatable): whether a training"
                                + " job can run as it (default: read from IAM with iam:GetRole where permitted)").get())
                .addOption(Option.builder().longOpt("live")
                        .desc("also run a tiny real training job with the role (costs money; asks first)").get())
                .addOption(Option.builder().longOpt("image").hasArg().argName("URI")
                        .desc("with --live: the training image (default: the repository's image of this build, as"
                                + " 'trainctl image push' tags it)").get())
                .addOption(Option.builder().longOpt("data-dir").hasArg().argName("DIR")
                        .desc("with --live: where the MNIST files to upload live (default: ~/.cache/trainctl/mnist;"
                                + " fetched if missing)").get())
                .addOption(Option.builder().longOpt("yes").desc("with --live: do not ask for confirmation").get());
    }

    @Override
    public ExitCode run(Invocation invocation) throws InterruptedException {
        Optional<PolicyDocument> trustFile = PolicyFiles.trust(invocation, "trust-file");
        List<PolicyDocument> policyFiles = PolicyFiles.permissions(invocation, "policy-file");
        if (trustFile.isPresent() != !policyFiles.isEmpty()) {
            throw TrainctlException.usage("a role definition from files needs both --trust-file and at least one"
                    + " --policy-file");
        }
        boolean offline = trustFile.isPresent();
        if (!offline && !invocation.has("role-arn")) {
            throw TrainctlException.usage("give the role: --role-arn ARN (read from IAM), or its documents with"
                    + " --trust-file FILE --policy-file FILE...");
        }
        if (offline && invocation.has("live")) {
            throw TrainctlException.usage("--live runs a real job with a role that exists: give --role-arn without"
                    + " --trust-file/--policy-file (or use --emulate)");
        }
        String name = RemoteTrainOptions.name(invocation);
        boolean serving = invocation.has("serving");
        if (serving && invocation.has("live")) {
            throw TrainctlException.usage("--live runs a training job; check a serving role with --emulate instead");
        }
        // The live job runs as the role, so its ARN must also be one CreateTrainingJob takes.
        String roleArn = invocation.value("role-arn").orElseGet(() -> {
            ResourceNames defaults = ResourceNames.of("aws", defaultAccount(invocation), "us-east-1", name);
            return serving ? defaults.servingRoleArn() : defaults.roleArn();
        });
        RoleArn role = TrainctlException.usageIfInvalid(() -> invocation.has("live") ? RoleArn.forJob(roleArn)
                : RoleArn.parse(roleArn));
        Optional<String> image = RemoteTrainOptions.image(invocation);
        invocation.value("repository").ifPresent(RoleCheckCommand::requireRepository);
        String instanceType;
        try {
            instanceType = InstanceTypes.choose(invocation.value("instance-type").orElse(null), false);
        } catch (IllegalArgumentException e) {
            throw TrainctlException.usage("--instance-type: " + e.getMessage());
        }
        int maxRuntime = invocation.intValue("max-runtime", LIVE_MAX_RUNTIME_SECONDS, 1,
                (int) TrainingJobSpec.MAX_RUNTIME_LIMIT_SECONDS);
        Console console = invocation.console();
        JobSecurity security = RemoteTrainOptions.security(invocation);
        Optional<PolicyDocument> keyFile = PolicyFiles.keyPolicy(invocation, "key-policy-file", "kms-key");
        Optional<PolicyDocument> volumeKeyFile = PolicyFiles.keyPolicy(invocation, "volume-key-policy-file",
                "volume-kms-key");
        List<PolicyDocument> callerFiles = PolicyFiles.permissions(invocation, "caller-policy-file");
        Map<String, PolicyDocument> roleTrusts = PolicyFiles.roleTrusts(invocation, "role-trust-file");
        iamRules("--trust-file", trustFile.stream().toList(), "");
        iamRules("--policy-file", policyFiles, "an identity policy");
        iamRules("--caller-policy-file", callerFiles, "an identity policy");
        iamRules("--role-trust-file", List.copyOf(roleTrusts.values()), "");
        if (offline) {
            String region = invocation.global().region().orElse(OFFLINE_REGION);
            JobScope scope = scope(invocation, role, region, name);
            checkSecurity(security, instanceType, region);
            RoleCheck.Request request = request(role, scope, name, instanceType, maxRuntime, clock.instant(),
                    serving, security, KeyPolicyCheck.ordered(security, key -> keyFile(security, key, keyFile,
                            volumeKeyFile)), callerFiles).withRoleTrusts(roleTrusts);
            RoleDocuments documents = new RoleDocuments(role, trustFile.get(), policyFiles, Optional.empty());
            RoleCheckReport report = RoleCheck.offline().run(request, documents);
            return print(console, emulateIfAsked(invocation, report, documents, scope, name, request));
        }
        try (AwsClients aws = clients.apply(invocation)) {
            String region = aws.region().id();
            JobScope scope = scope(invocation, role, region, name);
            checkSecurity(security, instanceType, region);
            Instant now = clock.instant();
            RoleCheck.Request request = request(role, scope, name, instanceType, maxRuntime, now, serving, security,
                    KeyPolicyCheck.ordered(security, key -> keyFile(security, key, keyFile, volumeKeyFile)
                            .or(() -> KeyPolicies.read(aws.kms(), key.arn()))), callerFiles)
                    .withRoleTrusts(roleTrusts);
            console.verbose("checking " + role + " for a job reading " + scope.s3Uri("data") + " and pulling "
                    + scope.repositoryArn());
            RoleDocuments documents = new RoleReader(aws.iam()).read(role);
            RoleCheckReport report = new RoleCheck(aws.iam(), aws.sts()).run(request, documents);
            report = emulateIfAsked(invocation, report, documents, scope, name, request);
            TrainctlException liveFailure = null;
            if (invocation.has("live")) {
                if (report.verdict() == Verdict.FAIL) {
                    console.warn("--live skipped: the role fails the checks below, so a job would fail too; fix them "
                            + "first");
                } else {
                    LiveJobPlan plan = LiveJobPlan.of(role, scope, name, image.orElseGet(() -> DefaultImage.in(
                            scope.repositoryUri())), now, security);
                    TrainingJobRunner runner = new TrainingJobRunner(aws.sageMaker(), aws.logs(), aws.s3(),
                            () -> dataFiles.apply(invocation), sleeper, JobFollower.DEFAULT_POLL, console);
                    PriceQuote price = OnDemandPrices.quote(aws.pricing(), LiveJobPlan.INSTANCE_TYPE,
                            region);
                    LiveCheck live = new LiveCheck(runner, new LiveJobVerifier(aws.s3(), aws.logs()),
                            invocation.has("yes") ? Confirmation.assumeYes()
                                    : Confirmation.terminal(console.progressStream()), console, price);
                    try {
                        // Before the live job uploads anything: a quota of 0 ends it here with exit 8.
                        new QuotaPreflight(aws.serviceQuotas(), console).check(LiveJobPlan.INSTANCE_TYPE,
                                false, region, invocation.global().dryRun());
                        report = report.with(live.run(plan, scope, invocation.global().dryRun()));
                    } catch (TrainctlException e) {
                        liveFailure = e;
                    }
                }
            }
            ExitCode code = print(console, report);
            if (liveFailure != null) {
                throw liveFailure;
            }
            return code;
        }
    }

    /**
     * The account of a role checked from files without {@code --role-arn}, by the rule {@code policy show} follows:
     * the caller's (STS), or the placeholder, with a note, where there are no credentials and no profile was asked for.
     */
    private String defaultAccount(Invocation invocation) {
        try (AwsClients aws = clients.apply(invocation)) {
            // The region only names the STS endpoint here; the check's own region is decided below.
            aws.regionOrPlaceholder(note -> { });
            return CallerIdentity.lookupIfPossible(aws).map(CallerIdentity::account).orElseGet(() -> {
                invocation.console().warn("note: no AWS credentials: the role is in account "
                        + CallerIdentity.PLACEHOLDER_ACCOUNT + ", a placeholder (give --role-arn with the ARN it will"
                        + " have)");
                return CallerIdentity.PLACEHOLDER_ACCOUNT;
            });
        }
    }

    /**
     * The simulated job is the one {@code --live} would start (trainctl's policies admit only the names it
     * generates), and the tuning job {@code tune} would start when the name is short enough to tune.
     */
    private static RoleCheck.Request request(RoleArn role, JobScope scope, String name, String instanceType,
            int maxRuntime, Instant now, boolean serving, JobSecurity security,
            Map<KmsKeyArn, Optional<PolicyDocument>> keyPolicies, List<PolicyDocument> callerDocuments) {
        if (serving) {
            // The endpoint serves the model of a job trainctl started, and carries its name.
            return new RoleCheck.Request(role, scope, JobNames.generate(name, now), instanceType, maxRuntime,
                    Optional.empty(), true, security, keyPolicies, callerDocuments);
        }
        Optional<String> tuning = name.length() <= ResourceNames.MAX_TUNING_NAME_LENGTH
                ? Optional.of(ResourceNames.tuningJobName(name, now)) : Optional.empty();
        return new RoleCheck.Request(role, scope, JobNames.generate(name + ResourceNames.ROLE_CHECK_SUFFIX, now),
                instanceType, maxRuntime, tuning, security, keyPolicies, callerDocuments);
    }

    /** A volume key on an instance with local storage, or a key of another region, is refused before any check. */
    private static void checkSecurity(JobSecurity security, String instanceType, String region) {
        TrainctlException.usageIfInvalid(() -> {
            security.checkInstanceType(instanceType);
            security.checkRegion(region);
            return security;
        });
    }

    /** The file given for the key: --key-policy-file for the output key, --volume-key-policy-file for the volume's. */
    private static Optional<PolicyDocument> keyFile(JobSecurity security, KmsKeyArn key,
            Optional<PolicyDocument> keyFile, Optional<PolicyDocument> volumeKeyFile) {
        return security.outputKey().filter(key::equals).isPresent() ? keyFile : volumeKeyFile;
    }

    private static JobScope scope(Invocation invocation, RoleArn role, String region, String name) {
        JobScope scope = TrainctlException.usageIfInvalid(() -> new JobScope(role.partition(), role.account(), region,
                invocation.value("bucket", ResourceNames.defaultBucket(role.account(), region)),
                invocation.value("prefix", name), invocation.value("repository", name)));
        // The longest S3 location of the job the check simulates (and --live starts): its checkpoints.
        String checkpoints = scope.s3Uri("checkpoints") + JobNames.generate(name + ResourceNames.ROLE_CHECK_SUFFIX,
                java.time.Instant.EPOCH) + "/";
        ModelConstraints.JOB_S3_URI.problem(checkpoints).ifPresent(problem -> {
            throw TrainctlException.usage("--prefix: the job's checkpoints would go to " + checkpoints.substring(0,
                    Math.min(60, checkpoints.length())) + "...: " + problem);
        });
        return scope;
    }

    /** {@code --repository}: a repository name, or the ARN of one (in another account or region). */
    private static void requireRepository(String repository) {
        String name = repository.startsWith("arn:") ? repository.replaceFirst("^arn:[^:]+:ecr:[^:]*:[^:]*:repository/",
                "") : repository;
        if (name.equals(repository) && repository.startsWith("arn:")) {
            throw TrainctlException.usage("--repository '" + repository + "': an ECR repository ARN is"
                    + " arn:aws:ecr:REGION:ACCOUNT:repository/NAME");
        }
        ModelConstraints.REPOSITORY_NAME.require("--repository", name);
    }

    private RoleCheckReport emulateIfAsked(Invocation invocation, RoleCheckReport report, RoleDocuments documents,
            JobScope scope, String name, RoleCheck.Request request) throws InterruptedException {
        if (!invocation.has("emulate")) {
            return report;
        }
        EmulateCheck check = new EmulateCheck(() -> dataFiles.apply(invocation), invocation.console());
        return report.with(List.of(request.serving() ? check.runServing(documents, scope, name, request.jobName())
                : check.run(documents, scope, name, request.jobName(), request.security(), request.keyPolicies())));
    }

    private static ExitCode print(Console console, RoleCheckReport report) {
        if (console.json()) {
            console.result(report.toJson());
        } else {
            console.out().print(ReportPrinter.text(report));
        }
        return report.exitCode();
    }

    /** Files IAM would refuse to store (a Resource in a trust, a repeated or non-alphanumeric Sid): exit 2. */
    private static void iamRules(String option, List<PolicyDocument> files, String kind) {
        for (PolicyDocument file : files) {
            try {
                if (kind.isEmpty()) {
                    IamRules.trust(file.name(), file.json());
                } else {
                    IamRules.identity(file.name(), file.json(), kind);
                }
            } catch (UnsupportedPolicyException e) {
                throw TrainctlException.usage(option + " " + file.name() + ": " + e.getMessage());
            }
        }
    }
}
