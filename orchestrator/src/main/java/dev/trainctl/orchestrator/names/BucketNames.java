package dev.trainctl.orchestrator.names;

import java.util.List;
import java.util.Optional;

/**
 * S3's naming rules for general purpose buckets, as the S3 User Guide lists them
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html): checked before any request, so a
 * name S3 would refuse, or one reserved for access points and other bucket types, is a usage error naming the rule.
 */
public final class BucketNames {

    private BucketNames() {}

    private static final List<String> RESERVED_PREFIXES = List.of("xn--", "sthree-", "amzn-s3-demo-");
    /** Access point aliases, Object Lambda aliases, Multi-Region Access Points, directory and table buckets. */
    private static final List<String> RESERVED_SUFFIXES = List.of("-s3alias", "--ol-s3", ".mrap", "--x-s3",
            "--table-s3");

    /** Why S3 refuses {@code bucket} as a general purpose bucket's name, if it does. */
    public static Optional<String> problem(String bucket) {
        if (bucket == null || bucket.length() < 3 || bucket.length() > 63) {
            return Optional.of("a bucket name has 3 to 63 characters");
        }
        if (!bucket.matches("[a-z0-9.-]+")) {
            return Optional.of("a bucket name has only lower-case letters, digits, dots and hyphens");
        }
        if (!bucket.matches("[a-z0-9].*[a-z0-9]")) {
            return Optional.of("a bucket name begins and ends with a letter or digit");
        }
        if (bucket.contains("..")) {
            return Optional.of("a bucket name has no two adjacent dots");
        }
        if (bucket.matches("\\d+\\.\\d+\\.\\d+\\.\\d+")) {
            return Optional.of("a bucket name is not formatted as an IP address");
        }
        for (String prefix : RESERVED_PREFIXES) {
            if (bucket.startsWith(prefix)) {
                return Optional.of("S3 reserves the prefix '" + prefix + "'");
            }
        }
        for (String suffix : RESERVED_SUFFIXES) {
            if (bucket.endsWith(suffix)) {
                return Optional.of("S3 reserves the suffix '" + suffix + "'");
            }
        }
        return Optional.empty();
    }

    /** The usage message for {@code --bucket NAME}, if S3 would refuse the name. */
    public static Optional<String> optionProblem(String bucket) {
        return problem(bucket).map(problem -> "--bucket '" + bucket + "' is not a bucket name S3 accepts: " + problem
                + " (S3's bucket naming rules)");
    }
}
