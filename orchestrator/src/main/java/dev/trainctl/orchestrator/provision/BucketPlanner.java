package dev.trainctl.orchestrator.provision;

import dev.trainctl.orchestrator.aws.AwsErrors;
import dev.trainctl.orchestrator.aws.Change;
import dev.trainctl.orchestrator.aws.Change.Kind;
import dev.trainctl.orchestrator.aws.TextDiff;
import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.TrainctlException;
import dev.trainctl.orchestrator.policy.BucketPolicy;
import dev.trainctl.orchestrator.roles.PolicyJson;
import dev.trainctl.orchestrator.names.ResourceNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.CreateBucketConfiguration;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.GetBucketEncryptionRequest;
import software.amazon.awssdk.services.s3.model.GetBucketOwnershipControlsRequest;
import software.amazon.awssdk.services.s3.model.GetBucketPolicyRequest;
import software.amazon.awssdk.services.s3.model.GetBucketTaggingRequest;
import software.amazon.awssdk.services.s3.model.GetPublicAccessBlockRequest;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.HeadBucketResponse;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;
import software.amazon.awssdk.services.s3.model.OwnershipControls;
import software.amazon.awssdk.services.s3.model.OwnershipControlsRule;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3.model.PutBucketEncryptionRequest;
import software.amazon.awssdk.services.s3.model.PutBucketOwnershipControlsRequest;
import software.amazon.awssdk.services.s3.model.PutBucketPolicyRequest;
import software.amazon.awssdk.services.s3.model.PutBucketTaggingRequest;
import software.amazon.awssdk.services.s3.model.PutPublicAccessBlockRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionByDefault;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionConfiguration;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.Tagging;

/**
 * Plans the bucket: region-correct creation, then each hardening step (public access block, default encryption,
 * bucket-owner-enforced ownership, TLS-only policy, tags). Every request carries {@code ExpectedBucketOwner}, so a
 * bucket of the same name in another account is never read or changed; such a bucket is an error.
 */
public final class BucketPlanner {

    /** The US East (N. Virginia) region rejects a LocationConstraint naming itself. */
    static final String US_EAST_1 = "us-east-1";

    private final S3Client s3;

    public BucketPlanner(S3Client s3) {
        this.s3 = s3;
    }

    public PlanPart plan(ProvisionSettings settings, boolean assumeAbsent) {
        ResourceNames names = settings.names();
        String resource = "bucket " + names.bucket();
        List<Change> changes = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (assumeAbsent || !exists(names)) {
            changes.add(new Change(resource, Kind.CREATE, "create the bucket in " + names.region()
                    + " with bucket-owner-enforced object ownership (ACLs off)", createBucket(names)));
            changes.add(new Change(resource, Kind.CREATE, BLOCK_PUBLIC, publicAccessBlock(names)));
            changes.add(new Change(resource, Kind.CREATE, encryptionStep(settings), encryption(settings)));
            changes.add(new Change(resource, Kind.CREATE, TLS_ONLY, bucketPolicy(names)));
            changes.add(new Change(resource, Kind.CREATE, tagStep(names), tagging(names, Map.of())));
            return new PlanPart(changes, notes);
        }

        Reading<Map<String, String>> tags = read(names, "s3:GetBucketTagging", () -> tagsOf(names));
        Optional<String> otherOwner = Optional.empty();
        if (!tags.supported()) {
            notes.add(unsupported("GetBucketTagging", tagStep(names)));
        } else {
            Map<String, String> current = tags.value() == null ? Map.of() : tags.value();
            switch (ManagedTags.owner(current, names)) {
                case THIS_NAME -> { }
                case OTHER_NAME -> otherOwner = Optional.of(ManagedTags.name(current).orElse("?"));
                case NOT_TRAINCTL -> changes.add(new Change(resource, Kind.UPDATE, tagStep(names),
                        tagging(names, current), List.of("+ tag managed-by=trainctl", "+ tag trainctl:name="
                                + names.name())));
            }
        }

        Reading<PublicAccessBlockConfiguration> block = read(names, "s3:GetBucketPublicAccessBlock",
                () -> s3.getPublicAccessBlock(GetPublicAccessBlockRequest.builder().bucket(names.bucket())
                        .expectedBucketOwner(names.account()).build()).publicAccessBlockConfiguration());
        if (!block.supported()) {
            notes.add(unsupported("GetPublicAccessBlock", BLOCK_PUBLIC));
        } else if (!blockAll().equals(block.value())) {
            changes.add(new Change(resource, Kind.UPDATE, "repair: " + BLOCK_PUBLIC, publicAccessBlock(names),
                    TextDiff.value("PublicAccessBlock", describe(block.value()), describe(blockAll()))));
        }

        ServerSideEncryptionConfiguration wantedEncryption = encryptionConfiguration(settings);
        Reading<ServerSideEncryptionConfiguration> encryption = read(names, "s3:GetEncryptionConfiguration",
                () -> s3.getBucketEncryption(GetBucketEncryptionRequest.builder().bucket(names.bucket())
                        .expectedBucketOwner(names.account()).build()).serverSideEncryptionConfiguration());
        if (!encryption.supported()) {
            notes.add(unsupported("GetBucketEncryption", encryptionStep(settings)));
        } else if (!describe(wantedEncryption).equals(describe(encryption.value()))) {
            changes.add(new Change(resource, Kind.UPDATE, "repair: " + encryptionStep(settings), encryption(settings),
                    TextDiff.value("DefaultEncryption", describe(encryption.value()), describe(wantedEncryption))));
        }

        Reading<OwnershipControls> ownership = read(names, "s3:GetBucketOwnershipControls",
                () -> s3.getBucketOwnershipControls(GetBucketOwnershipControlsRequest.builder().bucket(names.bucket())
                        .expectedBucketOwner(names.account()).build()).ownershipControls());
        if (!ownership.supported()) {
            notes.add(unsupported("GetBucketOwnershipControls", OWNER_ENFORCED));
        } else {
            String current = ownership.value() == null || ownership.value().rules().isEmpty() ? "(none)"
                    : ownership.value().rules().get(0).objectOwnershipAsString();
            if (!ObjectOwnership.BUCKET_OWNER_ENFORCED.toString().equals(current)) {
                changes.add(new Change(resource, Kind.UPDATE, "repair: " + OWNER_ENFORCED, ownershipControls(names),
                        TextDiff.value("ObjectOwnership", current, ObjectOwnership.BUCKET_OWNER_ENFORCED)));
            }
        }

        String wantedPolicy = BucketPolicy.document(names).toJson();
        Reading<String> policy = read(names, "s3:GetBucketPolicy", () -> s3.getBucketPolicy(GetBucketPolicyRequest
                .builder().bucket(names.bucket()).expectedBucketOwner(names.account()).build()).policy());
        if (!policy.supported()) {
            notes.add(unsupported("GetBucketPolicy", TLS_ONLY));
        } else if (policy.value() == null || !PolicyJson.equivalent(wantedPolicy, policy.value())) {
            changes.add(new Change(resource, Kind.UPDATE, "repair: " + TLS_ONLY, bucketPolicy(names),
                    TextDiff.lines(policy.value() == null ? "" : PolicyJson.pretty(policy.value()),
                            PolicyJson.pretty(wantedPolicy))));
        }
        return otherOwner.map(owner -> usedAsIs(names, owner, changes, notes)).orElseGet(() -> new PlanPart(changes,
                notes));
    }

    /**
     * A bucket trainctl manages for another name is that name's to change: this name uses it as is, and what it
     * would repair is said, not done.
     */
    private static PlanPart usedAsIs(ResourceNames names, String owner, List<Change> repairs, List<String> notes) {
        List<String> all = new ArrayList<>(notes);
        String bucket = "bucket " + names.bucket() + " is managed by trainctl for '" + owner + "'; used as is, not "
                + "changed (teardown of '" + names.name() + "' deletes only its objects under " + names.name() + "/)";
        if (repairs.isEmpty()) {
            all.add(bucket);
        } else {
            all.add("WARNING: " + bucket + ". It lacks: " + String.join("; ", repairs.stream().map(Change::summary)
                    .toList()) + ". Run 'trainctl provision --name " + owner + "' to repair it, or give '"
                    + names.name() + "' a bucket of its own with --bucket");
        }
        return new PlanPart(List.of(), all);
    }

    static final String BLOCK_PUBLIC = "block all public access";
    static final String TLS_ONLY = "bucket policy denying every request that does not use TLS";
    static final String OWNER_ENFORCED = "bucket-owner-enforced object ownership (ACLs off)";

    static String tagStep(ResourceNames names) {
        return "tag managed-by=trainctl, trainctl:name=" + names.name();
    }

    static String encryptionStep(ProvisionSettings settings) {
        return "default encryption " + settings.kmsKeyArn().map(k -> "SSE-KMS with " + k + " and a bucket key")
                .orElse("SSE-S3 (AES256)");
    }

    /** What a 501 on a read means for the user: the setting can be neither checked nor applied there. */
    static String unsupported(String operation, String step) {
        return "WARNING: the S3 endpoint does not implement " + operation + " (HTTP 501): cannot check or apply '"
                + step + "'; on AWS this step is applied";
    }

    /** Whether the bucket exists and belongs to this account; a bucket owned elsewhere is an error. */
    private boolean exists(ResourceNames names) {
        HeadBucketResponse head;
        try {
            head = s3.headBucket(HeadBucketRequest.builder().bucket(names.bucket()).expectedBucketOwner(names.account())
                    .build());
        } catch (SdkException e) {
            if (AwsErrors.isNotFound(e)) {
                return false;
            }
            if (e instanceof AwsServiceException service && service.statusCode() == 403) {
                throw new TrainctlException(ExitCode.AWS_CONFLICT, "bucket " + names.bucket() + " exists but is not "
                        + "owned by account " + names.account() + " (or your credentials may not s3:ListBucket it): "
                        + "trainctl never uses a bucket another account owns; choose another name with --bucket", e);
            }
            if (e instanceof AwsServiceException service && service.statusCode() == 301) {
                throw new TrainctlException(ExitCode.AWS_INVALID, "bucket " + names.bucket() + " exists in another "
                        + "region than " + names.region() + ": use that --region, or choose another --bucket", e);
            }
            throw AwsErrors.translate(e, "s3:ListBucket", names.bucketArn());
        }
        String bucketRegion = head.bucketRegion();
        if (bucketRegion != null && !bucketRegion.isEmpty() && !bucketRegion.equals(names.region())) {
            throw new TrainctlException(ExitCode.AWS_INVALID, "bucket " + names.bucket() + " is in " + bucketRegion
                    + ", not " + names.region() + ": use --region " + bucketRegion + ", or choose another --bucket");
        }
        return true;
    }

    /** A setting as read: {@code value} null when it is not configured; {@code supported} false on HTTP 501. */
    private record Reading<T>(T value, boolean supported) { }

    private <T> Reading<T> read(ResourceNames names, String action, Supplier<T> call) {
        try {
            return new Reading<>(call.get(), true);
        } catch (SdkException e) {
            if (AwsErrors.isNotImplemented(e)) {
                return new Reading<>(null, false);
            }
            if (AwsErrors.isNotFound(e)) {
                return new Reading<>(null, true);
            }
            throw AwsErrors.translate(e, action, names.bucketArn());
        }
    }

    private Map<String, String> tagsOf(ResourceNames names) {
        Map<String, String> tags = new LinkedHashMap<>();
        s3.getBucketTagging(GetBucketTaggingRequest.builder().bucket(names.bucket()).expectedBucketOwner(names.account())
                .build()).tagSet().forEach(t -> tags.put(t.key(), t.value()));
        return tags;
    }

    static CreateBucketRequest createBucket(ResourceNames names) {
        CreateBucketRequest.Builder create = CreateBucketRequest.builder().bucket(names.bucket())
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED);
        // us-east-1 rejects a LocationConstraint naming itself; every other region requires one.
        if (!names.region().equals(US_EAST_1)) {
            create.createBucketConfiguration(CreateBucketConfiguration.builder()
                    .locationConstraint(BucketLocationConstraint.fromValue(names.region())).build());
        }
        return create.build();
    }

    static PublicAccessBlockConfiguration blockAll() {
        return PublicAccessBlockConfiguration.builder().blockPublicAcls(true).ignorePublicAcls(true)
                .blockPublicPolicy(true).restrictPublicBuckets(true).build();
    }

    static PutPublicAccessBlockRequest publicAccessBlock(ResourceNames names) {
        return PutPublicAccessBlockRequest.builder().bucket(names.bucket()).expectedBucketOwner(names.account())
                .publicAccessBlockConfiguration(blockAll()).build();
    }

    static ServerSideEncryptionConfiguration encryptionConfiguration(ProvisionSettings settings) {
        ServerSideEncryptionByDefault.Builder byDefault = ServerSideEncryptionByDefault.builder();
        ServerSideEncryptionRule.Builder rule = ServerSideEncryptionRule.builder();
        if (settings.kmsKeyArn().isPresent()) {
            byDefault.sseAlgorithm(ServerSideEncryption.AWS_KMS).kmsMasterKeyID(settings.kmsKeyArn().get());
            // A bucket key cuts KMS requests (and their cost) by orders of magnitude.
            rule.bucketKeyEnabled(true);
        } else {
            byDefault.sseAlgorithm(ServerSideEncryption.AES256);
        }
        return ServerSideEncryptionConfiguration.builder().rules(rule.applyServerSideEncryptionByDefault(
                byDefault.build()).build()).build();
    }

    static PutBucketEncryptionRequest encryption(ProvisionSettings settings) {
        ResourceNames names = settings.names();
        return PutBucketEncryptionRequest.builder().bucket(names.bucket()).expectedBucketOwner(names.account())
                .serverSideEncryptionConfiguration(encryptionConfiguration(settings)).build();
    }

    static PutBucketOwnershipControlsRequest ownershipControls(ResourceNames names) {
        return PutBucketOwnershipControlsRequest.builder().bucket(names.bucket()).expectedBucketOwner(names.account())
                .ownershipControls(OwnershipControls.builder().rules(OwnershipControlsRule.builder()
                        .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED).build()).build()).build();
    }

    static PutBucketPolicyRequest bucketPolicy(ResourceNames names) {
        return PutBucketPolicyRequest.builder().bucket(names.bucket()).expectedBucketOwner(names.account())
                .policy(BucketPolicy.document(names).toJson()).build();
    }

    /** Our two tags merged into the bucket's current ones (PutBucketTagging replaces the whole set). */
    static PutBucketTaggingRequest tagging(ResourceNames names, Map<String, String> current) {
        Map<String, String> merged = new LinkedHashMap<>(current);
        names.tags().forEach(t -> merged.put(t.key(), t.value()));
        List<Tag> tagSet = merged.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue())
                .build()).toList();
        return PutBucketTaggingRequest.builder().bucket(names.bucket()).expectedBucketOwner(names.account())
                .tagging(Tagging.builder().tagSet(tagSet).build()).build();
    }

    private static String describe(PublicAccessBlockConfiguration c) {
        return c == null ? "(none)" : "BlockPublicAcls=" + c.blockPublicAcls() + " IgnorePublicAcls="
                + c.ignorePublicAcls() + " BlockPublicPolicy=" + c.blockPublicPolicy() + " RestrictPublicBuckets="
                + c.restrictPublicBuckets();
    }

    private static String describe(ServerSideEncryptionConfiguration c) {
        if (c == null || c.rules().isEmpty() || c.rules().get(0).applyServerSideEncryptionByDefault() == null) {
            return "(none)";
        }
        ServerSideEncryptionRule rule = c.rules().get(0);
        ServerSideEncryptionByDefault byDefault = rule.applyServerSideEncryptionByDefault();
        boolean kms = !ServerSideEncryption.AES256.toString().equals(byDefault.sseAlgorithmAsString());
        return byDefault.sseAlgorithmAsString() + (kms ? " key=" + byDefault.kmsMasterKeyID() + " bucketKey="
                + Boolean.TRUE.equals(rule.bucketKeyEnabled()) : "");
    }
}
