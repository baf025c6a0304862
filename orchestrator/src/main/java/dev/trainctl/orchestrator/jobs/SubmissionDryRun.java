package dev.trainctl.orchestrator.jobs;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.trainctl.orchestrator.aws.AwsErrors;
import dev.trainctl.orchestrator.aws.AwsRequestJson;
import dev.trainctl.orchestrator.aws.AwsRequestJson.Form;
import dev.trainctl.orchestrator.cli.Console;
import dev.trainctl.orchestrator.jobsecurity.KmsKeyArn;
import dev.trainctl.orchestrator.names.S3Uri;
import dev.trainctl.orchestrator.trainingjob.DataUpload;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code --dry-run} of {@code train --on sagemaker} and {@code tune --on sagemaker}: what would be sent, in order, and
 * nothing sent. First the data uploads ({@code PutObject}, only files missing or changed where the bucket can be
 * read), then the job's request. With {@code --output json}: one document, the job's request as {@code service},
 * {@code operation}, {@code request}, and {@code uploads}, each a PutObject call with {@code body}, the local file
 * its bytes come from; every request exactly as the SDK gets it. Text: the uploads as lines on stderr, the job's
 * request on stdout.
 */
public final class SubmissionDryRun {

    private SubmissionDryRun() {}

    /**
     * @param kmsKey {@code --kms-key}: every upload is put with SSE-KMS under it
     * @param canRead whether the bucket can be read (real credentials): then files already there are left out
     */
    public static void print(Console console, S3Client s3, Optional<String> bucketOwner, List<Path> files,
            S3Uri prefix, Optional<KmsKeyArn> kmsKey, boolean canRead, SdkRequest request) throws IOException {
        DataUpload upload = new DataUpload(s3, bucketOwner, line -> { }, kmsKey);
        Optional<String> unreadable = canRead ? Optional.empty() : Optional.of("no AWS credentials");
        DataUpload.Plan uploads;
        try {
            uploads = upload.plan(files, prefix, canRead);
        } catch (SdkException e) {
            // A dry run before provision (no bucket yet), or without s3:GetObject: it still shows every upload.
            unreadable = Optional.of(AwsErrors.translate(e, "s3:GetObject", prefix.toString()).getMessage());
            uploads = upload.plan(files, prefix, false);
        }
        if (console.json()) {
            JsonObject document = AwsRequestJson.describe(request, Form.EXACT);
            JsonArray puts = new JsonArray();
            for (DataUpload.Put put : uploads.puts()) {
                JsonObject call = AwsRequestJson.describe(put.request(), Form.EXACT);
                call.addProperty("body", put.file().toAbsolutePath().toString());
                puts.add(call);
            }
            document.add("uploads", puts);
            console.out().println(Console.gson().toJson(document));
            return;
        }
        console.warn("--dry-run: nothing was uploaded or submitted; this is what would be sent, in order:");
        for (DataUpload.Put put : uploads.puts()) {
            String owner = put.request().expectedBucketOwner();
            console.warn("  PutObject " + put.target());
            console.warn("    body " + put.file() + " (" + put.size() + " bytes), Metadata sha256="
                    + put.request().metadata().get(DataUpload.SHA256_METADATA)
                    + (owner == null ? "" : ", ExpectedBucketOwner " + owner)
                    + (put.request().ssekmsKeyId() == null ? "" : ", SSE-KMS " + put.request().ssekmsKeyId()));
        }
        if (uploads.puts().isEmpty()) {
            console.warn("  (no upload: the " + uploads.unchanged().size() + " data files are already in " + prefix
                    + " with the same size and SHA-256)");
        }
        unreadable.ifPresent(reason -> console.warn("  (every file is listed: what is already in " + prefix
                + " could not be read (" + reason + "); files there with the same size and SHA-256 are not sent"
                + " again)"));
        console.warn("  then " + AwsRequestJson.describe(request, Form.READABLE).get("operation").getAsString()
                + " (on stdout):");
        console.out().println(AwsRequestJson.print(request, Form.READABLE));
    }
}
