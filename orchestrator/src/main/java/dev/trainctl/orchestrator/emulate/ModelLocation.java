package dev.trainctl.orchestrator.emulate;

import dev.trainctl.orchestrator.aws.AwsClients;
import dev.trainctl.orchestrator.aws.AwsErrors;
import dev.trainctl.orchestrator.aws.CallerIdentity;
import dev.trainctl.orchestrator.cli.Console;
import dev.trainctl.orchestrator.cli.ExitCode;
import dev.trainctl.orchestrator.cli.Invocation;
import dev.trainctl.orchestrator.cli.TrainctlException;
import dev.trainctl.orchestrator.names.S3Uri;
import dev.trainctl.orchestrator.s3serve.S3Access;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import dev.trainctl.training.files.Directories;
import dev.trainctl.training.files.Tarball;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;

/**
 * A model given as a local directory or as {@code s3://.../model.tar.gz} (what SageMaker and the emulated mode
 * write): the latter is downloaded and unpacked into a temporary directory that holds the usual layout.
 */
public final class ModelLocation {

    private ModelLocation() {}

    public static boolean isS3(String location) {
        return S3Uri.isS3(location);
    }

    /**
     * The model directory for {@code --model}: a local directory as given, or an {@code s3://.../model.tar.gz}
     * fetched through the same S3 choice as {@code train --on emulated} (endpoint, AWS, or the embedded server).
     */
    public static Path resolve(Invocation invocation, String location) {
        if (!isS3(location)) {
            return Path.of(location);
        }
        Console console = invocation.console();
        try (AwsClients aws = AwsClients.create(invocation.global(), console);
                S3Access access = S3Access.open(aws, console)) {
            Optional<String> owner = access.local() ? Optional.empty()
                    : Optional.of(CallerIdentity.lookup(aws.sts()).account());
            Path model = download(access.s3(), location, owner, Directories.temporary("trainctl-s3-model"));
            console.say("downloaded " + location + " from " + access.description() + " to " + model);
            return model;
        } catch (SdkException e) {
            if (AwsErrors.isNotFound(e)) {
                // A missing model is the same failure whether it was a directory or an object: exit code 3.
                throw new TrainctlException(ExitCode.DATA, "no model at " + location + ": the bucket or the key does"
                        + " not exist (" + notFoundCode(e) + "); check the URI ('trainctl jobs status JOB' prints a"
                        + " job's model location)", e);
            }
            throw AwsErrors.translate(e, "s3:GetObject", location);
        } catch (IOException e) {
            throw new TrainctlException(ExitCode.DATA, "cannot fetch the model " + location + ": " + e.getMessage(), e);
        }
    }

    private static String notFoundCode(SdkException e) {
        String code = e instanceof AwsServiceException service ? AwsErrors.errorCode(service) : "";
        return code.isEmpty() ? "HTTP 404" : code;
    }

    /**
     * Downloads and unpacks {@code s3://.../model.tar.gz} into a new directory under {@code parent}, streaming: the
     * archive is unpacked as it arrives, within {@link Tarball.Limits#DEFAULT}, and never stored whole. On AWS the
     * bucket must belong to {@code bucketOwner} (the caller's account), never to a same-named bucket elsewhere.
     *
     * @throws Tarball.LimitExceededException for an archive bomb (what was unpacked is left in the temporary
     *     directory, which is deleted at exit)
     */
    public static Path download(S3Client s3, String location, Optional<String> bucketOwner, Path parent)
            throws IOException {
        S3Uri uri = S3Uri.parse(location);
        if (!uri.key().endsWith(".tar.gz")) {
            throw new IllegalArgumentException("an S3 model must be a model.tar.gz, got " + location);
        }
        Path directory = Files.createTempDirectory(parent, "trainctl-model");
        Path model = Files.createDirectories(directory.resolve("model"));
        try (InputStream archive = s3.getObject(GetObjectRequest.builder().bucket(uri.bucket()).key(uri.key())
                .expectedBucketOwner(bucketOwner.orElse(null)).build())) {
            Tarball.unpack(archive, location, model, Tarball.Limits.DEFAULT);
        }
        return model;
    }
}
