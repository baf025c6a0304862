package dev.trainctl.orchestrator.names;

/**
 * An {@code s3://bucket/key} location. A key ending in {@code /} is a prefix.
 *
 * @param key without a leading slash; empty for the bucket itself
 */
public record S3Uri(String bucket, String key) {

    public S3Uri {
        if (bucket == null || bucket.isEmpty() || bucket.contains("/")) {
            throw new IllegalArgumentException("not an S3 bucket name: '" + bucket + "'");
        }
        key = key == null ? "" : key.replaceFirst("^/+", "");
    }

    public static S3Uri parse(String uri) {
        if (!uri.startsWith("s3://")) {
            throw new IllegalArgumentException("expected s3://BUCKET/KEY, got '" + uri + "'");
        }
        String rest = uri.substring("s3://".length());
        int slash = rest.indexOf('/');
        return slash < 0 ? new S3Uri(rest, "") : new S3Uri(rest.substring(0, slash), rest.substring(slash + 1));
    }

    public static boolean isS3(String text) {
        return text != null && text.startsWith("s3://");
    }

    /** This prefix (a trailing slash is added if missing) joined with {@code child}. */
    public S3Uri resolve(String child) {
        String base = key.isEmpty() || key.endsWith("/") ? key : key + "/";
        return new S3Uri(bucket, base + child);
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + key;
    }
}
