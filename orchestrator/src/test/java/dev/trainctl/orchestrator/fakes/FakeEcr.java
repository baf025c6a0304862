package dev.trainctl.orchestrator.fakes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.CreateRepositoryRequest;
import software.amazon.awssdk.services.ecr.model.CreateRepositoryResponse;
import software.amazon.awssdk.services.ecr.model.DeleteRepositoryRequest;
import software.amazon.awssdk.services.ecr.model.DeleteRepositoryResponse;
import software.amazon.awssdk.services.ecr.model.DescribeRepositoriesRequest;
import software.amazon.awssdk.services.ecr.model.DescribeRepositoriesResponse;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageScanningConfiguration;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;
import software.amazon.awssdk.services.ecr.model.ListImagesRequest;
import software.amazon.awssdk.services.ecr.model.ListImagesResponse;
import software.amazon.awssdk.services.ecr.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.ecr.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.ecr.model.PutImageScanningConfigurationRequest;
import software.amazon.awssdk.services.ecr.model.PutImageScanningConfigurationResponse;
import software.amazon.awssdk.services.ecr.model.PutImageTagMutabilityRequest;
import software.amazon.awssdk.services.ecr.model.PutImageTagMutabilityResponse;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecr.model.Tag;

/** An in-memory ECR: repositories with their settings, tags and image count; every request recorded. */
public final class FakeEcr implements EcrClient {

    public final Recorder recorder = new Recorder();
    public final Map<String, Repository> repositories = new LinkedHashMap<>();
    public final Map<String, List<Tag>> tags = new LinkedHashMap<>();
    public final Map<String, Integer> images = new LinkedHashMap<>();

    private static String arn(String name) {
        return "arn:aws:ecr:us-east-1:123456789012:repository/" + name;
    }

    private Repository repository(String name) {
        Repository repository = repositories.get(name);
        if (repository == null) {
            throw RepositoryNotFoundException.builder().statusCode(400).awsErrorDetails(
                    software.amazon.awssdk.awscore.exception.AwsErrorDetails.builder()
                            .errorCode("RepositoryNotFoundException").build()).build();
        }
        return repository;
    }

    @Override
    public DescribeRepositoriesResponse describeRepositories(DescribeRepositoriesRequest request) {
        recorder.add(request);
        List<Repository> found = new ArrayList<>();
        for (String name : request.repositoryNames()) {
            found.add(repository(name));
        }
        return DescribeRepositoriesResponse.builder().repositories(found).build();
    }

    @Override
    public CreateRepositoryResponse createRepository(CreateRepositoryRequest request) {
        recorder.add(request);
        Repository repository = Repository.builder().repositoryName(request.repositoryName())
                .repositoryArn(arn(request.repositoryName())).imageTagMutability(request.imageTagMutability())
                .imageScanningConfiguration(request.imageScanningConfiguration())
                .encryptionConfiguration(request.encryptionConfiguration()).build();
        repositories.put(request.repositoryName(), repository);
        tags.put(arn(request.repositoryName()), new ArrayList<>(request.tags()));
        return CreateRepositoryResponse.builder().repository(repository).build();
    }

    @Override
    public ListTagsForResourceResponse listTagsForResource(ListTagsForResourceRequest request) {
        recorder.add(request);
        return ListTagsForResourceResponse.builder().tags(tags.getOrDefault(request.resourceArn(), List.of())).build();
    }

    @Override
    public PutImageScanningConfigurationResponse putImageScanningConfiguration(
            PutImageScanningConfigurationRequest request) {
        recorder.add(request);
        repositories.put(request.repositoryName(), repository(request.repositoryName()).toBuilder()
                .imageScanningConfiguration(request.imageScanningConfiguration()).build());
        return PutImageScanningConfigurationResponse.builder().build();
    }

    @Override
    public PutImageTagMutabilityResponse putImageTagMutability(PutImageTagMutabilityRequest request) {
        recorder.add(request);
        repositories.put(request.repositoryName(), repository(request.repositoryName()).toBuilder()
                .imageTagMutability(request.imageTagMutability()).build());
        return PutImageTagMutabilityResponse.builder().build();
    }

    /** No image is ever there: {@code image push} then goes on to push. */
    @Override
    public software.amazon.awssdk.services.ecr.model.DescribeImagesResponse describeImages(
            software.amazon.awssdk.services.ecr.model.DescribeImagesRequest request) {
        recorder.add(request);
        repository(request.repositoryName());
        throw software.amazon.awssdk.services.ecr.model.ImageNotFoundException.builder().statusCode(400)
                .message("The image requested does not exist in the specified repository.").build();
    }

    @Override
    public ListImagesResponse listImages(ListImagesRequest request) {
        recorder.add(request);
        repository(request.repositoryName());
        List<ImageIdentifier> ids = new ArrayList<>();
        for (int i = 0; i < images.getOrDefault(request.repositoryName(), 0); i++) {
            ids.add(ImageIdentifier.builder().imageDigest("sha256:" + i).imageTag("v" + i).build());
        }
        return ListImagesResponse.builder().imageIds(ids).build();
    }

    @Override
    public DeleteRepositoryResponse deleteRepository(DeleteRepositoryRequest request) {
        recorder.add(request);
        repository(request.repositoryName());
        repositories.remove(request.repositoryName());
        return DeleteRepositoryResponse.builder().build();
    }

    /** Someone loosened the repository by hand. */
    public void loosen(String name) {
        repositories.put(name, repository(name).toBuilder().imageTagMutability(ImageTagMutability.MUTABLE)
                .imageScanningConfiguration(ImageScanningConfiguration.builder().scanOnPush(false).build()).build());
    }

    @Override
    public String serviceName() {
        return "ecr";
    }

    @Override
    public void close() {
    }
}
