package dev.trainctl.orchestrator.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainctl.orchestrator.cli.Console;
import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.OutputFormat;
import dev.trainctl.orchestrator.cli.TrainctlException;
import dev.trainctl.orchestrator.fakes.FakeServiceQuotas;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class QuotaPreflightTest {

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Console console = new Console(new PrintStream(new ByteArrayOutputStream(), true,
            StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), OutputFormat.TEXT, false);
    private final FakeServiceQuotas quotas = new FakeServiceQuotas().withDefaults(0);

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aQuotaOfOneOrMoreLetsTheJobGoAndSaysWhichQuotaItRead() {
        quotas.applied.add(FakeServiceQuotas.quota("ml.t3.medium for training job usage", "L-TEST0002", 2));

        var quota = new QuotaPreflight(quotas, console).check("ml.t3.medium", false, "eu-west-1", false);

        assertThat(quota).hasValueSatisfying(q -> assertThat(q.value()).isEqualTo(2));
        assertThat(err()).contains("quota: 'ml.t3.medium for training job usage' (sagemaker L-TEST0002) is 2 "
                + "(applied value) in eu-west-1");
    }

    @Test
    void aZeroQuotaIsExitEightWithTheNameTheCodeAndHowToRequestMore() {
        assertThatThrownBy(() -> new QuotaPreflight(quotas, console).check("ml.p3.2xlarge", false, "eu-west-1", false))
                .isInstanceOfSatisfying(TrainctlException.class, e -> assertThat(e.exitCode())
                        .isEqualTo(ExitCode.AWS_QUOTA))
                .hasMessageContaining("'ml.p3.2xlarge for training job usage' (sagemaker L-TEST0003) is 0")
                .hasMessageContaining("aws service-quotas request-service-quota-increase --service-code sagemaker "
                        + "--quota-code L-TEST0003 --desired-value 1 --region eu-west-1");
    }

    @Test
    void aCallerWhoMayNotReadQuotasGetsANoteAndTheJobGoesOn() {
        quotas.answers.deny("ListServiceQuotas", "servicequotas:ListServiceQuotas");

        var quota = new QuotaPreflight(quotas, console).check("ml.t3.medium", false, "eu-west-1", false);

        assertThat(quota).isEmpty();
        assertThat(err()).contains("note: quota pre-flight skipped: you may not servicequotas:ListServiceQuotas");
    }

    @Test
    void dryRunPrintsTheRequestAndSendsNothing() {
        new QuotaPreflight(quotas, console).check("ml.t3.medium", false, "eu-west-1", true);

        assertThat(quotas.answers.recorder.all()).isEmpty();
        assertThat(err()).contains("\"operation\": \"ListServiceQuotas\"").contains("\"ServiceCode\": \"sagemaker\"");
    }
}
