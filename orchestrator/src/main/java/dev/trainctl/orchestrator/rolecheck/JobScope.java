package dev.trainctl.orchestrator.rolecheck;

import dev.trainctl.orchestrator.names.S3Uri;
import dev.trainctl.orchestrator.names.ResourceNames;
import dev.trainctl.orchestrator.names.BucketNames;
import java.util.Objects;

/**
 * The resources one training job touches, as ARNs: the bucket and its prefixes, the image repository, the log group.
 * The role check simulates the job's actions on exactly these.
 *
 * @param partition the role's partition (aws, aws-cn, aws-us-gov)
 * @param account the role's account, which owns the bucket, repository and log group
 * @param region the region the job runs in
 * @param bucket the S3 bucket with the data, the output and the checkpoints
 * @param prefix the key prefix inside the bucket, without slashes at either end (may be empty)
 * @param repository the ECR repository name (or ARN) of the training image
 */
public record JobScope(String partition, String account, String region, String bucket, String prefix,
        String repository) {

    /** SageMaker writes every training job's logs to this log group; its name is fixed by the service. */
    public static final String LOG_GROUP = ResourceNames.TRAINING_LOG_GROUP;

    /** The namespace SageMaker publishes training metrics under (and the PutMetricData condition value). */
    public static final String METRIC_NAMESPACE = ResourceNames.TRAINING_METRICS_NAMESPACE;

    public JobScope {
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(repository, "repository");
        prefix = prefix == null ? "" : strip(prefix);
        BucketNames.optionProblem(bucket).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        if (region.isBlank()) {
            throw new IllegalArgumentException("no region: pass --region or set AWS_REGION");
        }
    }

    private static String strip(String prefix) {
        String p = prefix.trim();
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    /** The key prefix of a folder under the job prefix, with a trailing slash: {@code P/output/}. */
    public String keyPrefix(String folder) {
        return (prefix.isEmpty() ? "" : prefix + "/") + folder + "/";
    }

    public String bucketArn() {
        return "arn:" + partition + ":s3:::" + bucket;
    }

    /** The ARN of an object under a folder of the job prefix. */
    public String objectArn(String folder, String key) {
        return bucketArn() + "/" + keyPrefix(folder) + key;
    }

    public String repositoryArn() {
        if (repository.startsWith("arn:")) {
            return repository;
        }
        return "arn:" + partition + ":ecr:" + region + ":" + account + ":repository/" + repository;
    }

    /**
     * Where the training image is pulled from: {@code ACCOUNT.dkr.ecr.REGION.amazonaws.com/REPO}, with the account
     * and region of a repository given as an ARN (it may live in another account).
     */
    public String repositoryUri() {
        String[] arn = repositoryArn().split(":", 6);
        if (arn.length < 6 || !arn[2].equals("ecr") || !arn[5].startsWith("repository/")) {
            throw new IllegalArgumentException("--repository must be an ECR repository name or ARN "
                    + "(arn:aws:ecr:REGION:ACCOUNT:repository/NAME), got '" + repository + "'");
        }
        return ResourceNames.repositoryUri(arn[1], arn[4], arn[3], arn[5].substring("repository/".length()));
    }

    /** The job prefix as an S3 location, {@code s3://BUCKET/PREFIX/}: the data, output and checkpoints are under it. */
    public S3Uri base() {
        return new S3Uri(bucket, prefix.isEmpty() ? "" : prefix + "/");
    }

    public String logGroupArn() {
        return "arn:" + partition + ":logs:" + region + ":" + account + ":log-group:" + LOG_GROUP;
    }

    /** A log stream in the training log group; SageMaker names them {@code JOB/algo-1-TIMESTAMP}. */
    public String logStreamArn(String jobName) {
        return logGroupArn() + ":log-stream:" + jobName + "/algo-1-0000000000";
    }

    public String trainingJobArn(String jobName) {
        return "arn:" + partition + ":sagemaker:" + region + ":" + account + ":training-job/" + jobName;
    }

    public String tuningJobArn(String tuningJobName) {
        return "arn:" + partition + ":sagemaker:" + region + ":" + account + ":hyper-parameter-tuning-job/"
                + tuningJobName;
    }

    public String s3Uri(String folder) {
        return "s3://" + bucket + "/" + keyPrefix(folder);
    }
}
