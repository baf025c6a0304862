package dev.trainctl.orchestrator.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainctl.orchestrator.cli.CliRun;
import org.junit.jupiter.api.Test;

/**
 * A profile the user selected that does not exist is an error naming it, in every command that talks to AWS: never
 * the embedded S3, the default credentials or the placeholder account instead of what was asked for.
 */
class SelectedProfileTest {

    private static final String MISSING = "trainctl-test-profile-that-does-not-exist";

    @Test
    void everyAwsCommandRefusesAMissingProfileNamingIt() {
        String[][] commands = {
            {"whoami"},
            {"train", "--on", "sagemaker", "--dry-run", "--region", "eu-west-1"},
            {"train", "--on", "emulated", "--epochs", "1"},
            {"policy", "show", "role", "--region", "eu-west-1"},
            {"provision", "--dry-run", "--region", "eu-west-1"},
            {"evaluate", "--model", "s3://bucket/trainctl-mnist/output/job/output/model.tar.gz"},
        };
        for (String[] command : commands) {
            String[] args = new String[command.length + 2];
            args[0] = "--profile";
            args[1] = MISSING;
            System.arraycopy(command, 0, args, 2, command.length);

            CliRun run = CliRun.of(args);

            assertThat(run.exitCode()).as(String.join(" ", command) + "\n" + run.err()).isEqualTo(5);
            assertThat(run.err()).as(String.join(" ", command)).startsWith("trainctl: the AWS profile '" + MISSING
                    + "' (--profile) is in neither ");
            assertThat(run.out()).as(String.join(" ", command)).doesNotContain("111122223333");
        }
    }
}
