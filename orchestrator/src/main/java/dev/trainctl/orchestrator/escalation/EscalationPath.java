package dev.trainctl.orchestrator.escalation;

import java.util.List;

/**
 * The SageMaker privilege-escalation paths: the published ones (pathfinding.cloud's sagemaker-001 to -005;
 * cloudsplaining's list names none for SageMaker, pmapper leaves training and processing jobs as a TODO) and the other
 * SageMaker APIs that start work as a role the caller passes, each sourced from the AWS API Reference's description of
 * the role parameter (models, AutoML jobs, pipelines). Each is a set of steps, every step one of its actions, that
 * together let a principal run code, or have SageMaker act, as a role it is not.
 *
 * <p>A path that hands a role to SageMaker ({@code iam:PassRole}) reaches the passed role's permissions, if the role's
 * trust lets SageMaker assume it for what the path runs ({@link #runsAs}); the other paths reach an existing
 * notebook's role.
 */
public enum EscalationPath {

    NOTEBOOK_WITH_PASSED_ROLE("sagemaker-001", "iam:PassRole + sagemaker:CreateNotebookInstance",
            "create a notebook instance with a role and open its Jupyter terminal: a shell with the role's permissions",
            "a notebook instance", List.of(List.of("iam:PassRole"), List.of("sagemaker:CreateNotebookInstance"))),
    TRAINING_JOB_WITH_PASSED_ROLE("sagemaker-002", "iam:PassRole + sagemaker:CreateTrainingJob",
            "start a training job (or a tuning job, whose trials are training jobs) whose container runs any code with"
                    + " the role's permissions",
            "a training job", List.of(List.of("iam:PassRole"),
                    List.of("sagemaker:CreateTrainingJob", "sagemaker:CreateHyperParameterTuningJob"))),
    PROCESSING_JOB_WITH_PASSED_ROLE("sagemaker-003", "iam:PassRole + sagemaker:CreateProcessingJob",
            "start a processing job whose container runs any code with the role's permissions",
            "a processing job", List.of(List.of("iam:PassRole"), List.of("sagemaker:CreateProcessingJob"))),
    PRESIGNED_NOTEBOOK_URL("sagemaker-004", "sagemaker:CreatePresignedNotebookInstanceUrl",
            "open an existing notebook instance's Jupyter terminal: a shell with that notebook's role",
            null, List.of(List.of("sagemaker:CreatePresignedNotebookInstanceUrl"))),
    NOTEBOOK_LIFECYCLE_CONFIGURATION("sagemaker-005", "notebook lifecycle configuration + stop/start",
            "attach (or rewrite) a notebook's lifecycle configuration and restart it: the script runs as the"
                    + " notebook's role",
            null, List.of(List.of("sagemaker:CreateNotebookInstanceLifecycleConfig+sagemaker:UpdateNotebookInstance",
                    "sagemaker:UpdateNotebookInstanceLifecycleConfig"), List.of("sagemaker:StopNotebookInstance"),
                    List.of("sagemaker:StartNotebookInstance"))),
    // Not on pathfinding.cloud: CreateModel's ExecutionRoleArn is "the IAM role that SageMaker can assume to access
    // model artifacts and docker image for deployment on ML compute instances or for batch transform jobs"; the
    // model's container, any image the caller names, runs on the endpoint or transform instances with it.
    MODEL_WITH_PASSED_ROLE("trainctl-model", "iam:PassRole + sagemaker:CreateModel + an endpoint or a transform job",
            "create a model with a role and any container image, then serve it (CreateEndpointConfig +"
                    + " CreateEndpoint) or run it as a batch transform job (CreateTransformJob): the container runs any"
                    + " code with the role's permissions",
            "a model (inference)", List.of(List.of("iam:PassRole"), List.of("sagemaker:CreateModel"),
                    List.of("sagemaker:CreateEndpointConfig+sagemaker:CreateEndpoint",
                            "sagemaker:CreateTransformJob")),
            "https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateModel.html (ExecutionRoleArn)"),
    // CreateAutoMLJob(V2)'s RoleArn: "the ARN of the role that is used to access the data"; the job's processing,
    // training and (with ModelDeployConfig) endpoint steps run as it, reading and writing where the caller says.
    AUTOML_JOB_WITH_PASSED_ROLE("trainctl-automl", "iam:PassRole + sagemaker:CreateAutoMLJobV2",
            "start an AutoML (Autopilot) job, or its V1 form: SageMaker runs its processing and training jobs (and,"
                    + " with ModelDeployConfig, an endpoint) as the role, reading input from and writing output to the"
                    + " S3 locations the caller names, so the caller uses the role's data access",
            "an AutoML job", List.of(List.of("iam:PassRole"), List.of("sagemaker:CreateAutoMLJobV2",
                    "sagemaker:CreateAutoMLJob")),
            "https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateAutoMLJobV2.html (RoleArn)"),
    // CreatePipeline's RoleArn: "the role used by the pipeline to access and create resources"; the definition's
    // training and processing steps run any image, as that role or one it passes.
    PIPELINE_WITH_PASSED_ROLE("trainctl-pipeline", "iam:PassRole + sagemaker:CreatePipeline + StartPipelineExecution",
            "create (or update) a pipeline with a role, its definition's training and processing steps running any"
                    + " container, and start it: the steps run any code with the role's permissions",
            "a pipeline", List.of(List.of("iam:PassRole"), List.of("sagemaker:CreatePipeline",
                    "sagemaker:UpdatePipeline"), List.of("sagemaker:StartPipelineExecution")),
            "https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreatePipeline.html (RoleArn)");

    private final String id;
    private final String title;
    private final String gain;
    private final String runsAs;
    private final List<List<String>> steps;
    private final String source;

    EscalationPath(String id, String title, String gain, String runsAs, List<List<String>> steps) {
        this(id, title, gain, runsAs, steps, "https://pathfinding.cloud/paths/" + id);
    }

    EscalationPath(String id, String title, String gain, String runsAs, List<List<String>> steps, String source) {
        this.id = id;
        this.title = title;
        this.gain = gain;
        this.runsAs = runsAs;
        this.steps = steps;
        this.source = source;
    }

    /**
     * pathfinding.cloud's ID ({@code sagemaker-002}, {@code https://pathfinding.cloud/paths/ID}), or, for a path it
     * does not list, trainctl's own ({@code trainctl-model}).
     */
    public String id() {
        return id;
    }

    /** Where the path is documented: pathfinding.cloud's page, or the AWS API Reference page of its role parameter. */
    public String source() {
        return source;
    }

    /** How the one-line descriptions cite it: {@code pathfinding.cloud sagemaker-002} or the AWS page. */
    public String reference() {
        return id.startsWith("sagemaker-") ? "pathfinding.cloud " + id : "AWS: " + source;
    }

    public String title() {
        return title;
    }

    /** What the path lets its holder do, in a few words. */
    public String gain() {
        return gain;
    }

    public boolean passesRole() {
        return runsAs != null;
    }

    /**
     * What runs as the passed role ({@code a training job}): SageMaker assumes the role for it, so the role's trust
     * must admit its source; null for a path that passes no role.
     */
    public String runsAs() {
        return runsAs;
    }

    /**
     * Every step must be possible; a step is possible when one of its alternatives is, and an alternative written
     * {@code a+b} needs both actions.
     */
    public List<List<String>> steps() {
        return steps;
    }
}
