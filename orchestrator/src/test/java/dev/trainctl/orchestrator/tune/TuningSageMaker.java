package dev.trainctl.orchestrator.tune;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.CreateHyperParameterTuningJobRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateHyperParameterTuningJobResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeHyperParameterTuningJobRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeHyperParameterTuningJobResponse;
import software.amazon.awssdk.services.sagemaker.model.FinalHyperParameterTuningJobObjectiveMetric;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterTrainingJobSummary;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterTuningJobObjectiveType;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterTuningJobStatus;
import software.amazon.awssdk.services.sagemaker.model.ListTrainingJobsForHyperParameterTuningJobRequest;
import software.amazon.awssdk.services.sagemaker.model.ListTrainingJobsForHyperParameterTuningJobResponse;
import software.amazon.awssdk.services.sagemaker.model.StopHyperParameterTuningJobRequest;
import software.amazon.awssdk.services.sagemaker.model.StopHyperParameterTuningJobResponse;
import software.amazon.awssdk.services.sagemaker.model.TrainingJobStatus;

/**
 * A SageMaker client for tuning: records every request, answers DescribeHyperParameterTuningJob from a script (the
 * last answer repeats) and ListTrainingJobsForHyperParameterTuningJob with the current trials, split into pages of
 * {@link #PAGE} so the paginator is exercised.
 */
final class TuningSageMaker implements SageMakerClient {

    static final int PAGE = 2;
    static final String NAME = "trainctl-mnist-261201-100000";

    final List<Object> requests = new ArrayList<>();
    final Deque<Supplier<DescribeHyperParameterTuningJobResponse>> describes = new ArrayDeque<>();
    final Deque<List<HyperParameterTrainingJobSummary>> trialsOverTime = new ArrayDeque<>();

    @Override
    public CreateHyperParameterTuningJobResponse createHyperParameterTuningJob(
            CreateHyperParameterTuningJobRequest request) {
        requests.add(request);
        return CreateHyperParameterTuningJobResponse.builder().hyperParameterTuningJobArn(
                "arn:aws:sagemaker:eu-west-1:123456789012:hyper-parameter-tuning-job/"
                        + request.hyperParameterTuningJobName()).build();
    }

    @Override
    public DescribeHyperParameterTuningJobResponse describeHyperParameterTuningJob(
            DescribeHyperParameterTuningJobRequest request) {
        requests.add(request);
        if (trialsOverTime.size() > 1) {
            trialsOverTime.poll();
        }
        return describes.size() > 1 ? describes.poll().get() : describes.peek().get();
    }

    @Override
    public ListTrainingJobsForHyperParameterTuningJobResponse listTrainingJobsForHyperParameterTuningJob(
            ListTrainingJobsForHyperParameterTuningJobRequest request) {
        requests.add(request);
        List<HyperParameterTrainingJobSummary> all = trialsOverTime.peek();
        int from = request.nextToken() == null ? 0 : Integer.parseInt(request.nextToken());
        int to = Math.min(all.size(), from + PAGE);
        return ListTrainingJobsForHyperParameterTuningJobResponse.builder().trainingJobSummaries(all.subList(from, to))
                .nextToken(to < all.size() ? String.valueOf(to) : null).build();
    }

    @Override
    public StopHyperParameterTuningJobResponse stopHyperParameterTuningJob(StopHyperParameterTuningJobRequest request) {
        requests.add(request);
        return StopHyperParameterTuningJobResponse.builder().build();
    }

    /** One empty page: the request is what matters. */
    @Override
    public software.amazon.awssdk.services.sagemaker.model.ListHyperParameterTuningJobsResponse
            listHyperParameterTuningJobs(
            software.amazon.awssdk.services.sagemaker.model.ListHyperParameterTuningJobsRequest request) {
        requests.add(request);
        return software.amazon.awssdk.services.sagemaker.model.ListHyperParameterTuningJobsResponse.builder().build();
    }

    static HyperParameterTrainingJobSummary trial(int number, String learningRate, TrainingJobStatus status,
            Float accuracy) {
        HyperParameterTrainingJobSummary.Builder trial = HyperParameterTrainingJobSummary.builder()
                .trainingJobName(String.format("%s-%03d-%08x", NAME, number, number * 2654435761L & 0xffffffffL))
                .tunedHyperParameters(java.util.Map.of("learning_rate", learningRate))
                .trainingJobStatus(status)
                .creationTime(Instant.parse("2026-12-01T10:00:00Z").plusSeconds(number));
        if (status != TrainingJobStatus.IN_PROGRESS) {
            trial.trainingStartTime(Instant.parse("2026-12-01T10:01:00Z"))
                    .trainingEndTime(Instant.parse("2026-12-01T10:01:00Z").plusSeconds(60 + number));
        }
        if (accuracy != null) {
            trial.finalHyperParameterTuningJobObjectiveMetric(FinalHyperParameterTuningJobObjectiveMetric.builder()
                    .metricName("test:accuracy").value(accuracy).build());
        }
        return trial.build();
    }

    static DescribeHyperParameterTuningJobResponse described(HyperParameterTuningJobStatus status,
            HyperParameterTrainingJobSummary best) {
        return DescribeHyperParameterTuningJobResponse.builder()
                .hyperParameterTuningJobName(NAME)
                .hyperParameterTuningJobStatus(status)
                .hyperParameterTuningJobConfig(c -> c.strategy("Bayesian").hyperParameterTuningJobObjective(o -> o
                        .metricName("test:accuracy").type(HyperParameterTuningJobObjectiveType.MAXIMIZE)))
                .trainingJobDefinition(d -> d.outputDataConfig(o -> o.s3OutputPath(
                        "s3://trainctl-123456789012-eu-west-1/trainctl-mnist/output/")))
                .bestTrainingJob(best)
                .build();
    }

    @Override
    public String serviceName() {
        return "sagemaker";
    }

    @Override
    public void close() {}
}
