package dev.trainctl.orchestrator.provision;

import dev.trainctl.orchestrator.aws.AwsErrors;
import dev.trainctl.orchestrator.aws.Change;
import dev.trainctl.orchestrator.aws.Change.Kind;
import dev.trainctl.orchestrator.aws.TextDiff;
import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.TrainctlException;
import dev.trainctl.orchestrator.names.ResourceNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.CreateRepositoryRequest;
import software.amazon.awssdk.services.ecr.model.DescribeRepositoriesRequest;
import software.amazon.awssdk.services.ecr.model.EncryptionConfiguration;
import software.amazon.awssdk.services.ecr.model.EncryptionType;
import software.amazon.awssdk.services.ecr.model.ImageScanningConfiguration;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;
import software.amazon.awssdk.services.ecr.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.ecr.model.PutImageScanningConfigurationRequest;
import software.amazon.awssdk.services.ecr.model.PutImageTagMutabilityRequest;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecr.model.Tag;

/** Plans the ECR repository for the training image: scan on push, immutable tags, encryption, managed tags. */
public final class RepositoryPlanner {

    private final EcrClient ecr;

    public RepositoryPlanner(EcrClient ecr) {
        this.ecr = ecr;
    }

    public PlanPart plan(ProvisionSettings settings, boolean assumeAbsent) {
        ResourceNames names = settings.names();
        String resource = "repository " + names.repository();
        List<Change> changes = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Optional<Repository> existing = assumeAbsent ? Optional.empty() : read(names);
        if (existing.isEmpty()) {
            changes.add(new Change(resource, Kind.CREATE, "create the ECR repository (scan on push, immutable tags, "
                    + "encryption " + encryptionName(settings) + ")", CreateRepositoryRequest.builder()
                    .repositoryName(names.repository())
                    .imageTagMutability(ImageTagMutability.IMMUTABLE)
                    .imageScanningConfiguration(ImageScanningConfiguration.builder().scanOnPush(true).build())
                    .encryptionConfiguration(encryption(settings))
                    .tags(names.tags().stream().map(t -> Tag.builder().key(t.key()).value(t.value()).build()).toList())
                    .build()));
            return new PlanPart(changes, notes);
        }
        Repository repository = existing.get();
        Map<String, String> tags = tags(names, repository.repositoryArn());
        if (ManagedTags.owner(tags, names) != ManagedTags.Owner.THIS_NAME) {
            throw new TrainctlException(ExitCode.AWS_CONFLICT, "ECR repository " + names.repository() + " exists but "
                    + "is not managed by trainctl for '" + names.name() + "' (tags " + tags + "): trainctl never "
                    + "changes a repository it did not create; choose another --name");
        }
        boolean scanOnPush = repository.imageScanningConfiguration() != null
                && Boolean.TRUE.equals(repository.imageScanningConfiguration().scanOnPush());
        if (!scanOnPush) {
            changes.add(new Change(resource, Kind.UPDATE, "repair: scan images on push",
                    PutImageScanningConfigurationRequest.builder().registryId(names.account())
                            .repositoryName(names.repository())
                            .imageScanningConfiguration(ImageScanningConfiguration.builder().scanOnPush(true).build())
                            .build(), TextDiff.value("ScanOnPush", false, true)));
        }
        if (repository.imageTagMutability() != ImageTagMutability.IMMUTABLE) {
            changes.add(new Change(resource, Kind.UPDATE, "repair: immutable image tags",
                    PutImageTagMutabilityRequest.builder().registryId(names.account())
                            .repositoryName(names.repository()).imageTagMutability(ImageTagMutability.IMMUTABLE)
                            .build(), TextDiff.value("ImageTagMutability", repository.imageTagMutabilityAsString(),
                                    ImageTagMutability.IMMUTABLE)));
        }
        EncryptionConfiguration wanted = encryption(settings);
        EncryptionConfiguration actual = repository.encryptionConfiguration();
        if (actual != null && (actual.encryptionType() != wanted.encryptionType()
                || (wanted.kmsKey() != null && !wanted.kmsKey().equals(actual.kmsKey())))) {
            // ECR fixes a repository's encryption at creation; it cannot be repaired in place.
            notes.add("WARNING: repository " + names.repository() + " is encrypted with " + actual.encryptionTypeAsString()
                    + (actual.kmsKey() == null ? "" : " " + actual.kmsKey()) + ", not " + encryptionName(settings)
                    + "; ECR cannot change this after creation (recreate it with 'trainctl teardown' to change it)");
        }
        return new PlanPart(changes, notes);
    }

    private Optional<Repository> read(ResourceNames names) {
        try {
            return ecr.describeRepositories(DescribeRepositoriesRequest.builder().registryId(names.account())
                    .repositoryNames(names.repository()).build()).repositories().stream().findFirst();
        } catch (SdkException e) {
            if (AwsErrors.isNotFound(e)) {
                return Optional.empty();
            }
            throw AwsErrors.translate(e, "ecr:DescribeRepositories", names.repositoryArn());
        }
    }

    private Map<String, String> tags(ResourceNames names, String arn) {
        try {
            return ecr.listTagsForResource(ListTagsForResourceRequest.builder().resourceArn(arn).build()).tags().stream()
                    .collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b));
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "ecr:ListTagsForResource", names.repositoryArn());
        }
    }

    static EncryptionConfiguration encryption(ProvisionSettings settings) {
        return settings.kmsKeyArn().map(key -> EncryptionConfiguration.builder().encryptionType(EncryptionType.KMS)
                .kmsKey(key).build()).orElseGet(() -> EncryptionConfiguration.builder()
                .encryptionType(EncryptionType.AES256).build());
    }

    private static String encryptionName(ProvisionSettings settings) {
        return settings.kmsKeyArn().map(k -> "KMS " + k).orElse("AES256");
    }
}
