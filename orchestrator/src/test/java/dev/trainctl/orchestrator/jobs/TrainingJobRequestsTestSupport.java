package dev.trainctl.orchestrator.jobs;

import dev.trainctl.orchestrator.names.S3Uri;
import dev.trainctl.orchestrator.trainingjob.TrainingJobRequests;
import dev.trainctl.orchestrator.trainingjob.TrainingJobSpec;
import dev.trainctl.training.sagemaker.JobHyperparameters;
import java.util.Optional;

/** A valid spec for tests that only need one. */
final class TrainingJobRequestsTestSupport {

    private TrainingJobRequestsTestSupport() {}

    static TrainingJobSpec spec() {
        S3Uri bucket = new S3Uri("trainctl-123456789012-eu-west-1", "");
        return new TrainingJobSpec("trainctl-mnist-20261125-090807-654",
                "arn:aws:iam::123456789012:role/trainctl-mnist-execution", "image:latest",
                "ml.p3.2xlarge", 10, JobHyperparameters.defaults().toStrings(),
                bucket.resolve("trainctl-mnist/data/"), bucket.resolve("trainctl-mnist/output/"), 3600, false, 0,
                Optional.empty(), TrainingJobRequests.tags("trainctl-mnist"), true,
                dev.trainctl.orchestrator.jobsecurity.JobSecurity.none());
    }
}
