package dev.trainctl.orchestrator.jobs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.CreateTrainingJobRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateTrainingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.ListTrainingJobsRequest;
import software.amazon.awssdk.services.sagemaker.model.ListTrainingJobsResponse;
import software.amazon.awssdk.services.sagemaker.model.StopTrainingJobRequest;
import software.amazon.awssdk.services.sagemaker.model.StopTrainingJobResponse;

/**
 * A SageMaker client that records requests and answers from a script; every other call throws. Public for the
 * role check's live job, which runs through the same jobs code.
 */
public final class RecordingSageMaker implements SageMakerClient {

    public final List<Object> requests = new ArrayList<>();
    public final Deque<Supplier<DescribeTrainingJobResponse>> describes = new ArrayDeque<>();
    public final Deque<ListTrainingJobsResponse> listPages = new ArrayDeque<>();
    public RuntimeException createFailure;

    @Override
    public CreateTrainingJobResponse createTrainingJob(CreateTrainingJobRequest request) {
        requests.add(request);
        if (createFailure != null) {
            throw createFailure;
        }
        return CreateTrainingJobResponse.builder()
                .trainingJobArn("arn:aws:sagemaker:eu-west-1:123456789012:training-job/" + request.trainingJobName())
                .build();
    }

    /** Answers with the scripted responses in order, then repeats the last one. */
    @Override
    public DescribeTrainingJobResponse describeTrainingJob(DescribeTrainingJobRequest request) {
        requests.add(request);
        return describes.size() > 1 ? describes.poll().get() : describes.peek().get();
    }

    @Override
    public ListTrainingJobsResponse listTrainingJobs(ListTrainingJobsRequest request) {
        requests.add(request);
        return listPages.poll();
    }

    @Override
    public StopTrainingJobResponse stopTrainingJob(StopTrainingJobRequest request) {
        requests.add(request);
        return StopTrainingJobResponse.builder().build();
    }

    @Override
    public String serviceName() {
        return "sagemaker";
    }

    @Override
    public void close() {}

    public <T> List<T> requestsOf(Class<T> type) {
        return requests.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
