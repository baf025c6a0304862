package dev.trainctl.orchestrator.names;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainctl.orchestrator.Commands;
import dev.trainctl.orchestrator.cli.CliRun;
import dev.trainctl.orchestrator.cli.Command;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.cli.Option;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** S3's general purpose bucket naming rules, each refused with the rule named, before anything is sent. */
class BucketNamesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "ab                         | 3 to 63 characters",
        "192.168.1.1                | not formatted as an IP address",
        "My-Bucket                  | only lower-case letters, digits, dots and hyphens",
        "-bucket                    | begins and ends with a letter or digit",
        "bucket.                    | begins and ends with a letter or digit",
        "a..b                       | no two adjacent dots",
        "xn--bucket                 | S3 reserves the prefix 'xn--'",
        "sthree-bucket              | S3 reserves the prefix 'sthree-'",
        "sthree-configurator-b      | S3 reserves the prefix 'sthree-'",
        "amzn-s3-demo-bucket        | S3 reserves the prefix 'amzn-s3-demo-'",
        "bucket-s3alias             | S3 reserves the suffix '-s3alias'",
        "bucket--ol-s3              | S3 reserves the suffix '--ol-s3'",
        "bucket.mrap                | S3 reserves the suffix '.mrap'",
        "bucket--x-s3               | S3 reserves the suffix '--x-s3'",
        "bucket--table-s3           | S3 reserves the suffix '--table-s3'",
    })
    void aNameS3RefusesNamesTheRule(String bucket, String rule) {
        assertThat(BucketNames.problem(bucket)).hasValueSatisfying(p -> assertThat(p).contains(rule));
    }

    @ParameterizedTest
    @ValueSource(strings = {"trainctl-123456789012-us-east-1", "my.bucket.example", "abc", "1bucket2",
        "192.168.1.1.example", "bucket-xn--a", "s3alias-bucket"})
    void namesS3AcceptsPass(String bucket) {
        assertThat(BucketNames.problem(bucket)).isEmpty();
    }

    @Test
    void aDryRunProvisionRefusesAnIpFormattedBucketWithExitTwo() {
        CliRun run = CliRun.of("provision", "--dry-run", "--output", "json", "--bucket", "192.168.1.1");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("trainctl: --bucket '192.168.1.1' is not a bucket name S3 accepts: a bucket"
                + " name is not formatted as an IP address");
    }

    /** Every command that takes --bucket, new ones included, refuses a reserved name before it runs. */
    @Test
    void everyCommandTakingABucketRefusesAReservedName() {
        List<String> checked = new ArrayList<>();
        for (Command command : Commands.all()) {
            if (!command.options().hasLongOption("bucket")) {
                continue;
            }
            List<String> args = new ArrayList<>(command.path());
            for (Option option : command.options().getOptions()) {
                if (option.isRequired()) {
                    args.addAll(List.of("--" + option.getLongOpt(), "arn:aws:iam::123456789012:role/r"));
                }
            }
            args.addAll(List.of("--bucket", "data--x-s3"));
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(run.err()).as(String.join(" ", args)).contains("S3 reserves the suffix '--x-s3'");
            checked.add(String.join(" ", command.path()));
        }
        assertThat(checked).contains("provision", "teardown", "train", "tune", "role check", "policy show");
    }
}
