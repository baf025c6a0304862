package dev.trainctl.orchestrator.rolecheck;

import dev.trainctl.orchestrator.jobs.PriceTable;
import dev.trainctl.orchestrator.jobsecurity.JobSecurity;
import dev.trainctl.orchestrator.names.JobNames;
import dev.trainctl.orchestrator.names.ResourceNames;
import dev.trainctl.orchestrator.names.S3Uri;
import dev.trainctl.orchestrator.roles.RoleArn;
import dev.trainctl.orchestrator.trainingjob.TrainingJobRequests;
import dev.trainctl.orchestrator.trainingjob.TrainingJobSpec;
import dev.trainctl.training.sagemaker.JobHyperparameters;
import dev.trainctl.training.train.Hyperparameters;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.sagemaker.model.CreateTrainingJobRequest;

/**
 * Check 5's job, planned but not sent: the smallest real training job that exercises every permission the role
 * grants (read data, pull the image, write logs, metrics, checkpoints and the artifact). It is built the way every
 * {@code train --on sagemaker} job is ({@link TrainingJobSpec#inLayout}: same channel, metric definitions, tags and
 * checkpoint layout), only smaller.
 *
 * @param spec the job; {@link #request()} is exactly what is sent
 */
public record LiveJobPlan(TrainingJobSpec spec) {

    public static final String INSTANCE_TYPE = "ml.t3.medium";
    public static final int MAX_RUNTIME_SECONDS = RoleCheckCommand.LIVE_MAX_RUNTIME_SECONDS;
    /** The 1,000-sample subset, one epoch: enough to prove the path, seconds of compute. */
    public static final int SAMPLES = 1000;
    /** The container's own hyperparameters (the names its entry point accepts): one epoch on the subset. */
    public static final JobHyperparameters HYPERPARAMETERS = new JobHyperparameters(
            Hyperparameters.defaults().withEpochs(1), JobHyperparameters.defaults().dataset(), SAMPLES,
            JobHyperparameters.defaults().device());

    public LiveJobPlan {
        Objects.requireNonNull(spec, "spec");
    }

    /**
     * The job for a role, its resources and a training image URI. The job name is
     * {@code NAME-rolecheck-yyyyMMdd-HHmmss-SSS}: it starts with {@code NAME-}, which trainctl's trust and caller
     * policies require.
     */
    public static LiveJobPlan of(RoleArn role, JobScope scope, String name, String image, Instant now) {
        return of(role, scope, name, image, now, JobSecurity.none());
    }

    /** The same job in the VPC and with the keys a real job uses: the live job proves the ec2 and kms grants too. */
    public static LiveJobPlan of(RoleArn role, JobScope scope, String name, String image, Instant now,
            JobSecurity security) {
        // Checkpoints on (not spot): the job then also proves the role may write under PREFIX/checkpoints/.
        String jobName = JobNames.generate(name + ResourceNames.ROLE_CHECK_SUFFIX, now);
        return new LiveJobPlan(TrainingJobSpec.inLayout(name, scope.base(), jobName, role.toString(), image,
                INSTANCE_TYPE, HYPERPARAMETERS, MAX_RUNTIME_SECONDS, false, 0, true).withSecurity(security));
    }

    public String jobName() {
        return spec.jobName();
    }

    /** The CreateTrainingJob request, printable with {@code AwsRequestJson}. */
    public CreateTrainingJobRequest request() {
        return TrainingJobRequests.create(spec);
    }

    /** What it can cost at most: one line, from the same price table as {@code train --on sagemaker}. */
    public String worstCase() {
        return PriceTable.worstCase(INSTANCE_TYPE, MAX_RUNTIME_SECONDS);
    }

    /** Where SageMaker puts {@code model.tar.gz}: {@code PREFIX/output/JOB/output/model.tar.gz}. */
    public S3Uri artifact() {
        return spec.modelArtifact();
    }

    /** The prefixes only this job writes under, which the cleanup empties. */
    public List<S3Uri> outputPrefixes() {
        return spec.writesUnder();
    }
}
