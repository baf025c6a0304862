package dev.trainctl.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainctl.orchestrator.Commands;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
        "policy show provisioner --kms-key arn:aws:kms:us-east-1:123456789012:key/k | --kms-key only applies to boundary and caller and caller-resources and role",
        "policy show trust --subnets subnet-0123456789abcdef0 | --subnets only applies to boundary and caller and role",
        "policy show serving-role --subnets subnet-0123456789abcdef0 | --subnets only applies to boundary and caller and role",
        "policy show provisioner --kms-key arn:aws:kms:us-east-1:123456789012:key/k | --kms-key only applies to boundary and caller and caller-resources and role and serving-role",
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

    /**
     * Every command, and each mode of a command with modes, where the given variant never talks to AWS: --dry-run is
     * refused and --profile/--endpoint-url are warned about. The walk fails for a command or mode not classified here.
     */
    private static final Map<String, List<String>> NEVER_TALKS_TO_AWS = Map.ofEntries(
            Map.entry("doctor", List.of()), Map.entry("data fetch", List.of()), Map.entry("s3 serve", List.of()),
            Map.entry("policy lint", List.of()), Map.entry("train --on local", List.of()),
            Map.entry("policy show", List.of("--account", "111122223333")),
            Map.entry("policy simulate", List.of("--policy-file", "p.json")),
            Map.entry("role check", List.of("--trust-file", "t.json", "--policy-file", "p.json", "--role-arn",
                    "arn:aws:iam::123456789012:role/r")));
    /** Commands and modes that talk to AWS (or an AWS-compatible endpoint), where the global options take effect. */
    private static final Set<String> TALKS_TO_AWS = Set.of("whoami", "provision", "teardown", "image push",
            "train --on emulated", "train --on sagemaker", "tune --on sagemaker", "tune --on emulated",
            "deploy --on sagemaker", "deploy --on emulated", "undeploy --on sagemaker", "undeploy --on emulated",
            "jobs list", "jobs status", "jobs wait", "jobs logs", "jobs stop", "tune list", "tune status",
            "tune wait", "tune stop", "evaluate", "predict", "report", "account check");

    @Test
    void everyCommandAndModeThatNeverTalksToAwsRefusesDryRunAndWarnsAboutTheAwsOptions() {
        for (Command command : Commands.all()) {
            String path = String.join(" ", command.path());
            List<String> variants = command.rules().modeOption().map(option -> command.rules().modes().stream()
                    .map(mode -> path + " --" + option + " " + mode).toList()).orElse(List.of(path));
            for (String variant : variants) {
                assertThat(NEVER_TALKS_TO_AWS.containsKey(variant) || TALKS_TO_AWS.contains(variant))
                        .as("classify '" + variant + "' here: does it ever talk to AWS?").isTrue();
                if (!NEVER_TALKS_TO_AWS.containsKey(variant)) {
                    continue;
                }
                List<String> args = new ArrayList<>(NEVER_TALKS_TO_AWS.get(variant));
                Map<String, String> given = new java.util.HashMap<>();
                for (int i = 0; i < args.size(); i += 2) {
                    given.put(args.get(i).substring(2), args.get(i + 1));
                }
                command.rules().modeOption().ifPresent(option -> given.put(option, variant.substring(variant
                        .lastIndexOf(' ') + 1)));
                for (String global : List.of("dry-run", "profile", "endpoint-url")) {
                    Map<String, String> with = new java.util.HashMap<>(given);
                    with.put(global, "x");
                    List<OptionRules.Problem> problems = command.rules().check(typed(with));
                    assertThat(problems).as(variant + " --" + global).anySatisfy(p -> {
                        assertThat(p.message()).startsWith("--" + global + " ");
                        assertThat(p.error()).isEqualTo(global.equals("dry-run"));
                    });
                }
            }
        }
    }

    private static OptionRules.Given typed(Map<String, String> given) {
        return new OptionRules.Given() {
            @Override
            public boolean has(String option) {
                return given.containsKey(option);
            }

            @Override
            public String value(String option) {
                return given.get(option);
            }

            @Override
            public List<String> arguments() {
                return List.of();
            }
        };
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "role check --trust-file t.json --policy-file p.json --endpoint-url http://127.0.0.1:1 --profile nosuch --dry-run | --dry-run only applies with --live",
        "policy simulate --policy-file p.json --action s3:GetObject --resource * --dry-run --profile nosuch --endpoint-url http://x | --dry-run does nothing here: policy simulate evaluates offline",
        "policy show trust --dry-run                         | --dry-run does nothing here: policy show only prints documents",
    })
    void theOutsideTestersOfflineDryRunsAreRefused(String args, String message) {
        CliRun run = CliRun.of(args.trim().split(" +"));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains(message.trim());
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
