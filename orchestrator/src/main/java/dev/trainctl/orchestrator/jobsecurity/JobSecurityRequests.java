package dev.trainctl.orchestrator.jobsecurity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The requests a training job makes as its execution role because of its {@link JobSecurity}, in the order SageMaker
 * makes them: the VPC's network interfaces before the container starts (look up the network, create an interface in
 * a subnet with the security groups, let SageMaker attach it, and delete both at the end), the volume key's grant, and
 * the output key's use by S3 and SageMaker. Pure: builds requests, sends nothing.
 *
 * <p>Context keys follow the Service Authorization Reference: EC2 sets {@code ec2:Region} on every request and
 * {@code ec2:Subnet} on a network interface's; KMS sets {@code kms:CallerAccount} always, {@code kms:ViaService} when
 * a service calls it for the role (S3 for SSE-KMS), and {@code kms:GrantIsForAWSResource} when the grant is for an AWS
 * service's resource. Two values are trainctl's assumption, documented because AWS does not document them for
 * SageMaker: that SageMaker names itself as {@code ec2:AuthorizedService} when it asks for the interface permission,
 * and that its {@code kms:Encrypt} for the output key comes through {@code sagemaker.REGION.amazonaws.com}.
 */
public final class JobSecurityRequests {

    /** Stands for the network interface SageMaker creates: its ID is not known before it exists. */
    public static final String INTERFACE_ID = "eni-00000000000000000";

    static final String SAGEMAKER = "sagemaker.amazonaws.com";

    /** The EC2 List actions SageMaker calls to look up the VPC; AWS defines them on no resource type. */
    public static final List<String> DESCRIBE_ACTIONS = List.of("ec2:DescribeNetworkInterfaces", "ec2:DescribeVpcs",
            "ec2:DescribeDhcpOptions", "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups");

    private final String partition;
    private final String region;
    private final String account;

    /**
     * @param account the role's account, which owns the VPC and the job
     */
    public JobSecurityRequests(String partition, String region, String account) {
        this.partition = partition;
        this.region = region;
        this.account = account;
    }

    /** Every request, VPC first. */
    public List<JobRequest> all(JobSecurity security) {
        List<JobRequest> requests = new ArrayList<>();
        security.vpc().ifPresent(vpc -> requests.addAll(networkInterfaces(vpc)));
        security.volumeKey().ifPresent(key -> requests.add(volumeGrant(key)));
        security.outputKey().ifPresent(key -> requests.addAll(outputKey(key)));
        return requests;
    }

    /** What SageMaker does in the VPC as the role: look up, create, permit, then at the end delete. */
    public List<JobRequest> networkInterfaces(JobVpc vpc) {
        List<JobRequest> requests = new ArrayList<>();
        for (String action : DESCRIBE_ACTIONS) {
            requests.add(new JobRequest(action, "*", Map.of("ec2:Region", List.of(region)), "look up the job's VPC",
                    "DescribeTheJobNetwork"));
        }
        String interfaces = JobVpc.networkInterfacesArn(partition, region, account);
        requests.add(new JobRequest("ec2:CreateNetworkInterface", interfaces, ec2(), "create the job's network"
                + " interface", "CreateJobNetworkInterfaces"));
        for (String subnet : vpc.subnetArns(partition, region, account)) {
            requests.add(new JobRequest("ec2:CreateNetworkInterface", subnet, ec2(), "create it in subnet "
                    + subnet.substring(subnet.lastIndexOf('/') + 1), "CreateJobNetworkInterfaces"));
        }
        for (String group : vpc.securityGroupArns(partition, region, account)) {
            requests.add(new JobRequest("ec2:CreateNetworkInterface", group, ec2(), "with security group "
                    + group.substring(group.lastIndexOf('/') + 1), "CreateJobNetworkInterfaces"));
        }
        String created = interfaces.replace("/*", "/" + INTERFACE_ID);
        for (String subnet : vpc.subnetArns(partition, region, account)) {
            Map<String, List<String>> inSubnet = ec2();
            inSubnet.put("ec2:Subnet", List.of(subnet));
            Map<String, List<String>> permission = new LinkedHashMap<>(inSubnet);
            permission.put("ec2:AuthorizedService", List.of(SAGEMAKER));
            requests.add(new JobRequest("ec2:CreateNetworkInterfacePermission", created, permission,
                    "let SageMaker attach the interface", "LetSageMakerAttachJobNetworkInterfaces"));
            requests.add(new JobRequest("ec2:DeleteNetworkInterfacePermission", created, inSubnet,
                    "remove that permission when the job ends", "DeleteJobNetworkInterfaces"));
            requests.add(new JobRequest("ec2:DeleteNetworkInterface", created, inSubnet,
                    "delete the interface when the job ends", "DeleteJobNetworkInterfaces"));
        }
        return requests;
    }

    /** SageMaker has the volume's key granted to the EBS volume it creates for the job. */
    public JobRequest volumeGrant(KmsKeyArn key) {
        Map<String, List<String>> context = kms();
        context.put("kms:GrantIsForAWSResource", List.of("true"));
        return new JobRequest("kms:CreateGrant", key.arn(), context, "encrypt the job's storage volume with the"
                + " volume key", "UseTheVolumeKeyForTheJobsVolume");
    }

    /** S3 encrypts and decrypts the job's objects with the key for the role; SageMaker encrypts the output. */
    public List<JobRequest> outputKey(KmsKeyArn key) {
        return List.of(
                s3Kms("kms:Decrypt", key, "read SSE-KMS objects (the data, restored checkpoints)"),
                s3Kms("kms:GenerateDataKey", key, "write SSE-KMS objects (the model, checkpoints)"),
                new JobRequest("kms:Encrypt", key.arn(), via("sagemaker"), "encrypt the output with the output key",
                        "EncryptWithTheOutputKey"));
    }

    /** The KMS request S3 makes for the role when it reads ({@code decrypt}) or writes an SSE-KMS object. */
    public JobRequest s3Kms(String action, KmsKeyArn key, String purpose) {
        return new JobRequest(action, key.arn(), via("s3"), purpose, "UseTheBucketKmsKey");
    }

    /** {@code s3.REGION.amazonaws.com}: what {@code kms:ViaService} holds when S3 calls KMS in the region. */
    public String viaService(String service) {
        return viaService(service, partition, region);
    }

    public static String viaService(String service, String partition, String region) {
        return service + "." + region + ".amazonaws.com" + (partition.equals("aws-cn") ? ".cn" : "");
    }

    private Map<String, List<String>> via(String service) {
        Map<String, List<String>> context = kms();
        context.put("kms:ViaService", List.of(viaService(service)));
        return context;
    }

    private Map<String, List<String>> kms() {
        Map<String, List<String>> context = new LinkedHashMap<>();
        context.put("kms:CallerAccount", List.of(account));
        return context;
    }

    private Map<String, List<String>> ec2() {
        Map<String, List<String>> context = new LinkedHashMap<>();
        context.put("ec2:Region", List.of(region));
        return context;
    }
}
