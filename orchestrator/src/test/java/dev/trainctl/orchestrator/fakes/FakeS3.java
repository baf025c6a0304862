package dev.trainctl.orchestrator.fakes;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.CreateBucketResponse;
import software.amazon.awssdk.services.s3.model.DeleteBucketRequest;
import software.amazon.awssdk.services.s3.model.DeleteBucketResponse;
import software.amazon.awssdk.services.s3.model.GetBucketEncryptionRequest;
import software.amazon.awssdk.services.s3.model.GetBucketEncryptionResponse;
import software.amazon.awssdk.services.s3.model.GetBucketOwnershipControlsRequest;
import software.amazon.awssdk.services.s3.model.GetBucketOwnershipControlsResponse;
import software.amazon.awssdk.services.s3.model.GetBucketPolicyRequest;
import software.amazon.awssdk.services.s3.model.GetBucketPolicyResponse;
import software.amazon.awssdk.services.s3.model.GetBucketTaggingRequest;
import software.amazon.awssdk.services.s3.model.GetBucketTaggingResponse;
import software.amazon.awssdk.services.s3.model.GetPublicAccessBlockRequest;
import software.amazon.awssdk.services.s3.model.GetPublicAccessBlockResponse;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.HeadBucketResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.OwnershipControls;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3.model.PutBucketEncryptionRequest;
import software.amazon.awssdk.services.s3.model.PutBucketEncryptionResponse;
import software.amazon.awssdk.services.s3.model.PutBucketOwnershipControlsRequest;
import software.amazon.awssdk.services.s3.model.PutBucketOwnershipControlsResponse;
import software.amazon.awssdk.services.s3.model.PutBucketPolicyRequest;
import software.amazon.awssdk.services.s3.model.PutBucketPolicyResponse;
import software.amazon.awssdk.services.s3.model.PutBucketTaggingRequest;
import software.amazon.awssdk.services.s3.model.PutBucketTaggingResponse;
import software.amazon.awssdk.services.s3.model.PutPublicAccessBlockRequest;
import software.amazon.awssdk.services.s3.model.PutPublicAccessBlockResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionConfiguration;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * A recording S3 for the bucket settings S3Proxy does not implement (public access block, policy, ownership,
 * tagging): it keeps one bucket's settings in memory. {@link #otherOwner} makes the bucket someone else's;
 * {@link #notImplemented} makes the named operations answer 501 like an S3-compatible server.
 */
public final class FakeS3 implements S3Client {

    public final Recorder recorder = new Recorder();
    public final String owner;
    public boolean exists;
    public boolean otherOwner;
    public PublicAccessBlockConfiguration publicAccessBlock;
    public ServerSideEncryptionConfiguration encryption;
    public OwnershipControls ownership;
    public String policy;
    public List<Tag> tags = new ArrayList<>();
    public final Set<String> notImplemented = new HashSet<>();
    public final Map<String, String> objects = new LinkedHashMap<>();

    public FakeS3(String owner) {
        this.owner = owner;
    }

    private void check(String operation, String expectedOwner) {
        if (notImplemented.contains(operation)) {
            throw AwsFaults.notImplemented();
        }
        if (!exists && !operation.equals("CreateBucket")) {
            throw AwsFaults.error(404, "NoSuchBucket", "The specified bucket does not exist");
        }
        if (otherOwner || (expectedOwner != null && !expectedOwner.equals(owner))) {
            throw AwsFaults.error(403, "AccessDenied", "Access Denied");
        }
    }

    private static RuntimeException notFound(String code) {
        return AwsFaults.error(404, code, code);
    }

    @Override
    public HeadBucketResponse headBucket(HeadBucketRequest request) {
        recorder.add(request);
        if (!exists) {
            throw AwsFaults.error(404, null, null);
        }
        if (otherOwner) {
            throw AwsFaults.error(403, null, null);
        }
        return HeadBucketResponse.builder().bucketRegion("us-east-1").build();
    }

    @Override
    public CreateBucketResponse createBucket(CreateBucketRequest request) {
        recorder.add(request);
        if (otherOwner) {
            throw AwsFaults.error(409, "BucketAlreadyExists", "The requested bucket name is not available.");
        }
        exists = true;
        if (request.objectOwnership() != null) {
            ownership = OwnershipControls.builder().rules(r -> r.objectOwnership(request.objectOwnership())).build();
        }
        return CreateBucketResponse.builder().build();
    }

    @Override
    public PutPublicAccessBlockResponse putPublicAccessBlock(PutPublicAccessBlockRequest request) {
        recorder.add(request);
        check("PutPublicAccessBlock", request.expectedBucketOwner());
        publicAccessBlock = request.publicAccessBlockConfiguration();
        return PutPublicAccessBlockResponse.builder().build();
    }

    @Override
    public GetPublicAccessBlockResponse getPublicAccessBlock(GetPublicAccessBlockRequest request) {
        recorder.add(request);
        check("GetPublicAccessBlock", request.expectedBucketOwner());
        if (publicAccessBlock == null) {
            throw notFound("NoSuchPublicAccessBlockConfiguration");
        }
        return GetPublicAccessBlockResponse.builder().publicAccessBlockConfiguration(publicAccessBlock).build();
    }

    @Override
    public PutBucketEncryptionResponse putBucketEncryption(PutBucketEncryptionRequest request) {
        recorder.add(request);
        check("PutBucketEncryption", request.expectedBucketOwner());
        encryption = request.serverSideEncryptionConfiguration();
        return PutBucketEncryptionResponse.builder().build();
    }

    @Override
    public GetBucketEncryptionResponse getBucketEncryption(GetBucketEncryptionRequest request) {
        recorder.add(request);
        check("GetBucketEncryption", request.expectedBucketOwner());
        if (encryption == null) {
            throw notFound("ServerSideEncryptionConfigurationNotFoundError");
        }
        return GetBucketEncryptionResponse.builder().serverSideEncryptionConfiguration(encryption).build();
    }

    @Override
    public PutBucketOwnershipControlsResponse putBucketOwnershipControls(PutBucketOwnershipControlsRequest request) {
        recorder.add(request);
        check("PutBucketOwnershipControls", request.expectedBucketOwner());
        ownership = request.ownershipControls();
        return PutBucketOwnershipControlsResponse.builder().build();
    }

    @Override
    public GetBucketOwnershipControlsResponse getBucketOwnershipControls(GetBucketOwnershipControlsRequest request) {
        recorder.add(request);
        check("GetBucketOwnershipControls", request.expectedBucketOwner());
        if (ownership == null) {
            throw notFound("OwnershipControlsNotFoundError");
        }
        return GetBucketOwnershipControlsResponse.builder().ownershipControls(ownership).build();
    }

    @Override
    public PutBucketPolicyResponse putBucketPolicy(PutBucketPolicyRequest request) {
        recorder.add(request);
        check("PutBucketPolicy", request.expectedBucketOwner());
        policy = request.policy();
        return PutBucketPolicyResponse.builder().build();
    }

    @Override
    public GetBucketPolicyResponse getBucketPolicy(GetBucketPolicyRequest request) {
        recorder.add(request);
        check("GetBucketPolicy", request.expectedBucketOwner());
        if (policy == null) {
            throw notFound("NoSuchBucketPolicy");
        }
        return GetBucketPolicyResponse.builder().policy(policy).build();
    }

    @Override
    public PutBucketTaggingResponse putBucketTagging(PutBucketTaggingRequest request) {
        recorder.add(request);
        check("PutBucketTagging", request.expectedBucketOwner());
        tags = new ArrayList<>(request.tagging().tagSet());
        return PutBucketTaggingResponse.builder().build();
    }

    @Override
    public GetBucketTaggingResponse getBucketTagging(GetBucketTaggingRequest request) {
        recorder.add(request);
        check("GetBucketTagging", request.expectedBucketOwner());
        if (tags.isEmpty()) {
            throw notFound("NoSuchTagSet");
        }
        return GetBucketTaggingResponse.builder().tagSet(tags).build();
    }

    @Override
    public ListObjectVersionsResponse listObjectVersions(ListObjectVersionsRequest request) {
        recorder.add(request);
        check("ListObjectVersions", request.expectedBucketOwner());
        return ListObjectVersionsResponse.builder().isTruncated(false).versions(objects.keySet().stream()
                .map(key -> software.amazon.awssdk.services.s3.model.ObjectVersion.builder().key(key).versionId("v1")
                        .build()).toList()).build();
    }

    @Override
    public software.amazon.awssdk.services.s3.model.DeleteObjectsResponse deleteObjects(
            software.amazon.awssdk.services.s3.model.DeleteObjectsRequest request) {
        recorder.add(request);
        check("DeleteObjects", request.expectedBucketOwner());
        request.delete().objects().forEach(object -> objects.remove(object.key()));
        return software.amazon.awssdk.services.s3.model.DeleteObjectsResponse.builder().build();
    }

    /** An object's SHA-256 metadata from {@link #objects}; 404 for a key not there. */
    @Override
    public HeadObjectResponse headObject(HeadObjectRequest request) {
        recorder.add(request);
        check("HeadObject", request.expectedBucketOwner());
        String sha256 = objects.get(request.key());
        if (sha256 == null) {
            throw software.amazon.awssdk.services.s3.model.NoSuchKeyException.builder().statusCode(404)
                    .message("Not Found").build();
        }
        return HeadObjectResponse.builder().contentLength((long) request.key().length())
                .metadata(java.util.Map.of("sha256", sha256)).build();
    }

    /** Keeps the object's key and its {@code sha256} metadata in {@link #objects}; the body is not read. */
    @Override
    public PutObjectResponse putObject(PutObjectRequest request, RequestBody body) {
        recorder.add(request);
        check("PutObject", request.expectedBucketOwner());
        objects.put(request.key(), request.metadata().getOrDefault("sha256", ""));
        return PutObjectResponse.builder().build();
    }

    @Override
    public DeleteBucketResponse deleteBucket(DeleteBucketRequest request) {
        recorder.add(request);
        check("DeleteBucket", request.expectedBucketOwner());
        exists = false;
        return DeleteBucketResponse.builder().build();
    }

    @Override
    public String serviceName() {
        return "s3";
    }

    @Override
    public void close() {
    }
}
