package dev.trainctl.orchestrator.teardown;

import dev.trainctl.orchestrator.aws.AwsErrors;
import dev.trainctl.orchestrator.aws.Change;
import dev.trainctl.orchestrator.aws.Change.Kind;
import dev.trainctl.orchestrator.cli.TerminalText;
import dev.trainctl.orchestrator.names.ResourceNames;
import dev.trainctl.orchestrator.provision.ManagedTags;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.DeleteRepositoryRequest;
import software.amazon.awssdk.services.ecr.model.DescribeRepositoriesRequest;
import software.amazon.awssdk.services.ecr.model.ListImagesRequest;
import software.amazon.awssdk.services.ecr.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.DeleteRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.DeleteRoleRequest;
import software.amazon.awssdk.services.iam.model.DetachRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.GetRoleRequest;
import software.amazon.awssdk.services.iam.model.ListAttachedRolePoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListRolePoliciesRequest;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteBucketRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.GetBucketTaggingRequest;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

/**
 * Plans {@code teardown}: finds the role, repository and bucket for a name, keeps only those tagged
 * {@code managed-by=trainctl} and {@code trainctl:name=NAME}, and lists the deletions in a safe order (a role's
 * policies before the role; the name's object versions and delete markers before the bucket). A bucket may be shared
 * by several names: the name's data is what lies under {@code NAME/}, and the bucket goes only when it is this name's
 * and nothing else is left in it.
 */
public final class TeardownPlanner {

    /** S3 DeleteObjects takes at most 1000 keys per request. */
    static final int DELETE_BATCH = 1000;

    private final IamClient iam;
    private final S3Client s3;
    private final EcrClient ecr;

    public TeardownPlanner(IamClient iam, S3Client s3, EcrClient ecr) {
        this.iam = iam;
        this.s3 = s3;
        this.ecr = ecr;
    }

    /**
     * The teardown plan.
     *
     * @param deleteData delete the objects under {@code NAME/} (all versions) and a repository's images too
     * @param bucketNamed the user named the bucket with {@code --bucket}: enough to trust it on an endpoint that
     *     cannot tag buckets
     */
    public TeardownPlan plan(ResourceNames names, boolean deleteData, boolean bucketNamed) {
        List<Change> changes = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<String> blockers = new ArrayList<>();
        planRole(names, names.roleName(), names.roleArn(), "the execution role", changes, notes);
        planRole(names, names.servingRoleName(), names.servingRoleArn(), "the serving role", changes, notes);
        planRepository(names, deleteData, changes, notes, blockers);
        planBucket(names, deleteData, bucketNamed, changes, notes, blockers);
        return new TeardownPlan(names, changes, notes, blockers);
    }

    private void planRole(ResourceNames names, String roleName, String roleArn, String what, List<Change> changes,
            List<String> notes) {
        String resource = "role " + roleName;
        Role role;
        try {
            role = iam.getRole(GetRoleRequest.builder().roleName(roleName).build()).role();
        } catch (SdkException e) {
            if (AwsErrors.isNotFound(e)) {
                notes.add(resource + ": not found");
                return;
            }
            throw AwsErrors.translate(e, "iam:GetRole", roleArn);
        }
        Map<String, String> tags = role.tags().stream().collect(Collectors.toMap(t -> t.key(), t -> t.value(),
                (a, b) -> b));
        if (ManagedTags.owner(tags, names) != ManagedTags.Owner.THIS_NAME) {
            notes.add(resource + ": not tagged managed-by=trainctl, trainctl:name=" + names.name() + "; left alone");
            return;
        }
        try {
            for (String policy : iam.listRolePoliciesPaginator(ListRolePoliciesRequest.builder()
                    .roleName(roleName).build()).policyNames()) {
                changes.add(new Change(resource, Kind.DELETE, "delete inline policy " + policy,
                        DeleteRolePolicyRequest.builder().roleName(roleName).policyName(policy).build()));
            }
            for (AttachedPolicy attached : iam.listAttachedRolePoliciesPaginator(ListAttachedRolePoliciesRequest
                    .builder().roleName(roleName).build()).attachedPolicies()) {
                changes.add(new Change(resource, Kind.DELETE, "detach managed policy " + attached.policyName(),
                        DetachRolePolicyRequest.builder().roleName(roleName).policyArn(attached.policyArn())
                                .build()));
            }
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "iam:ListRolePolicies", roleArn);
        }
        changes.add(new Change(resource, Kind.DELETE, "delete " + what,
                DeleteRoleRequest.builder().roleName(roleName).build()));
        if (!roleArn.equals(names.roleArn())) {
            return;
        }
        Optional.ofNullable(role.permissionsBoundary()).map(b -> b.permissionsBoundaryArn())
                .filter(names.boundaryPolicyArn()::equals)
                .ifPresent(boundary -> notes.add("permissions boundary " + boundary + ": left in place (the "
                        + "provisioner policy may not delete it, by design); an administrator removes it with"
                        + " 'aws iam delete-policy --policy-arn " + boundary + "'"));
    }

    private void planRepository(ResourceNames names, boolean deleteData, List<Change> changes, List<String> notes,
            List<String> blockers) {
        String resource = "repository " + names.repository();
        Optional<Repository> repository;
        try {
            repository = ecr.describeRepositories(DescribeRepositoriesRequest.builder().registryId(names.account())
                    .repositoryNames(names.repository()).build()).repositories().stream().findFirst();
        } catch (SdkException e) {
            if (!AwsErrors.isNotFound(e)) {
                throw AwsErrors.translate(e, "ecr:DescribeRepositories", names.repositoryArn());
            }
            repository = Optional.empty();
        }
        if (repository.isEmpty()) {
            notes.add(resource + ": not found");
            return;
        }
        try {
            Map<String, String> tags = ecr.listTagsForResource(ListTagsForResourceRequest.builder()
                    .resourceArn(repository.get().repositoryArn()).build()).tags().stream()
                    .collect(Collectors.toMap(t -> t.key(), t -> t.value(), (a, b) -> b));
            if (ManagedTags.owner(tags, names) != ManagedTags.Owner.THIS_NAME) {
                notes.add(resource + ": not tagged managed-by=trainctl, trainctl:name=" + names.name()
                        + "; left alone");
                return;
            }
            long images = ecr.listImagesPaginator(ListImagesRequest.builder().registryId(names.account())
                    .repositoryName(names.repository()).build()).imageIds().stream().count();
            if (images > 0 && !deleteData) {
                blockers.add(resource + " holds " + images + " image(s)");
                return;
            }
            changes.add(new Change(resource, Kind.DELETE, "delete the repository" + (images > 0 ? " and its "
                    + images + " image(s)" : ""), DeleteRepositoryRequest.builder().registryId(names.account())
                    .repositoryName(names.repository()).force(images > 0).build()));
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "ecr:ListImages", names.repositoryArn());
        }
    }

    private void planBucket(ResourceNames names, boolean deleteData, boolean bucketNamed, List<Change> changes,
            List<String> notes, List<String> blockers) {
        String resource = "bucket " + names.bucket();
        try {
            s3.headBucket(HeadBucketRequest.builder().bucket(names.bucket()).expectedBucketOwner(names.account())
                    .build());
        } catch (SdkException e) {
            if (AwsErrors.isNotFound(e)) {
                notes.add(resource + ": not found");
                return;
            }
            if (e instanceof AwsServiceException service && service.statusCode() == 403) {
                notes.add(resource + ": not owned by account " + names.account() + " (or not readable); left alone");
                return;
            }
            throw AwsErrors.translate(e, "s3:ListBucket", names.bucketArn());
        }
        Map<String, String> tags = new LinkedHashMap<>();
        try {
            s3.getBucketTagging(GetBucketTaggingRequest.builder().bucket(names.bucket())
                    .expectedBucketOwner(names.account()).build()).tagSet().forEach(t -> tags.put(t.key(), t.value()));
        } catch (SdkException e) {
            if (AwsErrors.isNotImplemented(e)) {
                if (!bucketNamed) {
                    notes.add("WARNING: " + resource + ": the S3 endpoint does not implement GetBucketTagging (HTTP "
                            + "501), so trainctl cannot tell whether it manages the bucket; left alone (name it with "
                            + "--bucket to remove it anyway)");
                    return;
                }
                notes.add("WARNING: " + resource + ": the S3 endpoint does not implement GetBucketTagging (HTTP "
                        + "501); removing it because --bucket named it");
                tags.putAll(Map.of(ResourceNames.Tag.MANAGED_BY, ResourceNames.Tag.TRAINCTL,
                        ResourceNames.Tag.NAME, names.name()));
            } else if (!AwsErrors.isNotFound(e)) {
                throw AwsErrors.translate(e, "s3:GetBucketTagging", names.bucketArn());
            }
        }
        ManagedTags.Owner owner = ManagedTags.owner(tags, names);
        if (owner == ManagedTags.Owner.NOT_TRAINCTL) {
            notes.add(resource + ": not tagged managed-by=trainctl, trainctl:name=" + names.name() + "; left alone");
            return;
        }
        // The bucket may be shared by several names (the default bucket is): only this name's prefix is its data.
        String prefix = names.name() + "/";
        List<ObjectIdentifier> all = contents(names);
        List<ObjectIdentifier> own = all.stream().filter(o -> o.key().startsWith(prefix)).toList();
        List<ObjectIdentifier> others = all.stream().filter(o -> !o.key().startsWith(prefix)).toList();
        if (!own.isEmpty() && !deleteData) {
            blockers.add(resource + " holds " + own.size() + " object version(s) or delete marker(s) under " + prefix);
            return;
        }
        for (int start = 0; start < own.size(); start += DELETE_BATCH) {
            List<ObjectIdentifier> batch = own.subList(start, Math.min(own.size(), start + DELETE_BATCH));
            changes.add(new Change(resource, Kind.DELETE, "delete " + batch.size() + " object version(s) and "
                    + "delete marker(s) under " + prefix, DeleteObjectsRequest.builder().bucket(names.bucket())
                    .expectedBucketOwner(names.account()).delete(Delete.builder().objects(batch).quiet(true).build())
                    .build()));
        }
        if (owner == ManagedTags.Owner.OTHER_NAME) {
            notes.add(resource + ": kept: it is trainctl's for '" + ManagedTags.name(tags).orElse("?") + "', whose "
                    + "teardown removes it");
        } else if (!others.isEmpty()) {
            notes.add("WARNING: " + resource + ": kept: it holds " + others.size() + " object version(s) or delete "
                    + "marker(s) that are not under " + prefix + " (" + byPrefix(others) + "); trainctl deletes only "
                    + "what it wrote for '" + names.name() + "'. Tear down the names that use those prefixes, or "
                    + "empty it yourself, then run teardown again to delete the bucket");
        } else {
            changes.add(new Change(resource, Kind.DELETE, "delete the bucket", DeleteBucketRequest.builder()
                    .bucket(names.bucket()).expectedBucketOwner(names.account()).build()));
        }
    }

    /** How many versions each top-level prefix holds: {@code a/ (2), notes.txt (1)}; the first few. */
    static String byPrefix(List<ObjectIdentifier> objects) {
        Map<String, Long> counts = objects.stream().collect(Collectors.groupingBy(o -> {
            int slash = o.key().indexOf('/');
            return slash < 0 ? o.key() : o.key().substring(0, slash + 1);
        }, java.util.TreeMap::new, Collectors.counting()));
        String shown = counts.entrySet().stream().limit(PREFIXES_SHOWN)
                .map(e -> TerminalText.escape(e.getKey()) + " " + e.getValue()).collect(Collectors.joining(", "));
        return counts.size() > PREFIXES_SHOWN ? shown + " and " + (counts.size() - PREFIXES_SHOWN) + " more prefixes"
                : shown;
    }

    private static final int PREFIXES_SHOWN = 5;

    /** Every object version and delete marker (a versioned bucket cannot be deleted while any remain). */
    private List<ObjectIdentifier> contents(ResourceNames names) {
        List<ObjectIdentifier> objects = new ArrayList<>();
        try {
            s3.listObjectVersionsPaginator(ListObjectVersionsRequest.builder().bucket(names.bucket())
                    .expectedBucketOwner(names.account()).build()).forEach(page -> {
                        page.versions().forEach(v -> objects.add(id(v.key(), v.versionId())));
                        page.deleteMarkers().forEach(m -> objects.add(id(m.key(), m.versionId())));
                    });
            return objects;
        } catch (SdkException e) {
            if (!AwsErrors.isNotImplemented(e)) {
                throw AwsErrors.translate(e, "s3:ListBucketVersions", names.bucketArn());
            }
        }
        // An S3-compatible endpoint without versioning support: plain listing.
        objects.clear();
        try {
            s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(names.bucket())
                    .expectedBucketOwner(names.account()).build()).contents()
                    .forEach(o -> objects.add(id(o.key(), null)));
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "s3:ListBucket", names.bucketArn());
        }
        return objects;
    }

    private static ObjectIdentifier id(String key, String versionId) {
        ObjectIdentifier.Builder id = ObjectIdentifier.builder().key(key);
        // "null" is the version id S3 reports for objects written before versioning was enabled; it is valid.
        if (versionId != null) {
            id.versionId(versionId);
        }
        return id.build();
    }
}
