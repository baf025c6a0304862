package dev.trainctl.orchestrator.provision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainctl.orchestrator.aws.ChangeExecutor;
import dev.trainctl.orchestrator.aws.RoleReadiness;
import dev.trainctl.orchestrator.aws.Sleeper;
import dev.trainctl.orchestrator.fakes.FakeS3;
import dev.trainctl.orchestrator.policy.BucketPolicy;
import dev.trainctl.orchestrator.roles.PolicyJson;
import dev.trainctl.orchestrator.names.ResourceNames;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;
import software.amazon.awssdk.services.s3.model.OwnershipControls;
import software.amazon.awssdk.services.s3.model.PutBucketEncryptionRequest;
import software.amazon.awssdk.services.s3.model.PutBucketOwnershipControlsRequest;
import software.amazon.awssdk.services.s3.model.PutBucketPolicyRequest;
import software.amazon.awssdk.services.s3.model.PutBucketTaggingRequest;
import software.amazon.awssdk.services.s3.model.PutPublicAccessBlockRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;

/** The bucket requests S3Proxy cannot serve (501), checked field by field against a recording fake. */
class BucketHardeningTest {

    static final String ACCOUNT = "123456789012";
    static final ResourceNames NAMES = ResourceNames.of("aws", ACCOUNT, "us-east-1", "trainctl-mnist");
    static final String KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    final FakeS3 s3 = new FakeS3(ACCOUNT);

    ChangeExecutor.Outcome provision(ProvisionSettings settings) throws InterruptedException {
        PlanPart plan = new BucketPlanner(s3).plan(settings, false);
        return new ChangeExecutor(null, s3, null, new RoleReadiness(null, Sleeper.NONE, Duration.ZERO))
                .execute(plan.changes(), c -> { });
    }

    @Test
    void publicAccessIsBlockedInAllFourWays() throws Exception {
        provision(ProvisionSettings.of(NAMES));

        PutPublicAccessBlockRequest block = s3.recorder.of(PutPublicAccessBlockRequest.class).get(0);
        assertThat(block.bucket()).isEqualTo(NAMES.bucket());
        assertThat(block.expectedBucketOwner()).isEqualTo(ACCOUNT);
        assertThat(block.publicAccessBlockConfiguration().blockPublicAcls()).isTrue();
        assertThat(block.publicAccessBlockConfiguration().ignorePublicAcls()).isTrue();
        assertThat(block.publicAccessBlockConfiguration().blockPublicPolicy()).isTrue();
        assertThat(block.publicAccessBlockConfiguration().restrictPublicBuckets()).isTrue();
    }

    @Test
    void bucketPolicyIsTheTlsOnlyDocument() throws Exception {
        provision(ProvisionSettings.of(NAMES));

        PutBucketPolicyRequest policy = s3.recorder.of(PutBucketPolicyRequest.class).get(0);
        assertThat(policy.expectedBucketOwner()).isEqualTo(ACCOUNT);
        assertThat(PolicyJson.equivalent(BucketPolicy.document(NAMES), policy.policy())).isTrue();
        assertThat(policy.policy()).contains("\"aws:SecureTransport\":\"false\"").contains("\"Effect\":\"Deny\"");
    }

    @Test
    void defaultEncryptionIsSseS3WithoutAKey() throws Exception {
        provision(ProvisionSettings.of(NAMES));

        PutBucketEncryptionRequest encryption = s3.recorder.of(PutBucketEncryptionRequest.class).get(0);
        ServerSideEncryptionRule rule = encryption.serverSideEncryptionConfiguration().rules().get(0);
        assertThat(encryption.expectedBucketOwner()).isEqualTo(ACCOUNT);
        assertThat(rule.applyServerSideEncryptionByDefault().sseAlgorithm()).isEqualTo(ServerSideEncryption.AES256);
        assertThat(rule.applyServerSideEncryptionByDefault().kmsMasterKeyID()).isNull();
    }

    @Test
    void kmsKeyGivesSseKmsWithABucketKey() throws Exception {
        provision(new ProvisionSettings(NAMES, dev.trainctl.orchestrator.jobsecurity.JobSecurity.outputKey(Optional.of(KEY)),
                Optional.empty(), 3600));

        ServerSideEncryptionRule rule = s3.recorder.of(PutBucketEncryptionRequest.class).get(0)
                .serverSideEncryptionConfiguration().rules().get(0);
        assertThat(rule.applyServerSideEncryptionByDefault().sseAlgorithm()).isEqualTo(ServerSideEncryption.AWS_KMS);
        assertThat(rule.applyServerSideEncryptionByDefault().kmsMasterKeyID()).isEqualTo(KEY);
        assertThat(rule.bucketKeyEnabled()).isTrue();
    }

    @Test
    void tagsMarkTheBucketAsManagedForTheName() throws Exception {
        provision(ProvisionSettings.of(NAMES));

        PutBucketTaggingRequest tagging = s3.recorder.of(PutBucketTaggingRequest.class).get(0);
        assertThat(tagging.expectedBucketOwner()).isEqualTo(ACCOUNT);
        assertThat(tagging.tagging().tagSet()).extracting(t -> t.key() + "=" + t.value())
                .containsExactly("managed-by=trainctl", "trainctl:name=trainctl-mnist");
    }

    @Test
    void usEast1GetsNoLocationConstraintAndOtherRegionsDo() throws Exception {
        provision(ProvisionSettings.of(NAMES));
        CreateBucketRequest east = s3.recorder.of(CreateBucketRequest.class).get(0);
        assertThat(east.createBucketConfiguration()).isNull();
        assertThat(east.objectOwnership()).isEqualTo(ObjectOwnership.BUCKET_OWNER_ENFORCED);

        CreateBucketRequest west = BucketPlanner.createBucket(ResourceNames.of("aws", ACCOUNT, "eu-west-1", "n"));
        assertThat(west.createBucketConfiguration().locationConstraintAsString()).isEqualTo("eu-west-1");
    }

    @Test
    void everyBucketRequestCarriesTheExpectedOwner() throws Exception {
        provision(ProvisionSettings.of(NAMES));
        s3.objects.clear();
        new BucketPlanner(s3).plan(ProvisionSettings.of(NAMES), false);

        // CreateBucket has no ExpectedBucketOwner member; every other request must set it.
        s3.recorder.all().stream().filter(r -> !(r instanceof CreateBucketRequest)).forEach(r ->
                assertThat(r.getValueForField("ExpectedBucketOwner", String.class)).as(r.getClass().getSimpleName())
                        .contains(ACCOUNT));
    }

    @Test
    void ownershipChangedByHandIsRepaired() throws Exception {
        provision(ProvisionSettings.of(NAMES));
        s3.ownership = OwnershipControls.builder().rules(r -> r.objectOwnership(ObjectOwnership.OBJECT_WRITER)).build();
        s3.recorder.clear();

        PlanPart plan = new BucketPlanner(s3).plan(ProvisionSettings.of(NAMES), false);

        assertThat(plan.changes()).singleElement().satisfies(c -> {
            assertThat(c.diff()).containsExactly("- ObjectOwnership: ObjectWriter", "+ ObjectOwnership: BucketOwnerEnforced");
            PutBucketOwnershipControlsRequest request = (PutBucketOwnershipControlsRequest) c.request();
            assertThat(request.expectedBucketOwner()).isEqualTo(ACCOUNT);
            assertThat(request.ownershipControls().rules().get(0).objectOwnership())
                    .isEqualTo(ObjectOwnership.BUCKET_OWNER_ENFORCED);
        });
    }

    @Test
    void anEndpointThatAnswers501GivesAWarningNamingTheStepNotSilentSuccess() throws Exception {
        s3.notImplemented.addAll(List.of("PutPublicAccessBlock", "PutBucketPolicy"));

        ChangeExecutor.Outcome outcome = provision(ProvisionSettings.of(NAMES));

        assertThat(outcome.warnings()).hasSize(2);
        assertThat(outcome.warnings().get(0)).contains("PutPublicAccessBlock").contains("block all public access")
                .contains("HTTP 501");
        assertThat(outcome.warnings().get(1)).contains("PutBucketPolicy").contains("TLS");
        assertThat(outcome.applied()).extracting(c -> c.request().getClass().getSimpleName())
                .doesNotContain("PutPublicAccessBlockRequest", "PutBucketPolicyRequest");
    }
}
