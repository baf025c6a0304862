package dev.trainctl.orchestrator.aws;

/**
 * The constraints of AWS's API models on the request members that take a value the user typed, copied from the
 * models (botocore's service models, the same the AWS CLI validates with); {@code ModelConstraintsTest} compares every
 * field here with botocore's, so a copy cannot drift from its model.
 */
public final class ModelConstraints {

    private ModelConstraints() {}

    /** {@code --image}: at most 255 characters. */
    public static final ModelConstraint TRAINING_IMAGE = new ModelConstraint("sagemaker", "CreateTrainingJob",
            "AlgorithmSpecification.TrainingImage", 0, 255, ".*", "one line of text");

    /** {@code --role-arn} of a training or tuning job. */
    public static final ModelConstraint JOB_ROLE_ARN = new ModelConstraint("sagemaker", "CreateTrainingJob",
            "RoleArn", 20, 2048, "arn:aws[a-z\\-]*:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+",
            "an IAM role ARN arn:PARTITION:iam::ACCOUNT:role/NAME whose path and name use only letters, digits and"
                    + " + = , . @ - _ /");

    /** An S3 location of a job (its data, output, checkpoints), as {@code role check --prefix} makes them. */
    public static final ModelConstraint JOB_S3_URI = new ModelConstraint("sagemaker", "CreateTrainingJob",
            "CheckpointConfig.S3Uri", 0, 1024, "(https|s3)://([^/]+)/?(.*)", "an s3:// URI on one line");

    /** {@code role check --repository}: an ECR repository's name. */
    public static final ModelConstraint REPOSITORY_NAME = new ModelConstraint("ecr", "DescribeRepositories",
            "repositoryNames[]", 2, 256, "[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(\\/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*",
            "lower-case letters and digits, separated by single '.', '_', '__', '-' runs or '/'");

    /** {@code jobs list --name}. */
    public static final ModelConstraint TRAINING_JOB_NAME_CONTAINS = new ModelConstraint("sagemaker",
            "ListTrainingJobs", "NameContains", 0, 63, "[a-zA-Z0-9\\-]+", "letters, digits and hyphens only");

    /** {@code tune list --name}, which looks for {@code NAME-}. */
    public static final ModelConstraint TUNING_JOB_NAME_CONTAINS = new ModelConstraint("sagemaker",
            "ListHyperParameterTuningJobs", "NameContains", 0, 63, "[a-zA-Z0-9\\-]+",
            "letters, digits and hyphens only");

    /** A value of a tuning range as the request carries it: the ends of a range, each value of a list. */
    public static final ModelConstraint TUNING_PARAMETER_VALUE = new ModelConstraint("sagemaker",
            "CreateHyperParameterTuningJob",
            "HyperParameterTuningJobConfig.ParameterRanges.CategoricalParameterRanges[].Values[]", 0, 256, ".*",
            "one line of text");

    /** How many values a list ({@code --hidden-size 64,128,256}) may have. */
    public static final int TUNING_CATEGORICAL_VALUES_MAX = 30;

    /** {@code provision --kms-key}, as the repository's encryption key (also the bucket's and the role's). */
    public static final ModelConstraint KMS_KEY = new ModelConstraint("ecr", "CreateRepository",
            "encryptionConfiguration.kmsKey", 1, 2048, ModelConstraint.ANY, "any text");

    /** {@code provision --permissions-boundary}. */
    public static final ModelConstraint PERMISSIONS_BOUNDARY = new ModelConstraint("iam", "CreateRole",
            "PermissionsBoundary", 20, 2048, ModelConstraint.ANY, "any text");

    /** {@code provision --notify}. */
    public static final ModelConstraint BUDGET_EMAIL = new ModelConstraint("budgets", "CreateBudget",
            "NotificationsWithSubscribers[].Subscribers[].Address", 1, Integer.MAX_VALUE, "(.*[\\n\\r\\t\\f\\ ]?)*",
            "any text");

    /** {@code provision --budget}: a plain decimal, as the Budgets API takes it (never {@code 2E+1}). */
    public static final ModelConstraint BUDGET_AMOUNT = new ModelConstraint("budgets", "CreateBudget",
            "Budget.BudgetLimit.Amount", 1, Integer.MAX_VALUE, "([0-9]*\\.)?[0-9]+", "a plain decimal number");

    /** {@code --subnets}: each subnet ID of the job's VpcConfig (JobVpc also requires EC2's subnet-HEX form). */
    public static final ModelConstraint VPC_SUBNET = new ModelConstraint("sagemaker", "CreateTrainingJob",
            "VpcConfig.Subnets[]", 0, 32, "[-0-9a-zA-Z]+", "letters, digits and hyphens only");

    /** {@code --security-group-ids}: each security group ID of the job's VpcConfig. */
    public static final ModelConstraint VPC_SECURITY_GROUP = new ModelConstraint("sagemaker", "CreateTrainingJob",
            "VpcConfig.SecurityGroupIds[]", 0, 32, "[-0-9a-zA-Z]+", "letters, digits and hyphens only");

    /** {@code --kms-key} of a job: its OutputDataConfig.KmsKeyId (KmsKeyArn also requires a key ARN). */
    public static final ModelConstraint OUTPUT_KMS_KEY = new ModelConstraint("sagemaker", "CreateTrainingJob",
            "OutputDataConfig.KmsKeyId", 0, 2048, "[a-zA-Z0-9:/_-]*", "letters, digits and : / _ - only");

    /** {@code --volume-kms-key}: the job's ResourceConfig.VolumeKmsKeyId. */
    public static final ModelConstraint VOLUME_KMS_KEY = new ModelConstraint("sagemaker", "CreateTrainingJob",
            "ResourceConfig.VolumeKmsKeyId", 0, 2048, "[a-zA-Z0-9:/_-]*", "letters, digits and : / _ - only");
}
