package dev.trainctl.orchestrator.emulate;

import dev.trainctl.orchestrator.jobs.S3Uri;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /** Downloads and unpacks {@code s3://.../model.tar.gz} into a new directory under {@code parent}. */
    public static Path download(S3Client s3, String location, Path parent) throws IOException {
        S3Uri uri = S3Uri.parse(location);
        if (!uri.key().endsWith(".tar.gz")) {
            throw new IllegalArgumentException("an S3 model must be a model.tar.gz, got " + location);
        }
        Path directory = Files.createTempDirectory(parent, "trainctl-model");
        Path archive = directory.resolve("model.tar.gz");
        s3.getObject(GetObjectRequest.builder().bucket(uri.bucket()).key(uri.key()).build(), archive);
        Path model = Files.createDirectories(directory.resolve("model"));
        Tarball.unpack(archive, model);
        return model;
    }
}
