package dev.trainctl.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainctl.orchestrator.Commands;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.cli.Option;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the user typed either takes effect or is refused: nothing is dropped silently. Nothing here trains. */
class NothingDroppedTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "train --epochs 2 --epochs 1                         | --epochs is given 2 times (2, 1); give it once",
        "--region eu-west-1 train --on sagemaker --region us-east-1 | --region is given 2 times",
        "train --resume --resume                             | --resume is given 2 times; give it once",
        "train mnist                                         | unexpected argument 'mnist': 'train' takes no positional",
        "doctor extra words                                  | unexpected argument 'extra words'",
        "train --on sagemaker --max-wait 600                 | --max-wait only applies with --spot",
        "train --on sagemaker --resume                       | --resume only applies with --on local (here: --on sagemaker)",
        "train --on sagemaker --model-dir m                  | --model-dir only applies with --on local",
        "train --on emulated --checkpoint-dir c              | --checkpoint-dir only applies with --on local (here: --on emulated)",
        "train --instance-type ml.t3.large                   | --instance-type only applies with --on sagemaker (here: --on local)",
        "train --on sagemaker --gpu --instance-type ml.g5.xlarge | --gpu cannot be combined with --instance-type",
        "train --on sagemaker --detach --poll 5              | --poll cannot be combined with --detach",
        "train --dry-run                                     | --dry-run only applies with --on sagemaker (here: --on local)",
        "train --on emulated --dry-run                       | --dry-run only applies with --on sagemaker",
        "tune --on emulated --learning-rate 0.001:0.01 --dry-run | --dry-run only applies with --on sagemaker (here: --on emulated)",
        "train --spot                                        | --spot only applies with --on emulated|sagemaker (here: --on local)",
        "train --on local --role-arn arn:aws:iam::123456789012:role/r | --role-arn only applies with --on emulated|sagemaker",
        "train --on emulated --interrupt-at-epoch 1          | --interrupt-at-epoch only applies with --spot",
        "train --on sagemaker --spot --interrupt-at-epoch 1  | --interrupt-at-epoch only applies with --on emulated (here: --on sagemaker)",
        "train --on sagemaker --role-policy-file r.json      | --role-policy-file only applies with --on emulated (here: --on sagemaker)",
        "train --on emulated --spot --interrupt-at-epoch 9 --epochs 2 | --interrupt-at-epoch must be a whole number from 1 to 2, got '9'",
        "tune --on emulated --learning-rate 0.001:0.01 --spot | --spot only applies with --on sagemaker (here: --on emulated)",
        "data fetch --dry-run                                | --dry-run does nothing here",
        "predict --model m --image x.png --dataset mnist     | --dataset cannot be combined with --image",
        "role check --role-arn arn:aws:iam::123456789012:role/r --yes | --yes only applies with --live",
        "jobs logs some-job --poll 5                         | --poll only applies with --follow",
        "jobs list --all --name x                            | --name cannot be combined with --all",
        "policy show trust --instance-types ml.m5.large      | --instance-types only applies to caller",
        "policy show provisioner --kms-key arn:aws:kms:us-east-1:123456789012:key/k | --kms-key only applies to boundary and caller and role",
        "policy show trust --subnets subnet-0123456789abcdef0 | --subnets only applies to boundary and caller and role",
        "policy show serving-role --subnets subnet-0123456789abcdef0 | --subnets only applies to boundary and caller and role",
        "policy show provisioner --kms-key arn:aws:kms:us-east-1:123456789012:key/k | --kms-key only applies to boundary and caller and role and serving-role",
        "role check --role-arn arn:aws:iam::123456789012:role/r --serving --kms-key arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab | --kms-key cannot be combined with --serving",
        "role check --role-arn arn:aws:iam::123456789012:role/r --serving --subnets subnet-0123456789abcdef0 --security-group-ids sg-0123456789abcdef0 | --subnets cannot be combined with --serving",
        "train --subnets subnet-0123456789abcdef0 --security-group-ids sg-0123456789abcdef0 | --subnets only applies with --on emulated|sagemaker (here: --on local)",
        "train --kms-key arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab | --kms-key only applies with --on emulated|sagemaker (here: --on local)",
        "train --volume-kms-key arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab | --volume-kms-key only applies with --on emulated|sagemaker (here: --on local)",
        "train --on sagemaker --key-policy-file k.json       | --key-policy-file only applies with --on emulated (here: --on sagemaker)",
        "train --on emulated --key-policy-file k.json        | --key-policy-file only applies with --kms-key",
        "train --on emulated --volume-key-policy-file k.json | --volume-key-policy-file only applies with --volume-kms-key",
        "train --on sagemaker --dry-run --subnets subnet-0123456789abcdef0 | --subnets and --security-group-ids go together (SageMaker's VpcConfig needs both): give --security-group-ids too",
        "train --on sagemaker --dry-run --security-group-ids sg-0123456789abcdef0 | give --subnets too",
        "train --on sagemaker --dry-run --subnets subnet-1 --security-group-ids sg-0123456789abcdef0 | --subnets: 'subnet-1' is not a subnet ID (subnet- and 8 or 17 hexadecimal digits",
        "train --on sagemaker --dry-run --kms-key alias/mine | --kms-key must be a KMS key ARN (arn:aws:kms:REGION:ACCOUNT:key/KEY_ID; not a key ID or an alias",
        "role check --trust-file t.json --policy-file p.json --key-policy-file k.json | --key-policy-file only applies with --kms-key",
        "train --epochs 99999999999                          | --epochs must be a whole number from 1 to 1000, got '99999999999'",
        "train --learning-rate fast                          | --learning-rate must be a number greater than 0 and less than 10",
        "s3 serve --port 70000                               | --port must be a whole number from 0 to 65535, got '70000'",
        "train --on sagemaker --max-runtime 0                | --max-runtime must be a whole number from 1 to 2419200",
        "train --on sagemaker --dry-run --spot --max-wait 2419201 | --max-wait must be a whole number from 1 to 2419200",
        "train --on sagemaker --dry-run --spot --max-wait 2147483647 | --max-wait must be a whole number from 1 to 2419200",
        "tune --on sagemaker --dry-run --learning-rate 0.001:0.01 --spot --max-wait 2419201 | --max-wait must be a whole number from 1 to 2419200",
    })
    void isAUsageErrorNamingTheOption(String args, String message) {
        CliRun run = CliRun.of(args.trim().split(" +"));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).startsWith("trainctl: ").contains(message.trim());
    }

    /** For every command, new ones included: a stray word and a repeated option are refused before it runs. */
    @Test
    void everyCommandRefusesAStrayArgumentAndARepeatedOption() {
        for (Command command : Commands.all()) {
            List<String> base = new ArrayList<>(command.path());
            for (Option option : command.options().getOptions()) {
                if (option.isRequired()) {
                    base.addAll(List.of("--" + option.getLongOpt(), "arn:aws:iam::123456789012:role/r"));
                }
            }
            List<String> repeated = new ArrayList<>(base);
            repeated.addAll(List.of("--output", "json", "--output", "text"));
            CliRun twice = CliRun.of(repeated.toArray(String[]::new));
            assertThat(twice.exitCode()).as(String.join(" ", repeated)).isEqualTo(2);
            assertThat(twice.err()).as(String.join(" ", repeated))
                    .startsWith("trainctl: --output is given 2 times (json, text); give it once");
            if (command.arguments().isEmpty()) {
                List<String> stray = new ArrayList<>(base);
                stray.add("stray");
                CliRun run = CliRun.of(stray.toArray(String[]::new));
                assertThat(run.exitCode()).as(String.join(" ", stray)).isEqualTo(2);
                assertThat(run.err()).as(String.join(" ", stray)).startsWith("trainctl: unexpected argument 'stray'");
            }
        }
    }

    @Test
    void awsOptionsOnACommandThatNeverTalksToAwsAreAWarning(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        CliRun run = CliRun.of("--region", "eu-west-1", "doctor", "--data-dir", dir.toString(), "--device", "cpu");

        assertThat(run.err()).contains("trainctl: warning: --region does nothing here: this command never talks to AWS");
        assertThat(run.exitCode()).as(run.err()).isIn(0, 11);
    }

    @Test
    void doctorChecksTheDeviceItIsGiven(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        CliRun run = CliRun.of("doctor", "--data-dir", dir.toString(), "--device", "gpu");

        assertThat(run.exitCode()).isEqualTo(11);
        assertThat(run.out()).contains("device      FAILED: --device gpu: no usable GPU");
    }
}
