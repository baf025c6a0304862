package dev.trainctl.orchestrator.escalation;

import java.util.List;

/**
 * The published SageMaker privilege-escalation paths (pathfinding.cloud's sagemaker-001 to -005; cloudsplaining's
 * list names none for SageMaker, pmapper leaves training and processing jobs as a TODO): each a set of steps, every
 * step one of its actions, that together let a principal run code as a role it is not.
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
                    List.of("sagemaker:StartNotebookInstance")));

    private final String id;
    private final String title;
    private final String gain;
    private final String runsAs;
    private final List<List<String>> steps;

    EscalationPath(String id, String title, String gain, String runsAs, List<List<String>> steps) {
        this.id = id;
        this.title = title;
        this.gain = gain;
        this.runsAs = runsAs;
        this.steps = steps;
    }

    /** pathfinding.cloud's ID, {@code https://pathfinding.cloud/paths/ID}. */
    public String id() {
        return id;
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
