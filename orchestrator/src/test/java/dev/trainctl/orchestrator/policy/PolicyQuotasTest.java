package dev.trainctl.orchestrator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainctl.orchestrator.aws.AwsClients;
import dev.trainctl.orchestrator.jobsecurity.JobSecurity;
import dev.trainctl.orchestrator.names.ResourceNames;
import dev.trainctl.orchestrator.policy.PolicyQuotas.Delivery;
import dev.trainctl.orchestrator.policy.PolicyQuotas.Sized;
import dev.trainctl.orchestrator.trainingjob.InstanceTypes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/**
 * Every document trainctl writes or prints fits IAM's quota for how it is delivered, at the option extremes: the
 * longest name, the region whose partition and name make the longest ARNs, a 63-character bucket, the most subnets
 * and security groups AWS allows, both keys, every training instance type. Where a document cannot fit (the boundary
 * with a large VPC), {@code provision} refuses it (ProvisionCommandTest).
 */
class PolicyQuotasTest {

    private static final String LONGEST_NAME = "a".repeat(ResourceNames.MAX_NAME_LENGTH);
    private static final String ACCOUNT = "111122223333";

    /** The region with the longest partition + region id: the longest ARNs (aws-us-gov, us-gov-east-1). */
    private static final Region LONGEST = Region.regions().stream().filter(r -> r.id().matches("[a-z]{2}(-[a-z]+)+-\\d+"))
            .max(Comparator.comparingInt(r -> r.id().length() + AwsClients.partitionOf(r).length())).orElseThrow();

    private static ResourceNames names() {
        return ResourceNames.of(AwsClients.partitionOf(LONGEST), ACCOUNT, LONGEST.id(), LONGEST_NAME)
                .withBucket("b".repeat(63));
    }

    private static JobSecurity security(int subnets, int groups) {
        ResourceNames names = names();
        String key = "arn:" + names.partition() + ":kms:" + names.region() + ":" + ACCOUNT
                + ":key/1234abcd-12ab-34cd-56ef-1234567890a";
        return JobSecurity.of(Optional.of(ids("subnet-0123456789abcdef", subnets)),
                Optional.of(ids("sg-0123456789abcdef", groups)), Optional.of(key + "b"), Optional.of(key + "c"));
    }

    private static String ids(String prefix, int count) {
        return String.join(",", IntStream.range(0, count).mapToObj(i -> prefix + Integer.toHexString(i)).toList());
    }

    private static void assertFits(List<Sized> documents) {
        for (Sized document : documents) {
            assertThat(document.fits()).as("%s (%s characters, limit %s)", document.document(), document.size(),
                    document.delivery().limit()).isTrue();
        }
    }

    @Test
    void callerDocumentsEachFitAManagedPolicyAtEveryExtreme() {
        CallerPolicy.Options options = new CallerPolicy.Options(new ArrayList<>(InstanceTypes.known()), 28 * 24 * 3600,
                security(16, 5));
        List<Sized> caller = PolicyQuotas.caller(names(), options);
        assertThat(caller).hasSize(3).allMatch(d -> d.delivery() == Delivery.MANAGED_POLICY);
        assertFits(caller);
    }

    @Test
    void rolesTrustsAndInlinePoliciesFitAtEveryExtreme() {
        assertFits(PolicyQuotas.provisioned(names(), security(16, 5), false));
    }

    @Test
    void theBoundaryFitsAManagedPolicyWithBothKeysAndAOneSubnetVpcAtTheOtherExtremes() {
        assertFits(PolicyQuotas.provisioned(names(), security(1, 5), true));
        assertFits(PolicyQuotas.provisioned(names(), JobSecurity.of(Optional.empty(), Optional.empty(),
                security(1, 1).outputKey().map(Object::toString), security(1, 1).volumeKey().map(Object::toString)),
                true));
    }

    @Test
    void theBoundaryWithTheLargestVpcIsOverTheQuotaAndSaysSo() {
        Optional<String> problem = PolicyQuotas.firstProblem(PolicyQuotas.provisioned(names(), security(16, 5), true));
        assertThat(problem).hasValueSatisfying(p -> assertThat(p).contains("permissions boundary")
                .contains("over IAM's 6144 for a managed policy"));
    }

    @Test
    void theOtherPoliciesForWhoeverRunsTrainctlFitAManagedPolicy() {
        ResourceNames names = names();
        String role = "arn:" + names.partition() + ":iam::" + ACCOUNT + ":role/" + "r".repeat(64);
        assertFits(List.of(
                PolicyQuotas.sized("provisioner", Delivery.MANAGED_POLICY, ProvisionerPolicy.document(names,
                        "arn:" + names.partition() + ":iam::" + ACCOUNT + ":policy/" + "p".repeat(128))),
                PolicyQuotas.sized("rolecheck", Delivery.MANAGED_POLICY, RoleCheckPolicy.document(names,
                        Optional.of(role))),
                PolicyQuotas.sized("account", Delivery.MANAGED_POLICY, AccountCheckPolicy.document(names))));
    }
}
