package dev.trainctl.orchestrator.names;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.regions.PartitionMetadata;

/**
 * The names and ARNs of everything trainctl manages for one {@code --name}: the execution role, its inline policy,
 * the bucket and its prefixes, the ECR repository, the training jobs and their log streams. Policy documents are
 * built from this one value, so the role, the caller policy and the provisioner always agree.
 *
 * @param partition {@code aws}, {@code aws-cn} or {@code aws-us-gov}
 * @param account 12-digit account id
 * @param region the region of the bucket, repository and jobs
 * @param name the trainctl name ({@code --name}); prefix of job names, S3 prefix, repository name
 * @param bucket the bucket name
 */
public record ResourceNames(String partition, String account, String region, String name, String bucket) {

    public static final String DEFAULT_NAME = "trainctl-mnist";
    /** The log group SageMaker writes every training job's logs to. */
    public static final String TRAINING_LOG_GROUP = "/aws/sagemaker/TrainingJobs";
    /** The CloudWatch metrics namespace SageMaker publishes training metrics under. */
    public static final String TRAINING_METRICS_NAMESPACE = "/aws/sagemaker/TrainingJobs";
    public static final String SAGEMAKER_SERVICE = "sagemaker.amazonaws.com";
    /** SageMaker writes an endpoint's logs to {@code /aws/sagemaker/Endpoints/ENDPOINT}. */
    public static final String ENDPOINT_LOG_GROUP_PREFIX = "/aws/sagemaker/Endpoints/";
    /** The CloudWatch metrics namespace of endpoint containers. */
    public static final String ENDPOINT_METRICS_NAMESPACE = "/aws/sagemaker/Endpoints";
    /** {@code role check --live} names its jobs {@code NAME-rolecheck-STAMP}, so the caller may clean up only those. */
    public static final String ROLE_CHECK_SUFFIX = "-rolecheck";
    /** The longest name that can tune: {@code NAME-yyMMdd-HHmmss} must fit the 32 characters of a tuning job name. */
    public static final int MAX_TUNING_NAME_LENGTH = JobNames.MAX_TUNING_LENGTH - JobNames.TUNING_SUFFIX_LENGTH;
    /** {@code NAME-rolecheck-yyyyMMdd-HHmmss-SSS} must fit SageMaker's 63-character job names: 33. */
    public static final int MAX_NAME_LENGTH = JobNames.MAX_LENGTH - JobNames.SUFFIX_LENGTH - ROLE_CHECK_SUFFIX.length();

    public ResourceNames {
        require(partition != null && partition.matches("aws(-[a-z]+)*"), "partition", partition);
        require(account != null && account.matches("\\d{12}"), "account id (12 digits)", account);
        require(region != null && region.matches("[a-z]{2}(-[a-z]+)+-\\d+"), "region", region);
        nameProblem(name).ifPresent(problem -> {
            throw new IllegalArgumentException("invalid name '" + name + "': " + problem);
        });
        BucketNames.problem(bucket).ifPresent(problem -> {
            throw new IllegalArgumentException("invalid bucket name '" + bucket + "': " + problem);
        });
    }

    /**
     * Why {@code name} cannot be a trainctl name, if it cannot: lower-case letters, digits and single hyphens (valid in
     * role, repository, S3 prefix and job names alike), at most {@link #MAX_NAME_LENGTH} characters, and not ending in
     * {@code -rolecheck}: then no name's job-name patterns match another name's jobs (see {@link #jobNamePatterns}).
     */
    public static Optional<String> nameProblem(String name) {
        if (name == null || !name.matches("[a-z0-9](-?[a-z0-9])*")) {
            return Optional.of("use lower-case letters, digits and single hyphens, starting and ending with a letter or"
                    + " digit");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            return Optional.of("at most " + MAX_NAME_LENGTH + " characters (job names NAME" + ROLE_CHECK_SUFFIX
                    + "-yyyyMMdd-HHmmss-SSS must fit SageMaker's 63), got " + name.length());
        }
        if (name.endsWith(ROLE_CHECK_SUFFIX)) {
            return Optional.of("a name may not end in '" + ROLE_CHECK_SUFFIX + "': its jobs would be taken for the "
                    + "role-check jobs of '" + name.substring(0, name.length() - ROLE_CHECK_SUFFIX.length()) + "'");
        }
        return Optional.empty();
    }

    /** Names with the default bucket {@code trainctl-<account>-<region>}. */
    public static ResourceNames of(String partition, String account, String region, String name) {
        return new ResourceNames(partition, account, region, name, defaultBucket(account, region));
    }

    public static String defaultBucket(String account, String region) {
        return "trainctl-" + account + "-" + region;
    }

    public ResourceNames withBucket(String otherBucket) {
        return new ResourceNames(partition, account, region, name, otherBucket);
    }

    /** The execution role's name: {@code NAME-execution}. */
    public String roleName() {
        return name + "-execution";
    }

    public String roleArn() {
        return "arn:" + partition + ":iam::" + account + ":role/" + roleName();
    }

    /**
     * The role SageMaker assumes for this name's models ({@code CreateModel}'s ExecutionRoleArn): {@code NAME-serving}.
     * A role of its own, not the execution role: it may only read the models, and AWS documents no way to scope its
     * trust to this name's models (see {@code ServingRolePolicies}).
     */
    public String servingRoleName() {
        return name + "-serving";
    }

    public String servingRoleArn() {
        return "arn:" + partition + ":iam::" + account + ":role/" + servingRoleName();
    }

    /** The serving role's inline policy's name. */
    public String servingPolicyName() {
        return name + "-serving-model";
    }

    /**
     * The names of this name's models, endpoint configs and endpoints: each is named after the training job whose
     * model it serves ({@link #allTrainingJobNamePatterns}), so deploying a model twice finds what the first deploy
     * made, and the patterns match no other name's.
     */
    public List<String> endpointNamePatterns() {
        return allTrainingJobNamePatterns();
    }

    public String modelArn(String modelName) {
        return sageMakerArn("model", modelName);
    }

    public String endpointConfigArn(String configName) {
        return sageMakerArn("endpoint-config", configName);
    }

    public String endpointArn(String endpointName) {
        return sageMakerArn("endpoint", endpointName);
    }

    public List<String> modelArnPatterns() {
        return endpointNamePatterns().stream().map(this::modelArn).toList();
    }

    public List<String> endpointConfigArnPatterns() {
        return endpointNamePatterns().stream().map(this::endpointConfigArn).toList();
    }

    public List<String> endpointArnPatterns() {
        return endpointNamePatterns().stream().map(this::endpointArn).toList();
    }

    /**
     * SageMaker's ARNs of models, endpoint configs and endpoints are in lower case whatever the name's case; trainctl's
     * names are lower case already.
     */
    private String sageMakerArn(String type, String resourceName) {
        return "arn:" + partition + ":sagemaker:" + region + ":" + account + ":" + type + "/" + resourceName;
    }

    /** This name's endpoints' log groups, {@code /aws/sagemaker/Endpoints/ENDPOINT}. */
    public List<String> endpointLogGroupArns() {
        return endpointNamePatterns().stream().map(endpoint -> "arn:" + partition + ":logs:" + region + ":" + account
                + ":log-group:" + ENDPOINT_LOG_GROUP_PREFIX + endpoint).toList();
    }

    /** The log streams in them ({@code VARIANT/INSTANCE}). */
    public List<String> endpointLogStreamArns() {
        return endpointLogGroupArns().stream().map(group -> group + ":log-stream:*").toList();
    }

    /**
     * What SageMaker sends as {@code aws:SourceArn} when it assumes a model's role: AWS documents the form
     * {@code arn:PARTITION:sagemaker:REGION:ACCOUNT:*} for real-time, serverless and asynchronous inference, where the
     * asterisk is not a wildcard, and says not to replace it with a model's or endpoint's ARN.
     */
    public String inferenceSourceArn() {
        return "arn:" + partition + ":sagemaker:" + region + ":" + account + ":*";
    }

    /**
     * The {@code aws:SourceArn} forms of this account's SageMaker jobs in this region, every job of any name: training
     * jobs, tuning jobs (AWS does not document whether a trial presents its own ARN or its tuning job's), processing
     * jobs, batch transform jobs and Neo compilation jobs, as AWS's confused-deputy page documents each job's source.
     * A job runs as the role it is given; the serving role refuses them all.
     */
    public List<String> jobSourceArnPatterns() {
        return JOB_SOURCE_TYPES.stream().map(type -> "arn:" + partition + ":sagemaker:" + region + ":" + account + ":"
                + type + "/*").toList();
    }

    private static final List<String> JOB_SOURCE_TYPES = List.of("training-job", "hyper-parameter-tuning-job",
            "processing-job", "transform-job", "compilation-job");

    /** The role's inline policy's name. */
    public String inlinePolicyName() {
        return name + "-training-job";
    }

    /** The ECR repository for the training image: the name itself. */
    public String repository() {
        return name;
    }

    public String repositoryArn() {
        return "arn:" + partition + ":ecr:" + region + ":" + account + ":repository/" + repository();
    }

    /** Where images are pushed: {@code ACCOUNT.dkr.ecr.REGION.amazonaws.com/NAME} (partition's DNS suffix). */
    public String repositoryUri() {
        return repositoryUri(partition, account, region, repository());
    }

    /** The URI images in any ECR repository are pushed to and pulled from, with the partition's DNS suffix. */
    public static String repositoryUri(String partition, String account, String region, String repository) {
        PartitionMetadata metadata = PartitionMetadata.of(partition);
        String suffix = metadata == null ? "amazonaws.com" : metadata.dnsSuffix();
        return account + ".dkr.ecr." + region + "." + suffix + "/" + repository;
    }

    /** The monthly cost budget {@code provision --budget} creates: {@code NAME-monthly-cost}. */
    public String budgetName() {
        return name + "-monthly-cost";
    }

    /** Budgets are global: their ARN has no region ({@code arn:aws:budgets::ACCOUNT:budget/NAME}). */
    public String budgetArn() {
        return "arn:" + partition + ":budgets::" + account + ":budget/" + budgetName();
    }

    public String bucketArn() {
        return "arn:" + partition + ":s3:::" + bucket;
    }

    /** {@code NAME/data/}: training data the jobs read. */
    public String dataPrefix() {
        return name + "/data/";
    }

    /** {@code NAME/output/}: model artifacts the jobs write. */
    public String outputPrefix() {
        return name + "/output/";
    }

    /** {@code NAME/checkpoints/}: checkpoints the jobs write (spot training). */
    public String checkpointsPrefix() {
        return name + "/checkpoints/";
    }

    /** Objects under a prefix: {@code arn:aws:s3:::BUCKET/PREFIX*}. */
    public String objectsArn(String prefix) {
        return bucketArn() + "/" + prefix + "*";
    }

    /** A new training job's name: {@code NAME-yyyyMMdd-HHmmss-SSS} (UTC). */
    public String trainingJobName(Instant now) {
        return JobNames.generate(name, now);
    }

    /** A new {@code role check --live} job's name: {@code NAME-rolecheck-yyyyMMdd-HHmmss-SSS}. */
    public String roleCheckJobName(Instant now) {
        return JobNames.generate(name + ROLE_CHECK_SUFFIX, now);
    }

    /**
     * IAM patterns matching exactly the job names trainctl starts for this name, training and role-check jobs:
     * {@code NAME-????????-??????-???} and {@code NAME-rolecheck-????????-??????-???}. A pattern has one {@code ?} per
     * stamp character and literal hyphens, so it only matches names of its own length and shape; with
     * {@link #nameProblem}'s rules, the jobs of two different names never match each other's patterns
     * ({@code NAME-*} would also match {@code NAME-gpu}'s jobs). {@link #allTrainingJobNamePatterns} adds the trials
     * of this name's tuning jobs.
     */
    public List<String> jobNamePatterns() {
        return List.of(JobNames.wildcard(name), roleCheckJobNamePattern());
    }

    /** Every training job of this name: the ones trainctl starts, and the trials SageMaker starts for its tuning. */
    public List<String> allTrainingJobNamePatterns() {
        return List.of(JobNames.wildcard(name), roleCheckJobNamePattern(), JobNames.trialWildcard(name));
    }

    /** A new tuning job's name, {@code NAME-yyMMdd-HHmmss}; the name must be at most 18 characters. */
    public String tuningJobName(Instant now) {
        return tuningJobName(name, now);
    }

    /** {@link #tuningJobName(Instant)} for a valid name, before the account and region are known. */
    public static String tuningJobName(String name, Instant now) {
        if (name.length() > MAX_TUNING_NAME_LENGTH) {
            throw new IllegalArgumentException("--name '" + name + "' is too long to tune: tuning job names are at"
                    + " most 32 characters, so the name may have at most " + MAX_TUNING_NAME_LENGTH);
        }
        return JobNames.generateTuning(name, now);
    }

    /** This name's tuning jobs: {@code arn:...:hyper-parameter-tuning-job/NAME-??????-??????}. */
    public String tuningJobArnPattern() {
        return tuningJobArn(JobNames.tuningWildcard(name));
    }

    public String tuningJobArn(String tuningJobName) {
        return "arn:" + partition + ":sagemaker:" + region + ":" + account + ":hyper-parameter-tuning-job/"
                + tuningJobName;
    }

    /** The role-check jobs' names: {@code NAME-rolecheck-????????-??????-???}. */
    public String roleCheckJobNamePattern() {
        return JobNames.wildcard(name + ROLE_CHECK_SUFFIX);
    }

    /** The training jobs trainctl starts for this name, as ARN patterns ({@link #jobNamePatterns}). */
    public List<String> trainingJobArnPatterns() {
        return jobNamePatterns().stream().map(this::trainingJobArn).toList();
    }

    /** Every training job of this name, tuning trials included ({@link #allTrainingJobNamePatterns}). */
    public List<String> allTrainingJobArnPatterns() {
        return allTrainingJobNamePatterns().stream().map(this::trainingJobArn).toList();
    }

    public String trainingJobArn(String jobName) {
        return "arn:" + partition + ":sagemaker:" + region + ":" + account + ":training-job/" + jobName;
    }

    public String logGroupArn() {
        return "arn:" + partition + ":logs:" + region + ":" + account + ":log-group:" + TRAINING_LOG_GROUP;
    }

    /** The log streams of this name's jobs: SageMaker names them {@code JOBNAME/algo-1-...}. */
    public List<String> logStreamsArns() {
        return allTrainingJobNamePatterns().stream().map(job -> logGroupArn() + ":log-stream:" + job + "/*").toList();
    }

    /**
     * The managed policy set as the execution role's permissions boundary: {@code NAME-execution-boundary}. It holds
     * the role's own permissions, so whatever inline policy the role is given, it can never do more.
     */
    public String boundaryPolicyName() {
        return roleName() + "-boundary";
    }

    public String boundaryPolicyArn() {
        return "arn:" + partition + ":iam::" + account + ":policy/" + boundaryPolicyName();
    }

    /** The tags every managed resource carries. */
    public List<Tag> tags() {
        return List.of(new Tag(Tag.MANAGED_BY, Tag.TRAINCTL), new Tag(Tag.NAME, name));
    }

    /** A resource tag. */
    public record Tag(String key, String value) {
        public static final String MANAGED_BY = "managed-by";
        public static final String TRAINCTL = "trainctl";
        public static final String NAME = "trainctl:name";
    }

    private static void require(boolean ok, String what, String value) {
        if (!ok) {
            throw new IllegalArgumentException("invalid " + what + ": '" + value + "'");
        }
    }
}
