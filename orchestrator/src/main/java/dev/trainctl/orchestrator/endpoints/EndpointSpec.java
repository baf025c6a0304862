package dev.trainctl.orchestrator.endpoints;

import dev.trainctl.orchestrator.names.JobNames;
import dev.trainctl.orchestrator.names.ResourceNames;
import dev.trainctl.orchestrator.names.S3Uri;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a trainctl endpoint is, the plan {@link EndpointRequests} turns into CreateModel, CreateEndpointConfig
 * and CreateEndpoint. The model, its endpoint config and the endpoint all carry the name of the training job whose
 * model they serve, so deploying a model twice finds what the first deploy made (one endpoint per model).
 *
 * @param name the model's, config's and endpoint's name: the training job's
 * @param image the image whose {@code serve} entry point serves the model (the one that trained it)
 * @param model the model artifact, {@code s3://BUCKET/NAME/output/JOB/output/model.tar.gz}
 * @param roleArn the serving role SageMaker assumes to fetch the model and the image
 * @param tags trainctl's tags, on all three
 */
public record EndpointSpec(String name, String image, S3Uri model, String roleArn, ServerlessSettings serverless,
        Map<String, String> tags) {

    /** ProductionVariant's name; one variant, all traffic. */
    public static final String VARIANT = "AllTraffic";

    public EndpointSpec {
        JobNames.validate(name);
        Objects.requireNonNull(serverless, "serverless");
        if (image == null || image.isBlank()) {
            throw new IllegalArgumentException("the image is empty");
        }
        if (roleArn == null || !roleArn.matches("arn:aws[a-z-]*:iam::\\d{12}:role/.+")) {
            throw new IllegalArgumentException("not an IAM role ARN: '" + roleArn + "'");
        }
        if (!model.key().endsWith("/output/model.tar.gz")) {
            throw new IllegalArgumentException("the model must be a job's .../output/model.tar.gz, got " + model);
        }
        tags = Map.copyOf(tags);
    }

    /**
     * The endpoint for the model of job {@code job} in trainctl's layout, run by the image and the role given, tagged
     * with the name.
     */
    public static EndpointSpec forJob(ResourceNames names, String job, String image, String roleArn,
            ServerlessSettings serverless) {
        return new EndpointSpec(job, image, modelOf(names, job), roleArn, serverless, Map.of(
                ResourceNames.Tag.MANAGED_BY, ResourceNames.Tag.TRAINCTL, ResourceNames.Tag.NAME, names.name()));
    }

    /** Where job {@code job} of the name put its model: {@code s3://BUCKET/NAME/output/JOB/output/model.tar.gz}. */
    public static S3Uri modelOf(ResourceNames names, String job) {
        return new S3Uri(names.bucket(), names.outputPrefix() + job + "/output/model.tar.gz");
    }

    /**
     * The job whose model {@code model} is, when it is one of the name's models in the bucket (the only ones the
     * serving role may read); otherwise an IllegalArgumentException that says where models must be.
     */
    public static String jobOf(ResourceNames names, S3Uri model) {
        String prefix = names.outputPrefix();
        String key = model.key();
        String job = key.startsWith(prefix) && key.endsWith("/output/model.tar.gz")
                ? key.substring(prefix.length(), key.length() - "/output/model.tar.gz".length()) : "";
        if (!model.bucket().equals(names.bucket()) || !JobNames.isOf(names.name(), job)) {
            throw new IllegalArgumentException("--model " + model + " is not a model of '" + names.name() + "': the"
                    + " serving role may only read s3://" + names.bucket() + "/" + prefix
                    + "JOB/output/model.tar.gz of this name's jobs (pass --job JOB, or --name and --bucket)");
        }
        return job;
    }
}
