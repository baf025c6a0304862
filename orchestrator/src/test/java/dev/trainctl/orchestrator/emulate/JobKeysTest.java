package dev.trainctl.orchestrator.emulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainctl.orchestrator.cli.Console;
import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.OutputFormat;
import dev.trainctl.orchestrator.cli.TrainctlException;
import dev.trainctl.orchestrator.jobsecurity.JobSecurity;
import dev.trainctl.orchestrator.roles.PolicyDocument;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.GetKeyPolicyRequest;
import software.amazon.awssdk.services.kms.model.GetKeyPolicyResponse;
import software.amazon.awssdk.services.kms.model.KmsException;

/** Where an emulated job's key policies come from, and that the emulation refuses to guess one it cannot read. */
class JobKeysTest {

    static final String KEY = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    static final JobSecurity SECURITY = JobSecurity.of(Optional.empty(), Optional.empty(), Optional.of(KEY),
            Optional.empty());
    static final String ONLY_ALICE = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\":"
            + " {\"AWS\": \"arn:aws:iam::123456789012:user/alice\"}, \"Action\": \"kms:*\", \"Resource\": \"*\"}]}";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), OutputFormat.TEXT, false);

    @Test
    void withoutKmsTheDefaultKeyPolicyIsUsedAndTheOutputSaysSo() {
        JobKeys keys = JobKeys.resolve(SECURITY, Optional.empty(), Optional.empty(), Optional.empty(), console);

        assertThat(keys.keyPolicies().get(KEY).statements()).singleElement()
                .satisfies(s -> assertThat(s.label()).isEqualTo("Enable IAM User Permissions"));
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("this endpoint has no KMS, so the emulation uses the"
                + " default key policy");
    }

    @Test
    void aFileWinsAndKmsIsReadOtherwise() {
        JobKeys fromFile = JobKeys.resolve(SECURITY, Optional.of(kms(false)), Optional.of(PolicyDocument.keyPolicy(KEY,
                ONLY_ALICE)), Optional.empty(), console);
        JobKeys fromKms = JobKeys.resolve(SECURITY, Optional.of(kms(false)), Optional.empty(), Optional.empty(),
                console);

        assertThat(fromFile.keyPolicies().get(KEY).statements().get(0).principals()).isPresent();
        assertThat(fromKms.keyPolicies().get(KEY).statements()).singleElement()
                .satisfies(s -> assertThat(s.label()).isEqualTo("FromKms"));
    }

    @Test
    void aKeyPolicyKmsWillNotShowIsARefusalNotAGuess() {
        assertThatThrownBy(() -> JobKeys.resolve(SECURITY, Optional.of(kms(true)), Optional.empty(), Optional.empty(),
                console))
                .isInstanceOfSatisfying(TrainctlException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
                .hasMessageContaining("cannot be read (kms:GetKeyPolicy denied)")
                .hasMessageContaining("give it with --key-policy-file FILE");
    }

    private static KmsClient kms(boolean denied) {
        return new KmsClient() {
            @Override
            public GetKeyPolicyResponse getKeyPolicy(GetKeyPolicyRequest request) {
                if (denied) {
                    throw (KmsException) KmsException.builder().statusCode(400).awsErrorDetails(AwsErrorDetails
                            .builder().errorCode("AccessDeniedException").errorMessage("not you").build()).build();
                }
                return GetKeyPolicyResponse.builder().policy("{\"Version\": \"2012-10-17\", \"Statement\": [{\"Sid\":"
                        + " \"FromKms\", \"Effect\": \"Allow\", \"Principal\": {\"AWS\":"
                        + " \"arn:aws:iam::123456789012:root\"}, \"Action\": \"kms:*\", \"Resource\": \"*\"}]}").build();
            }

            @Override
            public String serviceName() {
                return "kms";
            }

            @Override
            public void close() {}
        };
    }
}
