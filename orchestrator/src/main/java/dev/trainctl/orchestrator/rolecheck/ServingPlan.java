package dev.trainctl.orchestrator.rolecheck;

import dev.trainctl.orchestrator.names.ResourceNames;
import dev.trainctl.orchestrator.roles.RoleArn;
import java.util.ArrayList;
import java.util.List;

/**
 * The serving case of {@code role check --serving}: what SageMaker does as the model's role to serve a model of
 * the name (each must be allowed), what that role must never be able to do (each must be denied: above all, change
 * a model or read the training data), and what the caller needs to deploy it (and may not: an instance-backed
 * endpoint). Pure: builds the cases, sends nothing.
 */
final class ServingPlan {

    private ServingPlan() {}

    /** The endpoint's log group in the scope's account and region. */
    private static String logGroup(JobScope scope, String endpoint) {
        return "arn:" + scope.partition() + ":logs:" + scope.region() + ":" + scope.account() + ":log-group:"
                + ResourceNames.ENDPOINT_LOG_GROUP_PREFIX + endpoint;
    }

    static List<SimulationCase> required(JobScope scope, String endpoint) {
        String repository = scope.repositoryArn();
        String stream = logGroup(scope, endpoint) + ":log-stream:AllTraffic/i-0123456789abcdef0";
        return List.of(
                SimulationCase.allowed("s3:GetObject", scope.objectArn("output", endpoint + "/output/model.tar.gz"),
                        SimulationPlan.statement("s3:GetObject", scope.objectArn("output", "*"), null),
                        "download the model artifact"),
                SimulationCase.allowed("ecr:GetAuthorizationToken", "*",
                        SimulationPlan.statement("ecr:GetAuthorizationToken", "*", null), "log in to ECR"),
                SimulationCase.allowed("ecr:BatchGetImage", repository,
                        SimulationPlan.statement("ecr:BatchGetImage", repository, null), "pull the image"),
                SimulationCase.allowed("ecr:GetDownloadUrlForLayer", repository,
                        SimulationPlan.statement("ecr:GetDownloadUrlForLayer", repository, null),
                        "pull the image layers"),
                SimulationCase.allowed("logs:CreateLogStream", stream,
                        SimulationPlan.statement("logs:CreateLogStream", logGroup(scope, "*") + ":log-stream:*", null),
                        "create the endpoint's log stream"),
                SimulationCase.allowed("logs:PutLogEvents", stream,
                        SimulationPlan.statement("logs:PutLogEvents", logGroup(scope, "*") + ":log-stream:*", null),
                        "write the endpoint's logs"));
    }

    /** What a serving role must not do, on top of the probes every role gets. */
    static List<SimulationCase> probes(JobScope scope, RoleArn role, String endpoint) {
        List<SimulationCase> probes = new ArrayList<>(List.of(
                SimulationCase.denied("s3:PutObject", scope.objectArn("output", endpoint + "/output/model.tar.gz"),
                        "overwrite a model (a later deploy would serve it)"),
                SimulationCase.denied("s3:GetObject", scope.objectArn("data", "train-images-idx3-ubyte.gz"),
                        "read the training data"),
                SimulationCase.denied("s3:GetObject", scope.objectArn("checkpoints", endpoint + "/checkpoint.json"),
                        "read training checkpoints"),
                SimulationCase.denied("sagemaker:CreateEndpoint", "arn:" + scope.partition() + ":sagemaker:"
                        + scope.region() + ":" + scope.account() + ":endpoint/rolecheck-probe", "create endpoints")));
        probes.addAll(SimulationPlan.probes(scope, role));
        return probes;
    }

    /** The caller's side: pass the role, create the model, a serverless config; never an instance-backed one. */
    static List<SimulationCase> caller(RoleArn role, JobScope scope, String endpoint, String name) {
        String modelArn = sageMakerArn(scope, "model", endpoint);
        String configArn = sageMakerArn(scope, "endpoint-config", endpoint);
        List<ContextValue> tags = List.of(ContextValue.string("aws:RequestTag/" + ResourceNames.Tag.MANAGED_BY,
                ResourceNames.Tag.TRAINCTL), ContextValue.string("aws:RequestTag/" + ResourceNames.Tag.NAME, name));
        List<ContextValue> serverless = new ArrayList<>(tags);
        serverless.add(ContextValue.numeric("sagemaker:ServerlessMemorySize", 2048));
        serverless.add(ContextValue.numeric("sagemaker:ServerlessMaxConcurrency", 2));
        serverless.add(ContextValue.string("sagemaker:ModelArn", modelArn));
        List<ContextValue> instance = new ArrayList<>(tags);
        instance.add(ContextValue.stringList("sagemaker:InstanceTypes", "ml.m5.large"));
        instance.add(ContextValue.string("sagemaker:ModelArn", modelArn));
        return List.of(
                SimulationCase.allowed("iam:PassRole", role.toString(), SimulationPlan.statement("iam:PassRole",
                        role.toString(), "\"StringEquals\": {\"iam:PassedToService\": \"" + TrustCheck.SAGEMAKER
                                + "\"}"), "pass the serving role to SageMaker",
                        ContextValue.string("iam:PassedToService", TrustCheck.SAGEMAKER)),
                new SimulationCase("sagemaker:CreateModel", modelArn, tags, Expectation.ALLOWED,
                        "create the model " + endpoint, SimulationPlan.statement("sagemaker:CreateModel",
                                sageMakerArn(scope, "model", "*"), null)),
                new SimulationCase("sagemaker:CreateEndpointConfig", configArn, serverless, Expectation.ALLOWED,
                        "create a serverless endpoint config (2048 MB, 2 at once)", SimulationPlan.statement(
                                "sagemaker:CreateEndpointConfig", sageMakerArn(scope, "endpoint-config", "*"),
                                "\"Null\": {\"sagemaker:InstanceTypes\": \"true\"}")),
                new SimulationCase("sagemaker:CreateEndpointConfig", configArn, instance, Expectation.DENIED,
                        "create an instance-backed endpoint config (ml.m5.large, billed by the hour even idle)",
                        null));
    }

    private static String sageMakerArn(JobScope scope, String type, String name) {
        return "arn:" + scope.partition() + ":sagemaker:" + scope.region() + ":" + scope.account() + ":" + type + "/"
                + name;
    }
}
