package dev.trainctl.orchestrator.policy;

import java.util.List;
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

    public ResourceNames {
        require(partition != null && partition.matches("aws(-[a-z]+)*"), "partition", partition);
        require(account != null && account.matches("\\d{12}"), "account id (12 digits)", account);
        require(region != null && region.matches("[a-z]{2}(-[a-z]+)+-\\d+"), "region", region);
        // Lower-case letters, digits and single hyphens: valid in role, repository, S3 prefix and job names alike;
        // at most 40 characters so that NAME-<timestamp> fits SageMaker's 63-character job names.
        require(name != null && name.matches("[a-z0-9](-?[a-z0-9])*") && name.length() <= 40,
                "name (lower-case letters, digits and hyphens, at most 40 characters)", name);
        require(bucket != null && bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]") && !bucket.contains(".."),
                "bucket name (3-63 lower-case letters, digits, dots, hyphens)", bucket);
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

    /** Every training job trainctl starts is named {@code NAME-...}: {@code arn:...:training-job/NAME-*}. */
    public String trainingJobArnPattern() {
        return "arn:" + partition + ":sagemaker:" + region + ":" + account + ":training-job/" + name + "-*";
    }

    public String logGroupArn() {
        return "arn:" + partition + ":logs:" + region + ":" + account + ":log-group:" + TRAINING_LOG_GROUP;
    }

    /** The log streams of this name's jobs: SageMaker names them {@code JOBNAME/algo-1-...}. */
    public String logStreamsArn() {
        return logGroupArn() + ":log-stream:" + name + "-*";
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
