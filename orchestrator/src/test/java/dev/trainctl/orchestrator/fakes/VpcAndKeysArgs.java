package dev.trainctl.orchestrator.fakes;

import java.util.stream.IntStream;

/** {@code --subnets}, {@code --security-group-ids}, {@code --kms-key} and {@code --volume-kms-key} at AWS's limits. */
public final class VpcAndKeysArgs {

    public static final String KEY = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    /** A multi-Region key: its ID is mrk- and 32 hex digits. */
    public static final String VOLUME_KEY =
            "arn:aws:kms:eu-west-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab";

    private VpcAndKeysArgs() {}

    /** AWS's most: 16 subnets and 5 security groups, each ID in EC2's long form; both keys (in eu-west-1). */
    public static String[] atTheirLimits() {
        String subnets = String.join(",", IntStream.range(0, 16)
                .mapToObj(i -> String.format("subnet-0123456789abcde%02x", i)).toList());
        String groups = String.join(",", IntStream.range(0, 5)
                .mapToObj(i -> String.format("sg-0123456789abcdef%d", i)).toList());
        return new String[] {"--subnets", subnets, "--security-group-ids", groups, "--kms-key", KEY,
            "--volume-kms-key", VOLUME_KEY};
    }
}
