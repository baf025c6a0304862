package dev.trainctl.orchestrator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.fakes.Cli;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

class PolicyShowCommandTest {

    final Cli cli = new Cli();

    @Test
    void withoutAnArgumentShowsAllThreeDocumentsWithOneLinePerStatement() {
        int code = cli.run(new PolicyShowCommand(cli.clients()), "policy", "show");

        assertThat(code).isZero();
        assertThat(cli.out).contains("trust policy").contains("inline permissions policy").contains("least-privilege")
                .contains("#   PassTheExecutionRoleToSageMakerOnly: hand the execution role to SageMaker");
    }

    @Test
    void formatJsonPrintsTheRawDocumentOnly() {
        cli.run(new PolicyShowCommand(cli.clients()), "policy", "show", "caller", "--format", "json");

        var document = JsonParser.parseString(cli.out).getAsJsonObject();
        assertThat(document.get("Version").getAsString()).isEqualTo("2012-10-17");
        assertThat(cli.out).doesNotContain("#");
    }

    @Test
    void worksWithoutCredentialsUsingAPlaceholderAccount() {
        cli.sts.failingWith(SdkClientException.create("Unable to load credentials from any of the providers"));

        int code = cli.run(new PolicyShowCommand(cli.clients()), "policy", "show", "trust");

        assertThat(code).isZero();
        assertThat(cli.out).contains("111122223333");
        assertThat(cli.err).contains("placeholder");
    }

    @Test
    void accountOptionSkipsStsAndInstanceTypesChangeTheAllowList() {
        cli.run(new PolicyShowCommand(cli.clients()), "policy", "show", "caller", "--account", "210987654321",
                "--instance-types", "ml.m5.xlarge, ml.c5.xlarge", "--format", "json");

        assertThat(cli.sts.recorder.all()).isEmpty();
        assertThat(cli.out).contains("210987654321").contains("ml.c5.xlarge").doesNotContain("ml.p3.2xlarge");
    }

    @Test
    void unknownDocumentIsAUsageError() {
        assertThat(cli.run(new PolicyShowCommand(cli.clients()), "policy", "show", "admin"))
                .isEqualTo(ExitCode.USAGE.code());
    }
}
