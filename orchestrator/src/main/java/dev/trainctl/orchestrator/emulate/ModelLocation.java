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

    /** Whether {@code location} is an S3 model; a malformed one fails here, before anything else ({@link #s3Model}). */
    public static boolean isS3(String location) {
        return s3Model(location).isPresent();
    }

    /**
     * The model directory for {@code --model}: a local directory as given; a local {@code model.tar.gz} unpacked into
     * a temporary directory; or an {@code s3://.../model.tar.gz} fetched through the same S3 choice as {@code train
     * --on emulated} (endpoint, AWS, or the embedded server) and unpacked. A malformed location fails before anything
     * is started.
     */
    public static Path resolve(Invocation invocation, String location) {
        Optional<S3Uri> uri = s3Model(location);
        if (uri.isEmpty()) {
            return local(invocation, location);
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

    /**
     * The S3 model a location names, or empty for a local path. A near miss ({@code S3://}, {@code s3:/},
     * {@code s3:bucket}) or an S3 location that is not a {@code .tar.gz} is a usage error.
     */
    public static Optional<S3Uri> s3Model(String location) {
        if (!S3Uri.isS3(location)) {
            if (location.regionMatches(true, 0, "s3:", 0, 3)) {
                throw TrainctlException.usage("'" + location + "' is not an S3 URI: write s3://"
                        + location.substring(3).replaceFirst("^/+", "") + " (lower-case s3, two slashes)");
            }
            return Optional.empty();
        }
        S3Uri uri = TrainctlException.usageIfInvalid(() -> S3Uri.parse(location));
        if (!uri.key().endsWith(".tar.gz")) {
            throw TrainctlException.usage("'" + location + "' is not a model.tar.gz: an S3 model is the archive a"
                    + " training job wrote, s3://BUCKET/NAME/output/JOB/output/model.tar.gz ('trainctl jobs status"
                    + " JOB' prints it)");
        }
        return Optional.of(uri);
    }

    /** A local model directory, or a local {@code model.tar.gz} unpacked into a temporary directory. */
    private static Path local(Invocation invocation, String location) {
        Path path = Path.of(location);
        if (!Files.isRegularFile(path)) {
            return path;
        }
        if (!location.endsWith(".tar.gz") && !location.endsWith(".tgz")) {
            throw new TrainctlException(ExitCode.DATA, location + " is a file: a model is a directory that 'trainctl"
                    + " train' wrote, or a model.tar.gz");
        }
        try {
            Path model = Files.createDirectories(Directories.temporary("trainctl-model").resolve("model"));
            try (InputStream archive = Files.newInputStream(path)) {
                unpack(archive, location, model);
            }
            invocation.console().say("unpacked " + location + " into " + model);
            return model;
        } catch (IOException e) {
            throw new TrainctlException(ExitCode.DATA, e.getMessage(), e);
        }
    }

    /**
     * Unpacks an archive within {@link Tarball.Limits#DEFAULT}; one that is not a model archive is exit code 3 naming
     * the model as given (not a temporary file). An archive over the limits fails with the limit's own message.
     */
    private static void unpack(InputStream archive, String location, Path model) throws IOException {
        try {
            if (Tarball.unpack(archive, location, model, Tarball.Limits.DEFAULT).isEmpty()) {
                throw new IOException("no files in it: it is not a gzip-compressed tar archive");
            }
        } catch (Tarball.LimitExceededException bomb) {
            throw bomb;
        } catch (IOException | RuntimeException e) {
            String reason = e.getMessage() == null ? "unreadable" : e.getMessage();
            throw new TrainctlException(ExitCode.DATA, location + " is not a readable model.tar.gz (" + reason + "):"
                    + " give the archive a training job wrote, or a model directory", e);
        }
    }

    /**
     * A message about the files of a model that was unpacked into {@code directory}, naming {@code location} (the
     * archive the user gave) instead of the temporary directory.
     */
    public static String inWords(String message, Path directory, String location) {
        return directory.toString().equals(location) ? message : message.replace(directory.toString(), location);
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
            unpack(archive, location, model);
        }
        return model;
    }
}
