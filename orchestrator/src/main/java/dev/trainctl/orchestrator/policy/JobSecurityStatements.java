package dev.trainctl.orchestrator.policy;

import dev.trainctl.orchestrator.jobsecurity.JobSecurity;
import dev.trainctl.orchestrator.jobsecurity.JobSecurityRequests;
import dev.trainctl.orchestrator.jobsecurity.JobVpc;
import dev.trainctl.orchestrator.jobsecurity.KmsKeyArn;
import dev.trainctl.orchestrator.names.ResourceNames;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.policybuilder.iam.IamCondition;
import software.amazon.awssdk.policybuilder.iam.IamConditionOperator;
import software.amazon.awssdk.policybuilder.iam.IamEffect;
import software.amazon.awssdk.policybuilder.iam.IamStatement;

/**
 * The statements a private VPC and customer managed keys ({@link JobSecurity}) add to the execution role and the
 * caller: exactly what the job's configuration needs, each scoped as far as the Service Authorization Reference
 * allows. Without a VPC or key there are none, so the role has no ec2 and no kms statement.
 *
 * <p>What could be scoped and what could not, and why (the Service Authorization Reference, "Amazon EC2" and "AWS Key
 * Management Service"):
 * <ul>
 * <li>ec2:CreateNetworkInterface authorizes three resource types: network-interface (new, so no ID: only
 *     {@code network-interface/*} of the region and account), subnet and security-group (the given ones' ARNs).</li>
 * <li>ec2:CreateNetworkInterfacePermission, DeleteNetworkInterfacePermission and DeleteNetworkInterface: the
 *     interfaces of the region and account, and {@code ec2:Subnet} (an ARN) in the given subnets, so only the job's
 *     interfaces. CreateNetworkInterfacePermission also {@code ec2:AuthorizedService} = SageMaker, with StringEquals
 *     (not IfExists): a permission granted to an AWS account carries no AuthorizedService and must not pass.</li>
 * <li>ec2:Describe* (five List actions) have no resource type: {@code "*"} is the only valid Resource; the
 *     {@code ec2:Region} key keeps them to the job's region.</li>
 * <li>kms:Decrypt and kms:GenerateDataKey on the key's ARN, only through S3 in the region ({@code kms:ViaService}),
 *     which is how SSE-KMS calls them; kms:Encrypt on the key's ARN, only through S3 or SageMaker in the region
 *     (StringEquals, not IfExists: a direct call carries no ViaService and must not pass; SageMaker's
 *     OutputDataConfig.KmsKeyId asks the role for kms:Encrypt, used by SageMaker or by S3 for it);
 *     kms:CreateGrant on the volume key's ARN, only for an AWS resource ({@code kms:GrantIsForAWSResource}): a grant
 *     for the job's EBS volume, never one for a principal.</li>
 * </ul>
 */
public final class JobSecurityStatements {

    private JobSecurityStatements() {}

    /** The execution role's statements: ec2 for the VPC, kms for the keys; none without them. */
    public static List<IamStatement> forRole(ResourceNames names, JobSecurity security) {
        List<IamStatement> statements = new ArrayList<>();
        security.outputKey().ifPresent(key -> {
            statements.add(bucketKey(names, key));
            statements.add(IamStatement.builder().sid("EncryptWithTheOutputKey").effect(IamEffect.ALLOW)
                    .addAction("kms:Encrypt")
                    .addResource(key.arn())
                    .addConditions(IamConditionOperator.STRING_EQUALS, "kms:ViaService",
                            List.of(via(names, "s3"), via(names, "sagemaker")))
                    .build());
        });
        security.volumeKey().ifPresent(key -> statements.add(IamStatement.builder()
                .sid("UseTheVolumeKeyForTheJobsVolume").effect(IamEffect.ALLOW)
                .addAction("kms:CreateGrant")
                .addResource(key.arn())
                .addCondition(IamConditionOperator.BOOL, "kms:GrantIsForAWSResource", "true")
                .build()));
        security.vpc().ifPresent(vpc -> statements.addAll(networkInterfaces(names, vpc)));
        return statements;
    }

    private static List<IamStatement> networkInterfaces(ResourceNames names, JobVpc vpc) {
        String p = names.partition();
        String interfaces = JobVpc.networkInterfacesArn(p, names.region(), names.account());
        List<String> subnets = vpc.subnetArns(p, names.region(), names.account());
        List<String> created = new ArrayList<>(List.of(interfaces));
        created.addAll(subnets);
        created.addAll(vpc.securityGroupArns(p, names.region(), names.account()));
        return List.of(
                IamStatement.builder().sid("CreateJobNetworkInterfaces").effect(IamEffect.ALLOW)
                        .addAction("ec2:CreateNetworkInterface")
                        .resourceIds(created)
                        .build(),
                IamStatement.builder().sid("LetSageMakerAttachJobNetworkInterfaces").effect(IamEffect.ALLOW)
                        .addAction("ec2:CreateNetworkInterfacePermission")
                        .addResource(interfaces)
                        .addConditions(IamConditionOperator.ARN_EQUALS, "ec2:Subnet", subnets)
                        .addCondition(IamConditionOperator.STRING_EQUALS, "ec2:AuthorizedService",
                                ResourceNames.SAGEMAKER_SERVICE)
                        .build(),
                IamStatement.builder().sid("DeleteJobNetworkInterfaces").effect(IamEffect.ALLOW)
                        .actionIds(List.of("ec2:DeleteNetworkInterface", "ec2:DeleteNetworkInterfacePermission"))
                        .addResource(interfaces)
                        .addConditions(IamConditionOperator.ARN_EQUALS, "ec2:Subnet", subnets)
                        .build(),
                IamStatement.builder().sid("DescribeTheJobNetwork").effect(IamEffect.ALLOW)
                        // AWS defines these List actions on no resource type: "*" is the only valid value.
                        .actionIds(JobSecurityRequests.DESCRIBE_ACTIONS)
                        .addResource("*")
                        .addCondition(IamConditionOperator.STRING_EQUALS, "ec2:Region", names.region())
                        .build());
    }

    /**
     * Decrypt and generate data keys with the bucket's key, only through S3 in the region: SSE-KMS is S3 calling KMS
     * for the principal ({@code kms:ViaService}). The role and the caller both have it.
     */
    static IamStatement bucketKey(ResourceNames names, KmsKeyArn key) {
        return IamStatement.builder().sid("UseTheBucketKmsKey").effect(IamEffect.ALLOW)
                .actionIds(List.of("kms:Decrypt", "kms:GenerateDataKey"))
                .addResource(key.arn())
                .addCondition(IamConditionOperator.STRING_EQUALS, "kms:ViaService", via(names, "s3"))
                .build();
    }

    /**
     * What the caller's Start*WithinGuardrails statements add: every job must run in exactly these subnets and
     * security groups, and use exactly these keys. VpcSubnets and VpcSecurityGroupIds are multivalued: ForAllValues
     * limits every value to the list but is also true when the key is absent, so Null = false requires it (AWS's
     * "Restrict Training to a Specific VPC" example does both). OutputKmsKey and VolumeKmsKey are single ARNs: ArnEquals
     * is already false without the key; Null = false says so explicitly.
     */
    static List<IamCondition> callerGuardrails(JobSecurity security) {
        List<IamCondition> conditions = new ArrayList<>();
        IamConditionOperator forAll = IamConditionOperator.STRING_EQUALS.addPrefix("ForAllValues:");
        security.vpc().ifPresent(vpc -> {
            vpc.subnets().forEach(s -> conditions.add(IamCondition.create(forAll, "sagemaker:VpcSubnets", s)));
            vpc.securityGroupIds().forEach(g -> conditions.add(IamCondition.create(forAll,
                    "sagemaker:VpcSecurityGroupIds", g)));
            conditions.add(IamCondition.create(IamConditionOperator.NULL, "sagemaker:VpcSubnets", "false"));
            conditions.add(IamCondition.create(IamConditionOperator.NULL, "sagemaker:VpcSecurityGroupIds", "false"));
        });
        security.outputKey().ifPresent(key -> {
            conditions.add(IamCondition.create(IamConditionOperator.ARN_EQUALS, "sagemaker:OutputKmsKey", key.arn()));
            conditions.add(IamCondition.create(IamConditionOperator.NULL, "sagemaker:OutputKmsKey", "false"));
        });
        security.volumeKey().ifPresent(key -> {
            conditions.add(IamCondition.create(IamConditionOperator.ARN_EQUALS, "sagemaker:VolumeKmsKey", key.arn()));
            conditions.add(IamCondition.create(IamConditionOperator.NULL, "sagemaker:VolumeKmsKey", "false"));
        });
        return conditions;
    }

    private static String via(ResourceNames names, String service) {
        return JobSecurityRequests.viaService(service, names.partition(), names.region());
    }
}
