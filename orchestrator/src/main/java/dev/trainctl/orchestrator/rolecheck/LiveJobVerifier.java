package dev.trainctl.orchestrator.rolecheck;

import dev.trainctl.orchestrator.aws.AwsErrors;
import dev.trainctl.orchestrator.names.S3Uri;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogStreamsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * After the live job: did the artifact land, were logs written, and removing what the job wrote. Talks to S3 and
 * CloudWatch Logs through the clients it is given (tests pass recording fakes).
 */
public final class LiveJobVerifier {

    static final String RULE_ARTIFACT = "live.artifact";
    static final String RULE_LOGS = "live.logs";
    static final String RULE_CLEANUP = "live.cleanup";
    /** DeleteObjects takes at most 1,000 keys per request. */
    private static final int DELETE_BATCH = 1000;

    private final S3Client s3;
    private final CloudWatchLogsClient logs;

    public LiveJobVerifier(S3Client s3, CloudWatchLogsClient logs) {
        this.s3 = s3;
        this.logs = logs;
    }

    /** The artifact and log checks, as table rows. */
    public List<CheckResult> verify(LiveJobPlan plan, JobScope scope) {
        List<CheckResult> rows = new ArrayList<>();
        S3Uri artifact = plan.artifact();
        try {
            HeadObjectResponse head = s3.headObject(HeadObjectRequest.builder().bucket(artifact.bucket())
                    .key(artifact.key()).expectedBucketOwner(scope.account()).build());
            rows.add(CheckResult.pass(RULE_ARTIFACT, artifact + " landed (" + head.contentLength() + " bytes)"));
        } catch (SdkException e) {
            if (!AwsErrors.isNotFound(e)) {
                throw AwsErrors.translate(e, "s3:GetObject", artifact.toString());
            }
            rows.add(CheckResult.fail(RULE_ARTIFACT, artifact + " is missing after the job",
                    "allow s3:PutObject on " + scope.objectArn("output", "*") + " and read the job's logs"));
        }
        List<LogStream> streams;
        try {
            streams = logs.describeLogStreamsPaginator(DescribeLogStreamsRequest.builder()
                    .logGroupName(JobScope.LOG_GROUP).logStreamNamePrefix(plan.jobName() + "/").build())
                    .logStreams().stream().toList();
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "logs:DescribeLogStreams", JobScope.LOG_GROUP);
        }
        if (streams.isEmpty()) {
            rows.add(CheckResult.fail(RULE_LOGS, "no log stream " + plan.jobName() + "/* in " + JobScope.LOG_GROUP,
                    "allow logs:CreateLogStream and logs:PutLogEvents on " + scope.logGroupArn() + ":log-stream:*"));
        } else {
            rows.add(CheckResult.pass(RULE_LOGS, streams.size() + " log stream(s) " + plan.jobName() + "/* written to "
                    + JobScope.LOG_GROUP));
        }
        return rows;
    }

    /** Deletes every object the job wrote under its output and checkpoint prefixes; never anything else. */
    public CheckResult cleanUp(LiveJobPlan plan, JobScope scope) {
        int deleted = 0;
        for (S3Uri prefix : plan.outputPrefixes()) {
            try {
                List<ObjectIdentifier> keys = s3.listObjectsV2Paginator(ListObjectsV2Request.builder()
                        .bucket(prefix.bucket()).prefix(prefix.key()).expectedBucketOwner(scope.account()).build())
                        .contents().stream().map(S3Object::key)
                        .map(k -> ObjectIdentifier.builder().key(k).build()).toList();
                for (int from = 0; from < keys.size(); from += DELETE_BATCH) {
                    List<ObjectIdentifier> batch = keys.subList(from, Math.min(keys.size(), from + DELETE_BATCH));
                    s3.deleteObjects(r -> r.bucket(prefix.bucket()).expectedBucketOwner(scope.account())
                            .delete(Delete.builder().objects(batch).quiet(true).build()));
                    deleted += batch.size();
                }
            } catch (SdkException e) {
                return CheckResult.warn(RULE_CLEANUP, "could not delete " + prefix + ": "
                        + AwsErrors.translate(e, "s3:DeleteObject", prefix.toString()).getMessage(),
                        "delete it by hand: " + removeCommands(List.of(prefix)));
            }
        }
        return CheckResult.pass(RULE_CLEANUP, "deleted the job's " + deleted + " object(s) under "
                + plan.outputPrefixes().stream().map(S3Uri::toString).collect(Collectors.joining(" and ")));
    }

    /** The AWS CLI commands that delete what is under the prefixes, for people to run by hand. */
    static String removeCommands(List<S3Uri> prefixes) {
        return prefixes.stream().map(p -> "aws s3 rm --recursive " + p).collect(Collectors.joining("; "));
    }
}
