package dev.trainctl.orchestrator.aws;

import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.TrainctlException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.budgets.BudgetsClient;
import software.amazon.awssdk.services.budgets.model.CreateBudgetRequest;
import software.amazon.awssdk.services.budgets.model.DeleteBudgetRequest;
import software.amazon.awssdk.services.budgets.model.UpdateBudgetRequest;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.CreateRepositoryRequest;
import software.amazon.awssdk.services.ecr.model.DeleteRepositoryRequest;
import software.amazon.awssdk.services.ecr.model.PutImageScanningConfigurationRequest;
import software.amazon.awssdk.services.ecr.model.PutImageTagMutabilityRequest;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.CreatePolicyRequest;
import software.amazon.awssdk.services.iam.model.CreatePolicyVersionRequest;
import software.amazon.awssdk.services.iam.model.CreateRoleRequest;
import software.amazon.awssdk.services.iam.model.DeletePolicyVersionRequest;
import software.amazon.awssdk.services.iam.model.DeleteRolePermissionsBoundaryRequest;
import software.amazon.awssdk.services.iam.model.DeleteRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.DeleteRoleRequest;
import software.amazon.awssdk.services.iam.model.DetachRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.PutRolePermissionsBoundaryRequest;
import software.amazon.awssdk.services.iam.model.PutRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.TagRoleRequest;
import software.amazon.awssdk.services.iam.model.UpdateAssumeRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.UpdateRoleRequest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.DeleteBucketRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.PutBucketEncryptionRequest;
import software.amazon.awssdk.services.s3.model.PutBucketOwnershipControlsRequest;
import software.amazon.awssdk.services.s3.model.PutBucketPolicyRequest;
import software.amazon.awssdk.services.s3.model.PutBucketTaggingRequest;
import software.amazon.awssdk.services.s3.model.PutPublicAccessBlockRequest;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DeleteEndpointConfigRequest;
import software.amazon.awssdk.services.sagemaker.model.DeleteEndpointRequest;
import software.amazon.awssdk.services.sagemaker.model.DeleteModelRequest;

/**
 * The thin layer that sends a plan's {@link Change}s, in order, with the clients it was given. A new role is waited
 * for ({@link RoleReadiness}) before the next change. A bucket hardening step that an S3-compatible endpoint does not
 * implement (HTTP 501) becomes a warning naming the step, never a silent success; any other failure stops the run.
 */
public final class ChangeExecutor {

    /** S3 operations that harden a bucket; an endpoint that lacks one is warned about, not failed on. */
    private static final Set<Class<?>> HARDENING = Set.of(PutPublicAccessBlockRequest.class,
            PutBucketEncryptionRequest.class, PutBucketOwnershipControlsRequest.class, PutBucketPolicyRequest.class,
            PutBucketTaggingRequest.class);

    private final IamClient iam;
    private final S3Client s3;
    private final EcrClient ecr;
    private final RoleReadiness readiness;
    private final BudgetsClient budgets;
    private SageMakerClient sageMaker;

    /** Any client may be null if the plan has no change for its service. */
    public ChangeExecutor(IamClient iam, S3Client s3, EcrClient ecr, RoleReadiness readiness) {
        this(iam, s3, ecr, readiness, null);
    }

    /** The same, for plans that also create or delete the cost budget. */
    public ChangeExecutor(IamClient iam, S3Client s3, EcrClient ecr, RoleReadiness readiness, BudgetsClient budgets) {
        this.iam = iam;
        this.s3 = s3;
        this.ecr = ecr;
        this.readiness = readiness;
        this.budgets = budgets;
    }

    /** For plans that delete endpoints, endpoint configs and models ({@code undeploy}, {@code teardown}). */
    public ChangeExecutor with(SageMakerClient client) {
        this.sageMaker = client;
        return this;
    }

    /** What happened: the changes applied and the warnings (skipped hardening steps). */
    public record Outcome(List<Change> applied, List<String> warnings) {
        public Outcome {
            applied = List.copyOf(applied);
            warnings = List.copyOf(warnings);
        }
    }

    /** Sends every change; {@code progress} hears of each one before it is sent. */
    public Outcome execute(List<Change> changes, Consumer<Change> progress) throws InterruptedException {
        List<Change> applied = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (Change change : changes) {
            progress.accept(change);
            try {
                send(change.request());
                applied.add(change);
            } catch (SdkException e) {
                if (HARDENING.contains(change.request().getClass()) && AwsErrors.isNotImplemented(e)) {
                    warnings.add("WARNING: the S3 endpoint does not implement " + AwsActions.operation(change.request())
                            + " (HTTP 501): hardening step skipped: " + change.summary()
                            + ". On AWS this step is applied; this endpoint leaves the bucket without it.");
                    continue;
                }
                throw AwsErrors.translate(e, change.action(), change.resource());
            }
            if (change.request() instanceof CreateRoleRequest create) {
                readiness.await(create.roleName());
            }
        }
        return new Outcome(applied, warnings);
    }

    private void send(SdkRequest request) {
        // IAM
        if (request instanceof CreateRoleRequest r) {
            iam.createRole(r);
        } else if (request instanceof PutRolePolicyRequest r) {
            iam.putRolePolicy(r);
        } else if (request instanceof UpdateAssumeRolePolicyRequest r) {
            iam.updateAssumeRolePolicy(r);
        } else if (request instanceof UpdateRoleRequest r) {
            iam.updateRole(r);
        } else if (request instanceof TagRoleRequest r) {
            iam.tagRole(r);
        } else if (request instanceof PutRolePermissionsBoundaryRequest r) {
            iam.putRolePermissionsBoundary(r);
        } else if (request instanceof DeleteRolePermissionsBoundaryRequest r) {
            iam.deleteRolePermissionsBoundary(r);
        } else if (request instanceof DeleteRolePolicyRequest r) {
            iam.deleteRolePolicy(r);
        } else if (request instanceof DetachRolePolicyRequest r) {
            iam.detachRolePolicy(r);
        } else if (request instanceof DeleteRoleRequest r) {
            iam.deleteRole(r);
        } else if (request instanceof CreatePolicyRequest r) {
            iam.createPolicy(r);
        } else if (request instanceof CreatePolicyVersionRequest r) {
            iam.createPolicyVersion(r);
        } else if (request instanceof DeletePolicyVersionRequest r) {
            iam.deletePolicyVersion(r);
        // S3
        } else if (request instanceof CreateBucketRequest r) {
            createBucket(r);
        } else if (request instanceof PutPublicAccessBlockRequest r) {
            s3.putPublicAccessBlock(r);
        } else if (request instanceof PutBucketEncryptionRequest r) {
            s3.putBucketEncryption(r);
        } else if (request instanceof PutBucketOwnershipControlsRequest r) {
            s3.putBucketOwnershipControls(r);
        } else if (request instanceof PutBucketPolicyRequest r) {
            s3.putBucketPolicy(r);
        } else if (request instanceof PutBucketTaggingRequest r) {
            s3.putBucketTagging(r);
        } else if (request instanceof DeleteObjectsRequest r) {
            deleteObjects(r);
        } else if (request instanceof DeleteBucketRequest r) {
            s3.deleteBucket(r);
        // ECR
        } else if (request instanceof CreateRepositoryRequest r) {
            ecr.createRepository(r);
        } else if (request instanceof PutImageScanningConfigurationRequest r) {
            ecr.putImageScanningConfiguration(r);
        } else if (request instanceof PutImageTagMutabilityRequest r) {
            ecr.putImageTagMutability(r);
        } else if (request instanceof software.amazon.awssdk.services.ecr.model.TagResourceRequest r) {
            ecr.tagResource(r);
        } else if (request instanceof DeleteRepositoryRequest r) {
            ecr.deleteRepository(r);
        // SageMaker
        } else if (request instanceof DeleteEndpointRequest r) {
            sageMaker.deleteEndpoint(r);
        } else if (request instanceof DeleteEndpointConfigRequest r) {
            sageMaker.deleteEndpointConfig(r);
        } else if (request instanceof DeleteModelRequest r) {
            sageMaker.deleteModel(r);
        // Budgets
        } else if (request instanceof CreateBudgetRequest r) {
            budgets.createBudget(r);
        } else if (request instanceof UpdateBudgetRequest r) {
            budgets.updateBudget(r);
        } else if (request instanceof DeleteBudgetRequest r) {
            budgets.deleteBudget(r);
        } else {
            throw new IllegalArgumentException("no sender for " + request.getClass().getSimpleName());
        }
    }

    private void createBucket(CreateBucketRequest request) {
        try {
            s3.createBucket(request);
        } catch (AwsServiceException e) {
            // Someone created it in this account between plan and act: it is ours, carry on.
            if (!AwsErrors.errorCode(e).equals("BucketAlreadyOwnedByYou")) {
                throw e;
            }
        }
    }

    /** DeleteObjects answers 200 even when some keys fail; those are errors too. */
    private void deleteObjects(DeleteObjectsRequest request) {
        DeleteObjectsResponse response = s3.deleteObjects(request);
        if (response.hasErrors() && !response.errors().isEmpty()) {
            var first = response.errors().get(0);
            throw new TrainctlException(first.code() != null && first.code().contains("AccessDenied")
                    ? ExitCode.AWS_ACCESS_DENIED : ExitCode.FAILURE, "could not delete " + response.errors().size()
                    + " object(s) from " + request.bucket() + ", first " + first.key() + ": " + first.code() + " "
                    + first.message());
        }
    }
}
