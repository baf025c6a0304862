package dev.trainctl.orchestrator.jobsecurity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trainctl.orchestrator.fidelity.ApiModel;
import dev.trainctl.orchestrator.fidelity.ApiModelCheck;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.sagemaker.model.CreateTrainingJobRequest;
import software.amazon.awssdk.services.sagemaker.model.VpcConfig;

/** The job's VPC and keys as typed: AWS's limits and forms, checked here before any request exists. */
class JobSecurityTest {

    @RegisterExtension
    static final ApiModelCheck API = new ApiModelCheck();

    static final String KEY = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    @Test
    void theLimitsAreBotocoresAndBotocoreRefusesWhatJobVpcRefuses() {
        for (String operation : List.of("CreateTrainingJob", "CreateHyperParameterTuningJob")) {
            String vpc = operation.equals("CreateTrainingJob") ? "VpcConfig." : "TrainingJobDefinition.VpcConfig.";
            ApiModel.Member subnets = API.model().member("sagemaker", operation, vpc + "Subnets");
            ApiModel.Member groups = API.model().member("sagemaker", operation, vpc + "SecurityGroupIds");
            assertThat(List.of(subnets.min(), subnets.max(), groups.min(), groups.max())).as(operation)
                    .isEqualTo(List.of(Optional.of(1L), Optional.of((long) JobVpc.MAX_SUBNETS), Optional.of(1L),
                            Optional.of((long) JobVpc.MAX_SECURITY_GROUPS)));
        }
        String sixGroups = IntStream.range(0, 6).mapToObj(i -> "sg-0123456789abcdef" + i)
                .collect(Collectors.joining(","));
        assertThatThrownBy(() -> JobVpc.of(Optional.of("subnet-0123456789abcdef0"), Optional.of(sixGroups)))
                .hasMessageContaining("--security-group-ids takes 1 to 5 IDs (SageMaker's limit), got 6");
        String seventeen = IntStream.range(0, 17).mapToObj(i -> String.format("subnet-0123456789abcde%02x", i))
                .collect(Collectors.joining(","));
        assertThatThrownBy(() -> JobVpc.of(Optional.of(seventeen), Optional.of("sg-0123456789abcdef0")))
                .hasMessageContaining("--subnets takes 1 to 16 IDs");
        // The same request built past our check: AWS's model refuses it too, so the limits are AWS's, not ours.
        CreateTrainingJobRequest tooMany = CreateTrainingJobRequest.builder().vpcConfig(VpcConfig.builder()
                .subnets("subnet-0123456789abcdef0").securityGroupIds(Arrays.asList(sixGroups.split(","))).build())
                .build();
        assertThat(API.findings(tooMany)).anyMatch(f -> f.path().startsWith("VpcConfig.SecurityGroupIds"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"subnet-1", "sg-0123456789abcdef0", "subnet-0123456789ABCDEF0", "subnet-0123456789abcdefg",
        " ", ""})
    void aSubnetIdNotInEc2sFormIsRefusedNamingIt(String id) {
        assertThatThrownBy(() -> JobVpc.of(Optional.of(id), Optional.of("sg-0123456789abcdef0")))
                .hasMessageContaining("--subnets: '" + id.trim() + "' is not a subnet ID");
    }

    @Test
    void bothOrNeitherAndNoIdTwice() {
        assertThat(JobVpc.of(Optional.empty(), Optional.empty())).isEmpty();
        assertThatThrownBy(() -> JobVpc.of(Optional.empty(), Optional.of("sg-0123456789abcdef0")))
                .hasMessageContaining("give --subnets too");
        assertThatThrownBy(() -> JobVpc.of(Optional.of("subnet-01234567,subnet-01234567"),
                Optional.of("sg-01234567"))).hasMessageContaining("subnet-01234567 is given twice");
        assertThat(JobVpc.of(Optional.of(" subnet-01234567 , subnet-0123456789abcdef0"), Optional.of("sg-01234567"))
                .orElseThrow().subnets()).containsExactly("subnet-01234567", "subnet-0123456789abcdef0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1234abcd-12ab-34cd-56ef-1234567890ab", "alias/mine",
        "arn:aws:kms:eu-west-1:123456789012:alias/mine", "arn:aws:kms:eu-west-1:1234:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        "arn:aws:s3:::bucket"})
    void aKeyMustBeAKeyArn(String value) {
        assertThatThrownBy(() -> KmsKeyArn.parse("kms-key", value)).hasMessageStartingWith("--kms-key must be a KMS"
                + " key ARN");
    }

    @Test
    void aKeyArnGivesItsPartitionRegionAndAccountAndMultiRegionKeysAreKeys() {
        KmsKeyArn key = KmsKeyArn.parse("kms-key", KEY);
        assertThat(List.of(key.partition(), key.region(), key.account())).containsExactly("aws", "eu-west-1",
                "123456789012");
        assertThat(KmsKeyArn.parse("kms-key", "arn:aws-cn:kms:cn-north-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab")
                .region()).isEqualTo("cn-north-1");
    }

    /**
     * Every training instance type the SDK knows is either listed with local NVMe storage or known EBS-only: a new
     * family fails this test until someone looks it up, instead of being let through with a volume key by default.
     */
    @Test
    void everyTrainingInstanceFamilyIsKnownToHaveLocalStorageOrNot() {
        Set<String> ebsOnly = Set.of("t3", "m4", "m5", "m6i", "m7i", "c4", "c5", "c5n", "c6i", "c7i", "r5", "r7i",
                "p2", "p3");
        Set<String> unknown = new TreeSet<>();
        for (String type : dev.trainctl.orchestrator.trainingjob.InstanceTypes.known()) {
            String family = type.split("\\.")[1];
            if (!LocalStorageInstances.FAMILIES.contains(family) && !ebsOnly.contains(family)) {
                unknown.add(family);
            }
        }
        assertThat(unknown).isEmpty();
        assertThat(LocalStorageInstances.hasLocalStorage("ml.p4d.24xlarge")).isTrue();
        assertThat(LocalStorageInstances.hasLocalStorage("ml.p3.2xlarge")).isFalse();
        assertThat(LocalStorageInstances.hasLocalStorage("ml.p3dn.24xlarge")).isTrue();
    }

    @Test
    void aVolumeKeyIsRefusedOnlyOnLocalStorageAndAKeyOnlyOutsideTheRegion() {
        JobSecurity security = JobSecurity.of(Optional.empty(), Optional.empty(), Optional.of(KEY), Optional.of(KEY));
        security.checkFor("ml.m5.large", "eu-west-1");
        assertThatThrownBy(() -> security.checkFor("ml.trn1.2xlarge", "eu-west-1"))
                .hasMessageContaining("ml.trn1.2xlarge stores data on local NVMe instance storage");
        assertThatThrownBy(() -> security.checkRegion("us-east-1"))
                .hasMessageContaining("--kms-key " + KEY + " and --volume-kms-key " + KEY);
        assertThat(security.keys()).hasSize(1);
    }
}
