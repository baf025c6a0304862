package dev.trainctl.orchestrator.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainctl.orchestrator.docs.Docs;
import dev.trainctl.orchestrator.fakes.Cli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The two examples in the docs' section "Check the account": the real command on a healthy and an unhealthy
 * account (see {@link AccountFakes}). The output is written to target/account-examples/, and a file of the docs
 * ({@link Docs}) must show exactly that output, so the doc cannot drift from the code.
 */
class AccountCheckExamplesTest {

    @Test
    void healthyAccountExample() throws IOException {
        String example = example("healthy.txt", AccountFakes.healthy(), 0);

        Docs.assertOneShows("target/account-examples/healthy.txt", example);
    }

    @Test
    void unhealthyAccountExample() throws IOException {
        String example = example("unhealthy.txt", AccountFakes.unhealthy(), 11);

        Docs.assertOneShows("target/account-examples/unhealthy.txt", example);
    }

    private static String example(String file, Cli cli, int expectedCode) throws IOException {
        int code = AccountCheckCommandTest.run(cli, "--region", "eu-west-1");
        assertThat(code).isEqualTo(expectedCode);
        String text = "$ trainctl account check --region eu-west-1\n" + cli.out + cli.err + "$ echo $?\n" + code + "\n";
        Path dir = Path.of("target", "account-examples");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(file), text, StandardCharsets.UTF_8);
        return text;
    }
}
