package dev.trainctl.orchestrator.emulate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainctl.orchestrator.cli.CliRun;
import dev.trainctl.orchestrator.rolecheck.PolicyDocument;
import dev.trainctl.orchestrator.policy.ResourceNames;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.model.IamException;

class RoleDocumentsSourceTest {

    private static final ResourceNames NAMES = ResourceNames.of("aws", "111122223333", "us-east-1", "trainctl-mnist")
            .withBucket("trainctl-local");

    private static AwsServiceException answer(int status, String code) {
        return IamException.builder().statusCode(status).awsErrorDetails(AwsErrorDetails.builder().errorCode(code)
                .build()).build();
    }

    @Test
    void anEndpointThatAnswersIamWithNotImplementedAServerErrorOrAnS3ErrorHasNoIam() {
        assertThat(RoleDocumentsSource.noIam(answer(501, "NotImplemented"))).isTrue();
        assertThat(RoleDocumentsSource.noIam(answer(503, "ServiceUnavailable"))).isTrue();
        assertThat(RoleDocumentsSource.noIam(answer(400, null))).isTrue();
        assertThat(RoleDocumentsSource.noIam(answer(400, "InvalidAction"))).isTrue();
    }

    @Test
    void iamsOwnAnswersAreNotMistakenForNoIam() {
        assertThat(RoleDocumentsSource.noIam(answer(404, "NoSuchEntity"))).isFalse();
        assertThat(RoleDocumentsSource.noIam(answer(403, "AccessDenied"))).isFalse();
        assertThat(RoleDocumentsSource.noIam(answer(403, null))).isFalse();
    }

    @Test
    void filesReplaceTheTrustOrThePermissionsAndTheSourceSaysWhich() {
        JobRoleDocuments provisioned = JobRoleDocuments.provisioned(NAMES);
        PolicyDocument policy = PolicyDocument.inline("mine.json", "{\"Version\": \"2012-10-17\", \"Statement\": ["
                + "{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}]}");

        JobRoleDocuments overridden = provisioned.overriddenBy(Optional.empty(), List.of(policy));

        assertThat(overridden.permissions()).extracting(p -> p.name()).containsExactly("mine.json");
        assertThat(overridden.boundary()).isEmpty();
        assertThat(overridden.trust()).isEqualTo(provisioned.trust());
        assertThat(overridden.bucketPolicy()).isEqualTo(provisioned.bucketPolicy());
        assertThat(overridden.source()).startsWith("permissions from mine.json (no boundary); otherwise the"
                + " documents 'trainctl provision' creates");
    }

    @Test
    void anInterruptionWithoutSpotIsAUsageError() {
        CliRun run = CliRun.of("train", "--on", "emulated", "--interrupt-at-epoch", "1");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--interrupt-at-epoch rehearses a spot interruption: add --spot");
    }
}
