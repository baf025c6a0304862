package dev.trainctl.orchestrator.whoami;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.fakes.AwsFaults;
import dev.trainctl.orchestrator.fakes.Cli;
import dev.trainctl.orchestrator.fakes.FakeSts;
import dev.trainctl.orchestrator.aws.AwsClients;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

class WhoamiCommandTest {

    final Cli cli = new Cli();

    WhoamiCommand whoami(FakeSts sts) {
        return new WhoamiCommand((g, c) -> AwsClients.create(g, c, Map.of()).using(Region.EU_WEST_1).using(sts));
    }

    @Test
    void showsAccountArnKindAndRegion() {
        int code = cli.run(whoami(FakeSts.user()), "whoami");

        assertThat(code).isZero();
        assertThat(cli.out).contains("account  123456789012").contains("IAM user alice").contains("region   eu-west-1");
        assertThat(cli.err).doesNotContain("WARNING");
    }

    @Test
    void warnsAboutRootCredentials() {
        cli.run(whoami(new FakeSts("arn:aws:iam::123456789012:root")), "whoami");

        assertThat(cli.out).contains("root user");
        assertThat(cli.err).contains("WARNING").contains("root");
    }

    @Test
    void jsonNamesTheRoleBehindAnAssumedRoleSession() {
        cli.run(whoami(new FakeSts("arn:aws:sts::123456789012:assumed-role/ci-deployer/build-42")), "whoami",
                "--output", "json");

        var json = JsonParser.parseString(cli.out).getAsJsonObject();
        assertThat(json.get("kind").getAsString()).isEqualTo("assumed_role");
        assertThat(json.get("role_arn").getAsString()).isEqualTo("arn:aws:iam::123456789012:role/ci-deployer");
        assertThat(json.get("region").getAsString()).isEqualTo("eu-west-1");
    }

    @Test
    void expiredCredentialsExitWithTheCredentialsCode() {
        int code = cli.run(whoami(FakeSts.user().failingWith(AwsFaults.error(400, "ExpiredToken", "expired"))),
                "whoami");

        assertThat(code).isEqualTo(ExitCode.AWS_CREDENTIALS.code());
        assertThat(cli.err).contains("expired");
    }
}
