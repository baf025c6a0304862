package dev.trainctl.orchestrator.jobsecurity;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The private VPC a training job runs in: SageMaker's {@code VpcConfig}, the subnets and security groups its network
 * interfaces are created in. Validated against AWS's limits (botocore's model: 1 to 16 subnets, 1 to 5 security groups,
 * each ID at most 32 characters of {@code [-0-9a-zA-Z]}) and EC2's ID form ({@code subnet-} or {@code sg-} and 8 or 17
 * hexadecimal digits), so a typo is refused here and not by a paid job.
 */
public record JobVpc(List<String> subnets, List<String> securityGroupIds) {

    static final int MAX_SUBNETS = 16;
    static final int MAX_SECURITY_GROUPS = 5;

    public JobVpc {
        subnets = List.copyOf(subnets);
        securityGroupIds = List.copyOf(securityGroupIds);
        check("subnets", subnets, "subnet", MAX_SUBNETS);
        check("security-group-ids", securityGroupIds, "sg", MAX_SECURITY_GROUPS);
    }

    /**
     * The VPC from {@code --subnets} and {@code --security-group-ids} (comma-separated): both or neither, as SageMaker
     * requires both members of VpcConfig.
     */
    public static Optional<JobVpc> of(Optional<String> subnets, Optional<String> securityGroupIds) {
        if (subnets.isPresent() != securityGroupIds.isPresent()) {
            throw new IllegalArgumentException("--subnets and --security-group-ids go together (SageMaker's VpcConfig"
                    + " needs both): give " + (subnets.isPresent() ? "--security-group-ids" : "--subnets") + " too");
        }
        return subnets.map(s -> new JobVpc(list(s), list(securityGroupIds.orElseThrow())));
    }

    private static List<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",", -1)).map(String::trim).toList();
    }

    private static void check(String option, List<String> ids, String prefix, int max) {
        if (ids.isEmpty() || ids.size() > max) {
            throw new IllegalArgumentException("--" + option + " takes 1 to " + max + " IDs (SageMaker's limit), got "
                    + ids.size());
        }
        Set<String> seen = new HashSet<>();
        for (String id : ids) {
            if (!id.matches(prefix + "-([0-9a-f]{8}|[0-9a-f]{17})")) {
                throw new IllegalArgumentException("--" + option + ": '" + id + "' is not a " + (prefix.equals("sg")
                        ? "security group" : "subnet") + " ID (" + prefix + "- and 8 or 17 hexadecimal digits, e.g. "
                        + prefix + "-0123456789abcdef0); separate several with commas");
            }
            if (!seen.add(id)) {
                throw new IllegalArgumentException("--" + option + ": " + id + " is given twice");
            }
        }
    }

    /** The subnet's ARN in the job's account and region (what {@code ec2:Subnet} and resource statements name). */
    public String subnetArn(String partition, String region, String account, String subnet) {
        return "arn:" + partition + ":ec2:" + region + ":" + account + ":subnet/" + subnet;
    }

    public List<String> subnetArns(String partition, String region, String account) {
        return subnets.stream().map(s -> subnetArn(partition, region, account, s)).toList();
    }

    public List<String> securityGroupArns(String partition, String region, String account) {
        return securityGroupIds.stream()
                .map(g -> "arn:" + partition + ":ec2:" + region + ":" + account + ":security-group/" + g).toList();
    }

    /** Any network interface in the job's account and region: a new interface has no ID before it exists. */
    public static String networkInterfacesArn(String partition, String region, String account) {
        return "arn:" + partition + ":ec2:" + region + ":" + account + ":network-interface/*";
    }
}
